package com.marketreactions.streams.time;

/**
 * What is late: the one rule for ticks and the one for news.
 *
 * <p>A tick is late when it is more than the grace period G behind its symbol's clock (the newest tick time the
 * symbol had before it). It is counted, and still enters the history, where every window that is open sees it and
 * every closed one does not ({@link WindowClose#sees}).
 *
 * <p>A news event is late when the task's time ({@link StreamTime#taskTime}) is more than the news lateness L past
 * its time: its reactions are computed from what history is left and flagged {@code LATE_NEWS}.
 */
public final class Lateness {

    private final long graceMs;
    private final long newsLatenessMs;

    public Lateness(long graceMs, long newsLatenessMs) {
        this.graceMs = graceMs;
        this.newsLatenessMs = newsLatenessMs;
    }

    /** A tick at {@code ts} whose symbol's clock was {@code clockBefore} ({@link StreamTime#NONE} for its first). */
    public boolean isLateTick(long ts, long clockBefore) {
        return isLateTick(ts, clockBefore, graceMs);
    }

    public static boolean isLateTick(long ts, long clockBefore, long graceMs) {
        return clockBefore != StreamTime.NONE && ts < clockBefore - graceMs;
    }

    /** A news event at {@code t0} arriving when the task's time is {@code taskTime}. */
    public boolean isLateNews(long t0, long taskTime) {
        return taskTime != StreamTime.NONE && taskTime != StreamTime.END && t0 < taskTime - newsLatenessMs;
    }

    /**
     * No news at or before {@code t0} can still arrive in time from the news input, whose time
     * ({@link StreamTime#newsTime}) is {@code newsTime}: it ended or is quiet, or has moved more than L past
     * {@code t0}. A FINAL waits for this, since its story reads every earlier item: live the news input is quiet or
     * current and this holds long before a window closes; a service catching up on a backlog of news waits here.
     */
    public boolean newsSettled(long t0, long newsTime) {
        return noEarlierNewsInTime(t0, newsTime);
    }

    /** No news at or before {@code t0} can still arrive in time: the input ended, or such news would be late now. */
    public boolean noEarlierNewsInTime(long t0, long taskTime) {
        return taskTime == StreamTime.END || isLateNews(t0, taskTime);
    }
}
