package com.marketreactions.streams.pending;

import com.marketreactions.common.RecordChecks;
import com.marketreactions.streams.history.TickHistoryStore;
import com.marketreactions.streams.reaction.ReactionCalculator;
import com.marketreactions.streams.reaction.TickSeries;
import com.marketreactions.streams.time.StreamTime;
import com.marketreactions.streams.time.WindowClose;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a reaction that depends on history up to T0, read as of the close of that history ({@code T0 + G}):
 * computed once per (news, ticker) and kept in memory once it is settled, both the ticker's and the benchmark's time
 * past that close (nothing can change it then). Not persisted: after a restart it is computed again, the same.
 */
public final class EstimateCache {

    private static final Logger LOG = LoggerFactory.getLogger(EstimateCache.class);

    /** Which estimate: one per news and ticker, shared by its horizons. */
    private record Key(String newsId, String ticker) {}

    private final Map<Key, Estimated> settled = new HashMap<>();
    private final TickHistoryStore history;
    private final ReactionCalculator calculator;
    private final WindowClose close;
    private final StreamTime time;
    private final String benchmark;
    private final long estimationMs;

    public EstimateCache(
            TickHistoryStore history,
            ReactionCalculator calculator,
            WindowClose close,
            StreamTime time,
            String benchmark,
            long estimationMs) {
        this.history = history;
        this.calculator = calculator;
        this.close = close;
        this.time = time;
        this.benchmark = benchmark;
        this.estimationMs = estimationMs;
    }

    /** The estimate of {@code e}, at wall-clock time {@code wall}. */
    public Estimated of(PendingReaction e, long wall) {
        if (e.estimated != null) {
            return e.estimated; // each update of the reaction would look it up again
        }
        String ticker = e.key().ticker();
        Key key = new Key(e.key().newsId(), ticker);
        Estimated known = settled.get(key);
        if (known == null) {
            known = compute(key, e.t0(), wall);
            if (known.settled()) {
                settled.put(key, known);
            }
        }
        if (known.settled()) {
            e.estimated = known;
        }
        return known;
    }

    private Estimated compute(Key key, long t0, long wall) {
        String ticker = key.ticker();
        boolean isBenchmark = benchmark.equals(ticker);
        long from = t0 - estimationMs;
        long asOf = close.ofHistoryBefore(t0);
        TickSeries stock = history.estimationSeries(ticker, from, t0, asOf, close.graceMs());
        TickSeries bench = isBenchmark ? null : history.estimationSeries(benchmark, from, t0, asOf, close.graceMs());
        boolean truncated =
                history.expiredBefore(ticker) > from || (bench != null && history.expiredBefore(benchmark) > from);
        if (truncated) {
            LOG.warn(
                    "{} {}: history before {} is no longer retained (the news arrived later than the lateness "
                            + "bound); flagged {}",
                    RecordChecks.quote(key.newsId()),
                    ticker,
                    Instant.ofEpochMilli(from),
                    ReactionCalculator.HISTORY_TRUNCATED);
        }
        long reactionTime = time.reactionTime(ticker, history.clock(ticker), wall);
        return new Estimated(
                calculator.estimate(t0, stock, bench), truncated, WindowClose.isClosed(asOf, reactionTime));
    }

    /** Drops the estimate of a (news, ticker) whose last reaction closed. */
    public void forget(String newsId, String ticker) {
        settled.remove(new Key(newsId, ticker));
    }

    public void clear() {
        settled.clear();
    }
}
