package com.marketreactions.streams.time;

import com.marketreactions.streams.story.StoryConfig;

/**
 * How far back a symbol's history and a ticker's story items are kept: from the estimation window E before the
 * earliest of its earliest pending news and the time a news within the lateness bound L can still have. That time is
 * L before the task's time, or before the symbol's own clock when that is behind (a feed behind the others keeps
 * what its own news will need). A news later than L is computed from what is left.
 */
public final class Retention {

    /** How often, in a symbol's own time, what can be dropped is looked for: dropping later only keeps more. */
    private static final long CHECK_EVERY_MS = 10 * 60_000L;

    private final long newsLatenessMs;
    private final long estimationMs;

    public Retention(long newsLatenessMs, long estimationMs) {
        this.newsLatenessMs = newsLatenessMs;
        this.estimationMs = estimationMs;
    }

    /**
     * Whether a tick at {@code ts} after the symbol's clock {@code clockBefore} starts a new check period: with
     * thousands of symbols each tick starts a minute of its symbol, and a check per minute was an eighth of the
     * stream thread.
     */
    public static boolean checkDue(long ts, long clockBefore) {
        return clockBefore == StreamTime.NONE
                || Math.floorDiv(ts, CHECK_EVERY_MS) > Math.floorDiv(clockBefore, CHECK_EVERY_MS);
    }

    /** The earliest tick time of a symbol anyone can still need. */
    public long historyFrom(long taskTime, long symbolClock, long earliestPendingT0) {
        return Math.min(earliestNewsInTime(taskTime, symbolClock), earliestPendingT0) - estimationMs;
    }

    /** The earliest news time whose window can still be read: a window starts after its news. */
    public long windowsFrom(long taskTime, long symbolClock, long earliestPendingT0) {
        return Math.min(earliestNewsInTime(taskTime, symbolClock), earliestPendingT0);
    }

    /** The earliest story item of a ticker a story can still read back to. */
    public long storyItemsFrom(long taskTime, long symbolClock, long earliestPendingT0) {
        return Math.min(earliestNewsInTime(taskTime, symbolClock), earliestPendingT0) - StoryConfig.MAX_AGE.toMillis();
    }

    /** The earliest time a news event arriving now could have and still be in time. */
    private long earliestNewsInTime(long taskTime, long symbolClock) {
        return Math.min(taskTime, symbolClock) - newsLatenessMs;
    }
}
