package com.marketreactions.streams.time;

/**
 * When a window closes: the one rule every decision about closing asks.
 *
 * <p>A reaction's window is {@code (T0, T0 + h]}. It closes at {@code T0 + h + G} and is closed once the reaction's
 * time ({@link StreamTime#reactionTime}: the slower of its ticker and the benchmark) has passed that point; then its
 * FINAL is emitted. The history before T0, which the estimate reads, closes the same way at {@code T0 + G}.
 *
 * <p>What a closed window holds is what its symbols had when their own clocks passed the close: a tick is seen by a
 * read as of the close when its symbol's clock before it was at most the close ({@link #sees}). So the moment a FINAL
 * is emitted (because the other input was slower) changes nothing in it.
 */
public final class WindowClose {

    /** The withdrawal clock of a trade no cancel or correction withdrew. */
    public static final long NOT_WITHDRAWN = Long.MAX_VALUE;

    private final long graceMs;

    public WindowClose(long graceMs) {
        this.graceMs = graceMs;
    }

    /** G, the grace period: how far behind its symbol's clock a tick may be and still count. */
    public long graceMs() {
        return graceMs;
    }

    /** The close time of the window {@code (t0, t0 + horizonMs]}. */
    public long of(long t0, long horizonMs) {
        return t0 + horizonMs + graceMs;
    }

    /** The close time of the history before {@code t0}: what an estimate reads, and when it is settled. */
    public long ofHistoryBefore(long t0) {
        return t0 + graceMs;
    }

    /** T0 of the window of {@code horizonMs} that closes at {@code close}. */
    public long t0(long close, long horizonMs) {
        return close - graceMs - horizonMs;
    }

    /** A window closing at {@code close} is closed once the reaction's time has passed it. */
    public static boolean isClosed(long close, long reactionTime) {
        return reactionTime > close;
    }

    /** Whether a read as of {@code close} sees a tick that arrived when its symbol's clock was {@code clockBefore}. */
    public static boolean sees(long close, long clockBefore) {
        return clockBefore <= close;
    }

    /**
     * Whether a read as of {@code close} sees a trade that arrived when its symbol's clock was {@code clockBefore} and
     * was withdrawn by a cancel or correction that arrived at {@code withdrawnAt} ({@link #NOT_WITHDRAWN} if never):
     * from its arrival until its withdrawal. A withdrawal is applied like a tick: to the windows still open then.
     */
    public static boolean sees(long close, long clockBefore, long withdrawnAt) {
        return sees(close, clockBefore) && (withdrawnAt == NOT_WITHDRAWN || !sees(close, withdrawnAt));
    }
}
