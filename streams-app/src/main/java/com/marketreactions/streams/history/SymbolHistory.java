package com.marketreactions.streams.history;

import com.marketreactions.streams.time.StreamTime;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;

/**
 * One symbol of the tick history in memory: its clock, how far it was expired, its latest minute and the older ones
 * touched since the last flush (or read back for a late tick). Stored: its minutes, and a meta record with how far
 * it was expired (and the clock then, which the newest stored tick may have passed since).
 */
final class SymbolHistory {

    /** One minute's ticks and how much of them the inner store has. */
    static final class Minute {
        final TickBlock ticks;
        /** Index of the first tick not yet written to the inner store; {@code Integer.MAX_VALUE} when clean. */
        int firstDirty = Integer.MAX_VALUE;

        Minute(TickBlock ticks) {
            this.ticks = ticks;
        }

        boolean clean() {
            return firstDirty == Integer.MAX_VALUE;
        }
    }

    final byte[] prefix;
    final Bytes metaKey;
    /**
     * The minutes in memory before the latest: touched since the last flush, or read back for a late tick. The latest
     * is not among them: with a whole market most ticks open a new minute of their symbol, and a map insert and removal
     * per tick was a twentieth of the stream thread.
     */
    final TreeMap<Long, Minute> minutes = new TreeMap<>();

    long latest = Long.MIN_VALUE;
    /** The minute {@code latest} while it is in memory, else null. */
    Minute latestMinute;

    long clock = StreamTime.NONE;
    long expiredBefore = Long.MIN_VALUE;
    /**
     * No minute before this is in the store: expiry needs no scan up to it. {@code Long.MIN_VALUE} until the first
     * scan finds out (after a restart); {@code Long.MAX_VALUE} when the store holds none of the symbol's minutes.
     */
    long firstStored = Long.MIN_VALUE;

    boolean metaDirty;
    boolean dirty;
    /** What estimates read of the settled minutes, or null until one is computed. */
    SettledMinutes settled;

    SymbolHistory(String name) {
        this.prefix = HistoryKeys.minutesPrefix(name);
        this.metaKey = HistoryKeys.meta(name);
    }

    Bytes key(long minute, int part) {
        return HistoryKeys.minute(prefix, minute, part);
    }

    /** The key of a part of {@code minute} about to be written to the store. */
    Bytes written(long minute, int part) {
        firstStored = Math.min(firstStored, minute);
        return key(minute, part);
    }

    long minuteOf(byte[] key) {
        return HistoryKeys.minuteOf(prefix.length, key);
    }

    /** The in-memory minute of {@code start}, or null. */
    Minute inMemory(long start) {
        if (start >= latest) {
            return start == latest ? latestMinute : null;
        }
        return minutes.get(start);
    }

    /** The in-memory minutes of {@code [first, last]}, ascending. */
    Iterator<Map.Entry<Long, Minute>> inMemory(long first, long last) {
        Iterator<Map.Entry<Long, Minute>> older =
                minutes.subMap(first, true, last, true).entrySet().iterator();
        if (latestMinute == null || latest < first || latest > last) {
            return older;
        }
        Map.Entry<Long, Minute> newest = Map.entry(latest, latestMinute);
        return new Iterator<>() {
            private boolean done;

            @Override
            public boolean hasNext() {
                return older.hasNext() || !done;
            }

            @Override
            public Map.Entry<Long, Minute> next() {
                if (older.hasNext()) {
                    return older.next();
                }
                if (done) {
                    throw new NoSuchElementException();
                }
                done = true;
                return newest;
            }
        };
    }

    /** A new latest minute: the one before stays in memory only while it has ticks the store does not. */
    void newLatest(long start, Minute m) {
        if (latestMinute != null && !latestMinute.clean()) {
            minutes.put(latest, latestMinute);
        }
        latest = start;
        latestMinute = m;
    }

    /**
     * A minute read back from the store, for a late tick or a withdrawal: the latest when none is later (after a
     * restart none is in memory), so that the minutes before the latest are the only ones in the map.
     */
    void readBack(long start, Minute m) {
        if (start >= latest) {
            newLatest(start, m);
        } else {
            minutes.put(start, m);
        }
    }

    /** A block for a new latest minute, sized as the previous one was, so a busy symbol's block does not grow by copying. */
    TickBlock blockLikeLatest() {
        return new TickBlock(latestMinute == null ? 0 : latestMinute.ticks.size() * 5 / 4);
    }
}
