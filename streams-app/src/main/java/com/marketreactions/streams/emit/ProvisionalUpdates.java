package com.marketreactions.streams.emit;

import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.streams.ReactionMetrics;
import com.marketreactions.streams.pending.PendingIndex;
import com.marketreactions.streams.pending.PendingReaction;
import com.marketreactions.streams.time.WindowClose;

/**
 * PROVISIONAL pacing. A tick inside an open window updates its reaction, at most once per
 * {@code max(interval, h / 60)} of stream time (a one-day window gets an update every 24 minutes, not every minute),
 * once the history before T0 is closed ({@link WindowClose#ofHistoryBefore}), so its estimate is computed once.
 * The window's statistics are kept tick by tick: an update reads no history.
 *
 * <p>Only while the window is open on the wall clock too (its close, {@code T0 + h + G}, still ahead): a window that
 * closed in real time is being caught up on (a replay, or a service reading a backlog), its FINAL follows as soon
 * as the input reaches the close, and updates before it were what made a replay's output a hundred times its
 * FINALs. So a replay of history writes none, and which ones a service writes does not depend on how far behind
 * it reads.
 */
public final class ProvisionalUpdates {

    private final long intervalMs;
    private final WindowClose close;
    private final ReactionEmitter emitter;
    private final ReactionMetrics metrics;

    public ProvisionalUpdates(long intervalMs, WindowClose close, ReactionEmitter emitter, ReactionMetrics metrics) {
        this.intervalMs = intervalMs;
        this.close = close;
        this.emitter = emitter;
        this.metrics = metrics;
    }

    /** PT0S switches them off. */
    private boolean enabled() {
        return intervalMs > 0;
    }

    /**
     * Whether one of {@code ticker}'s reactions (null: it has none) may be due an update at a tick at {@code ts}:
     * when not, {@link #update} need not pass over all of them.
     */
    public boolean mayBeDue(PendingIndex.Ticker ticker, long ts) {
        return enabled() && ticker != null && ts >= ticker.nextProvisional;
    }

    /** After a tick at {@code ts}: updates the ticker's reactions that are due, given its reaction time. */
    public void update(PendingIndex.Ticker ticker, long ts, long reactionTime, long wall) {
        long next = Long.MAX_VALUE;
        for (PendingReaction e : ticker.entries()) {
            boolean inWindow = ts > e.t0()
                    && ts <= e.end()
                    && WindowClose.isClosed(close.ofHistoryBefore(e.t0()), reactionTime)
                    && !WindowClose.isClosed(e.key().closeTime(), wall);
            if (inWindow && (e.lastUpdate() == Long.MIN_VALUE || ts - e.lastUpdate() >= gap(e))) {
                emitter.emit(e, ReactionStatus.PROVISIONAL, ts, wall);
                metrics.provisional();
                e.updatedAt(ts);
            }
            next = Math.min(next, next(e, wall));
        }
        ticker.nextProvisional = next;
    }

    /** The least time between two PROVISIONAL updates of a reaction: a sixtieth of its horizon, at least the setting. */
    private long gap(PendingReaction e) {
        return Math.max(intervalMs, e.horizonMs() / 60);
    }

    /** The earliest tick time at which {@code e} may be due its next PROVISIONAL, or never. */
    private long next(PendingReaction e, long wall) {
        long from = e.lastUpdate() == Long.MIN_VALUE ? e.t0() + 1 : e.lastUpdate() + gap(e);
        return from > e.end() || WindowClose.isClosed(e.key().closeTime(), wall) ? Long.MAX_VALUE : from;
    }
}
