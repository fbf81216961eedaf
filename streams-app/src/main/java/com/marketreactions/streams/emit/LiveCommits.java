package com.marketreactions.streams.emit;

import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Commits live records right away: the reactions, and what other tasks wait for (the benchmark's copies, the news
 * by ticker). A record due less than {@value #LIVE_LAG_MS} ms before the wall clock is live: its transaction is
 * committed at once (at most every {@value #GAP_MS} ms) instead of at the next commit interval, so a reader sees it
 * a commit's duration after the tick rather than up to {@code commit.interval.ms} later. A replay of history, or a
 * service catching up, is never live and commits at the interval (a second: {@code ReactionApp#properties}), which
 * with a whole market's symbols writes a third of the records per tick a tenth of the interval did; the extra
 * commits stop by themselves once the input falls behind.
 */
public final class LiveCommits {

    static final long LIVE_LAG_MS = 1000;
    static final long GAP_MS = 50;

    private final ProcessorContext<?, ?> context;
    private long lastCommit;
    /** A live reaction was emitted after the last requested commit. */
    private boolean uncommitted;

    public LiveCommits(ProcessorContext<?, ?> context) {
        this.context = context;
    }

    /** A record due at {@code due} (a reaction's close or timestamp, a tick's or news item's time) was sent at {@code wall}. */
    public void emitted(long due, long wall) {
        if (wall - due < LIVE_LAG_MS) {
            uncommitted = true;
            commitIfDue(wall);
        }
    }

    /** A live reaction was emitted and its commit not requested yet. */
    public boolean uncommitted() {
        return uncommitted;
    }

    /** Requests a commit for the live reactions emitted since the last one, unless one was requested just now. */
    public void commitIfDue(long wall) {
        if (uncommitted && wall - lastCommit >= GAP_MS) {
            context.commit(); // a request: Streams commits once the records at hand are processed
            lastCommit = wall;
            uncommitted = false;
        }
    }
}
