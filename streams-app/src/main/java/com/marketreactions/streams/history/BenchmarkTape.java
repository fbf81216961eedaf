package com.marketreactions.streams.history;

import com.marketreactions.streams.reaction.TickSeries;
import com.marketreactions.streams.time.StreamTime;
import java.util.TreeSet;

/**
 * The benchmark's recent trades in memory, as they arrived, for the benchmark's side of the windows: every window of
 * every ticker reads the same benchmark, and read from the tick history (a day of it for each one-day window) those
 * reads were the largest single cost of a whole market's FINALs.
 *
 * <p>Exact by construction. The tape keeps the trades that came in order (at or after the benchmark's clock): such a
 * trade inside a window came before the clock passed the window's close, so every read as of a close sees it. A
 * trade that came out of order may or may not be seen, depending on the close; the tape keeps only its time, and a
 * window with one inside it is read from the history as before. So is a window starting before what the tape holds
 * (after a restart the tape starts empty, and it is trimmed as windows close).
 */
public final class BenchmarkTape {

    private final TickSeries ticks = new TickSeries();
    /** Every in-order trade at or after this time is on the tape; {@code Long.MAX_VALUE} before the first. */
    private long completeFrom = Long.MAX_VALUE;
    /** Times of trades that came out of order, from {@code completeFrom} on. */
    private final TreeSet<Long> disorder = new TreeSet<>();

    /** A benchmark trade, applied to the history when the benchmark's clock was {@code clockBefore}. */
    public void add(long ts, double price, long size, long clockBefore) {
        boolean inOrder = clockBefore == StreamTime.NONE || ts >= clockBefore;
        if (completeFrom == Long.MAX_VALUE) {
            // what came before is in the history only (a restart): the tape holds what comes after the clock
            completeFrom = clockBefore == StreamTime.NONE ? Long.MIN_VALUE : clockBefore + 1;
        }
        if (inOrder) {
            ticks.add(ts, price, size);
        } else if (ts >= completeFrom) {
            disorder.add(ts);
        }
    }

    /**
     * A trade at {@code ts} was withdrawn or replaced: the tape cannot take it out for some closes and not others, so
     * the windows that hold it are read from the history, as for a trade that came out of order.
     */
    public void amended(long ts) {
        if (ts >= completeFrom) {
            disorder.add(ts);
        }
    }

    /**
     * The trades of {@code (from, to]} as a read of the history as of any close after {@code to} would give them
     * (the series may hold more: take the range), or null when the tape cannot say.
     */
    public TickSeries window(long from, long to) {
        if (from == Long.MAX_VALUE || from + 1 < completeFrom) {
            return null;
        }
        return disorder.subSet(from + 1, true, to, true).isEmpty() ? ticks : null;
    }

    /** Forgets the trades before {@code time}: no window that the tape serves starts before it any more. */
    public void dropBefore(long time) {
        if (time <= completeFrom) {
            return;
        }
        ticks.dropFirst(ticks.firstAtOrAfter(time));
        disorder.headSet(time, false).clear();
        completeFrom = time;
    }
}
