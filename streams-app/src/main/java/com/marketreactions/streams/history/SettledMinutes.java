package com.marketreactions.streams.history;

import com.marketreactions.streams.reaction.TickSeries;
import java.util.TreeSet;

/**
 * The settled minutes of one symbol, each as the one tick that stands for it in an estimate: its close (the last
 * tick, at its time) with the minute's volume. In memory only, computed from the tick history and dropped with it.
 *
 * <p>Why it is exact. An estimate (spec 1, 5, 6, 9) reads {@code [T0 - E, T0]} as of {@code T0 + G} and uses, of
 * a minute wholly inside that range, only its close, its close's time and its volume. A minute is <em>settled</em>
 * once its symbol's clock has passed its end by more than G, and every one of its ticks came in time (at most G
 * behind the clock): such a tick, being before T0, came while the clock was before {@code T0 + G}, so every read as
 * of any later T0 + G sees all of them. No tick of a settled minute can come in time any more; one that comes late
 * marks it {@link #unsettle unsettled}, and it is read from the history again.
 *
 * <p>Why not a stored tier of minute bars instead of raw ticks: the estimation window starts at {@code T0 - E} to
 * the millisecond, so the first minute's volume needs its ticks, and a late tick's inclusion depends on its arrival
 * clock; both need the raw history for the whole window. What a tier saves is the reading, and that is this.
 */
public final class SettledMinutes {

    /** Every minute in {@code [checkedFrom, checkedTo]} was looked at: settled ones are here, unsettled in a set. */
    private long checkedFrom = Long.MAX_VALUE;

    private long checkedTo = Long.MIN_VALUE;
    /** One tick per settled minute, ascending: its close's time and price, the minute's volume. */
    private final TickSeries closes = new TickSeries();

    private final TreeSet<Long> unsettled = new TreeSet<>();

    boolean isEmpty() {
        return checkedFrom > checkedTo;
    }

    long checkedFrom() {
        return checkedFrom;
    }

    long checkedTo() {
        return checkedTo;
    }

    int size() {
        return closes.size();
    }

    void clear() {
        checkedFrom = Long.MAX_VALUE;
        checkedTo = Long.MIN_VALUE;
        closes.dropFirst(closes.size());
        unsettled.clear();
    }

    /** A settled minute after every one so far. */
    void add(long lastTs, double lastPrice, long minuteVolume) {
        closes.add(lastTs, lastPrice, minuteVolume);
    }

    /** A minute after every one so far that has a tick not in time: read from the history. */
    void unsettle(long start) {
        unsettled.add(start);
    }

    /** Every minute from {@code from} (when none was looked at yet) up to {@code start} was looked at. */
    void checkedUpTo(long from, long start) {
        if (isEmpty()) {
            checkedFrom = from;
        }
        checkedTo = start;
    }

    /** A tick arrived for the minute starting at {@code start}: if it was looked at, the tick came late. */
    void touched(long start) {
        if (start >= checkedFrom && start <= checkedTo) {
            unsettled.add(start);
        }
    }

    /** Forgets the minutes before {@code start}. */
    void dropBefore(long start) {
        if (start <= checkedFrom) {
            return;
        }
        if (start > checkedTo) {
            clear();
            return;
        }
        closes.dropFirst(closes.firstAtOrAfter(start));
        unsettled.headSet(start, false).clear();
        checkedFrom = start;
    }

    /** Appends the settled minutes starting in {@code [from, to]} to {@code out}, one tick each. */
    void appendTo(TickSeries out, long from, long to) {
        // a close lies in its own minute: the minutes from..to hold the closes from..to + a minute - 1
        for (int i = closes.firstAtOrAfter(from); i < closes.size() && closes.ts(i) < to + TickBlock.SPAN_MS; i++) {
            out.add(closes.ts(i), closes.price(i), closes.volume(i));
        }
    }

    /** The unsettled minutes in {@code [from, to]}, ascending. */
    Iterable<Long> unsettled(long from, long to) {
        return unsettled.subSet(from, true, to, true);
    }
}
