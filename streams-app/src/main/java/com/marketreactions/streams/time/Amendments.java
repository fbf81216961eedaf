package com.marketreactions.streams.time;

/**
 * How far back a cancel or correction finds the trade it names: a day (vendors number trades per day), or the
 * estimation window E when that is shorter, behind its symbol's clock; so the trade is always in the history kept
 * ({@link Retention} keeps at least E + L). Like a late tick, it applies to the windows still open when it arrives
 * ({@link WindowClose#sees(long, long, long)}); one that comes more than G after its trade ({@link
 * Lateness#isLateTick}) may find windows of it closed, which keep the trade.
 */
public final class Amendments {

    /** The longest reach: ids are unique per symbol, venue and day. */
    public static final long MAX_REACH_MS = 86_400_000L;

    private final long reachMs;

    public Amendments(long estimationMs) {
        this.reachMs = Math.min(MAX_REACH_MS, estimationMs);
    }

    /** The earliest trade time a cancel or correction arriving when its symbol's clock is {@code clock} reaches. */
    public long searchFrom(long clock) {
        return clock - reachMs;
    }
}
