package com.marketreactions.streams.history;

import com.marketreactions.streams.time.StreamTime;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;

/**
 * One symbol of the tick history in memory: its clock, how far it was expired, its latest minute and the older ones
 * touched since the last flush. Stored: its minutes, and a meta record with how far it was expired (and the clock
 * then, which the newest stored tick may have passed since).
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
    final TreeMap<Long, Minute> minutes = new TreeMap<>();
    long latest = Long.MIN_VALUE;
    /** {@code minutes.get(latest)} while it is there: most ticks go to their symbol's latest minute. */
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

    /** The in-memory minute of {@code start}, or null (a minute after the latest is in no map). */
    Minute inMemory(long start) {
        if (start > latest) {
            return null;
        }
        return start == latest && latestMinute != null ? latestMinute : minutes.get(start);
    }

    /** A block for a new latest minute, sized as the previous one was, so a busy symbol's block does not grow by copying. */
    TickBlock blockLikeLatest() {
        return new TickBlock(latestMinute == null ? 0 : latestMinute.ticks.size() * 5 / 4);
    }
}
