package com.marketreactions.streams.topology;

import com.marketreactions.common.RecordChecks;
import com.marketreactions.common.Shares;
import com.marketreactions.common.Trades;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.schema.StockTick;
import com.marketreactions.schema.TradeAction;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.emit.ReactionEmitter;
import com.marketreactions.streams.history.TickHistoryStore;
import com.marketreactions.streams.history.TradeKeys;
import com.marketreactions.streams.history.Withdrawn;
import com.marketreactions.streams.pending.PendingIndex;
import com.marketreactions.streams.pending.PendingReaction;
import com.marketreactions.streams.pending.WindowFolder;
import com.marketreactions.streams.time.Lateness;
import com.marketreactions.streams.time.Retention;
import com.marketreactions.streams.time.StreamTime;
import com.marketreactions.streams.time.WindowClose;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins, per task, the ticks of its symbols, the benchmark's ticks and the news about its tickers, and emits one FINAL
 * {@link MarketReaction} per (news, ticker, horizon) once its window has closed. It coordinates the pieces of its
 * {@link ReactionTask}: {@link StreamTime} says how far the input is complete, {@link WindowClose} when a window
 * closes, {@link Lateness} what is late, {@link Retention} what history may go; {@link TickHistoryStore} keeps what
 * was seen as of when, {@link PendingIndex} what waits, {@link WindowFolder} the windows' statistics, {@link
 * ReactionEmitter} builds and sends reactions.
 */
final class ReactionProcessor implements Processor<String, MarketEvent, String, MarketReaction> {

    private static final Logger LOG = LoggerFactory.getLogger(ReactionProcessor.class);
    /** A symbol without a tick for this much of the task's time, and no news pending, leaves the heap. */
    static final long IDLE_SYMBOL_MS = 86_400_000L;

    private final ReactionConfig config;
    private final int partitions;

    private ProcessorContext<String, MarketReaction> context;
    private ReactionTask task;
    private long lateTicks;
    private long lateAmendments;
    private long unmatchedAmendments;

    /** @param partitions of the ticks topic: every one of them must report quiet before the market counts as closed */
    ReactionProcessor(ReactionConfig config, int partitions) {
        this.config = config;
        this.partitions = partitions;
    }

    /** Also for a task revived after corruption (exactly-once), which re-initializes the same processor. */
    @Override
    public void init(ProcessorContext<String, MarketReaction> context) {
        this.context = context;
        if (task != null) {
            task.metrics.close(); // re-initialized without a close: the task's sensors are registered again
        }
        task = new ReactionTask(config, partitions, context);
        lateTicks = 0;
        lateAmendments = 0;
        unmatchedAmendments = 0;
        long every = Math.max(100, Math.min(1000, config.idleTimeout().toMillis() / 2));
        context.schedule(Duration.ofMillis(every), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(Record<String, MarketEvent> record) {
        handle(record.key(), record.value());
    }

    /** One input event; {@code key} is the ticker of a {@link MarketEvent.TickerNews}. */
    void handle(String key, MarketEvent event) {
        task.changelogOffsets.touch(context.currentStreamTimeMs());
        long wall = context.currentSystemTimeMs();
        switch (event) {
            case MarketEvent.Tick t -> onTick(t.tick(), wall);
            case MarketEvent.TickerNews n -> onNews(key, n.news(), wall);
            case MarketEvent.End e -> onEnd(e, wall);
            case MarketEvent.Quiet q -> {
                task.time.quiet(q.sourcePartition(), wall);
                finalizeAll(wall);
            }
            case MarketEvent.NewsProgress p -> {
                if (task.time.newsProgress(p.sourcePartition(), p.time())) {
                    task.newsInput.record(p.sourcePartition(), p.time());
                    finalizeAll(wall);
                }
            }
            case MarketEvent.NewsQuiet q -> {
                task.time.newsQuiet(q.sourcePartition(), wall);
                finalizeAll(wall);
            }
        }
        if (task.live.uncommitted()) {
            task.live.commitIfDue(context.currentSystemTimeMs()); // one emitted within the gap of the last commit
        }
    }

    /** A tick: into the history and the open windows; then the windows it closes and the updates it is due. */
    private void onTick(StockTick tick, long wall) {
        if (Trades.amends(tick)) {
            onAmendment(tick);
            return;
        }
        String symbol = tick.getSymbol();
        long ts = tick.getTs().toEpochMilli();
        if (ts < task.history.expiredBefore(symbol)) {
            // older than any history a pending reaction or a news within L can need: nothing to apply it to
            late(symbol, ts, "older than the retained history; not applied");
            return;
        }
        long size = Shares.micros(tick.getSize()); // counted in millionths of a share: exact sums in any order
        long before =
                task.history.add(symbol, ts, tick.getPrice(), size, TradeKeys.of(tick.getVenue(), tick.getTradeId()));
        task.time.tick(symbol, ts, wall);
        boolean isBenchmark = task.time.isBenchmark(symbol);
        if (isBenchmark) {
            task.benchmarkTape.add(ts, tick.getPrice(), size, before);
        } else if (ts > task.history.clock()) {
            task.history.clock(ts);
        }
        task.windows.fold(symbol, isBenchmark, ts, tick.getPrice(), size, before);
        if (task.lateness.isLateTick(ts, before)) {
            late(symbol, ts, "applied to open windows only");
        }
        if (ts > before) {
            if (isBenchmark) {
                finalizeAll(wall);
            } else if (task.index.ticker(symbol) != null) { // nothing pending: no window of its to close
                finalizeDue(symbol, wall);
            }
        }
        PendingIndex.Ticker mine = task.index.ticker(symbol);
        if (task.provisional.mayBeDue(mine, ts)) {
            task.provisional.update(mine, ts, reactionTime(symbol, wall), wall);
        }
        if (Retention.checkDue(ts, before)) {
            expire(symbol, isBenchmark, wall);
        }
    }

    /**
     * A cancel or correction: withdraws the trade it names from the windows open now, and a correction puts the
     * corrected trade in its place, at its time. It moves no clock and closes nothing: it is no trade.
     */
    private void onAmendment(StockTick amendment) {
        String symbol = amendment.getSymbol();
        long clock = task.history.clock(symbol);
        String venue = amendment.getVenue();
        Withdrawn w = task.history.withdraw(
                symbol, TradeKeys.of(venue, amendment.getAmends()), task.amendments.searchFrom(clock));
        if (w == null) {
            unmatchedAmendments++;
            task.metrics.unmatchedAmendment();
            LOG.debug(
                    "{} of {} trade {} on {}: no such trade in the last day of its history; not applied",
                    amendment.getAction(),
                    symbol,
                    RecordChecks.quote(amendment.getAmends()),
                    venue);
            return;
        }
        if (amendment.getAction() == TradeAction.CORRECTION) {
            long size = Shares.micros(amendment.getSize());
            task.history.add(symbol, w.ts(), amendment.getPrice(), size, TradeKeys.of(venue, amendment.getTradeId()));
        }
        boolean isBenchmark = task.time.isBenchmark(symbol);
        task.windows.amended(symbol, isBenchmark, w.ts(), clock);
        if (isBenchmark) {
            task.benchmarkTape.amended(w.ts());
        }
        boolean late = task.lateness.isLateTick(w.ts(), clock);
        if (late) {
            lateAmendments++;
        }
        task.metrics.amended(late);
    }

    /** A news event for {@code ticker}: once per (news, ticker), one pending reaction per horizon. */
    private void onNews(String ticker, NewsEvent news, long wall) {
        long t0 = news.getPublishedAt().toEpochMilli();
        if (!task.seen.firstTime(news.getId(), ticker, t0)) {
            LOG.info("news {} for {} seen before; ignored", RecordChecks.quote(news.getId()), ticker);
            return;
        }
        long taskTime = task.time.taskTime(wall);
        boolean late = task.lateness.isLateNews(t0, taskTime);
        if (late) {
            LOG.info(
                    "news {} arrived {} behind stream time (lateness bound {}); reactions flagged LATE_NEWS",
                    RecordChecks.quote(news.getId()),
                    Duration.ofMillis(taskTime - t0),
                    config.newsLateness());
        }
        if (task.stories != null) {
            task.stories.add(ticker, news, late);
        }
        task.pending.add(ticker, news, late, config.horizons());
        task.metrics.openWindows(task.index.size());
        if (task.time.isBenchmark(ticker)) {
            finalizeAll(wall);
        } else {
            finalizeDue(ticker, wall);
        }
    }

    /** An end marker: once both inputs ended, every window closes. */
    private void onEnd(MarketEvent.End end, long wall) {
        boolean ended = end.routed()
                ? task.inputEnd.routedEnded(end.sourcePartition(), end.partitions())
                : task.inputEnd.ownEnded(end.partitions());
        if (ended) {
            task.time.end();
            finalizeAll(wall);
        }
    }

    /** The wall-clock punctuation: windows of quiet inputs, and the latest PROVISIONAL updates for queries. */
    private void onWallClock(long wall) {
        task.changelogOffsets.touch(Math.max(0, context.currentStreamTimeMs())); // a task that has had no record yet
        task.time.forgetIdle(wall);
        finalizeAll(wall);
        task.recent.flush();
        task.live.commitIfDue(wall);
    }

    private long reactionTime(String ticker, long wall) {
        return task.time.reactionTime(ticker, task.history.clock(ticker), wall);
    }

    /**
     * Finalizes the pending reactions of {@code ticker} whose windows its time and the benchmark's have closed, once
     * no earlier news can still arrive in time for their stories ({@link Lateness#newsSettled}).
     */
    private void finalizeDue(String ticker, long wall) {
        for (PendingReaction e : task.index.closingBefore(ticker, reactionTime(ticker, wall))) {
            if (newsSettled(e, wall)) {
                finalize(e, wall);
            }
        }
        announceEndIfDone();
    }

    /**
     * Finalizes every pending reaction whose window is closed and whose earlier news has arrived: after a benchmark
     * tick, the news input's progress, and on the wall clock.
     */
    private void finalizeAll(long wall) {
        for (PendingReaction e : task.index.closingBefore(task.time.benchmarkTime(wall))) {
            if (WindowClose.isClosed(e.key().closeTime(), reactionTime(e.key().ticker(), wall))
                    && newsSettled(e, wall)) {
                finalize(e, wall);
            }
        }
        announceEndIfDone();
    }

    /**
     * A FINAL that carries a story waits until no earlier news can still arrive in time: its story reads every
     * earlier item. One without (a window shorter than L) reads nothing the news input can still change.
     */
    private boolean newsSettled(PendingReaction e, long wall) {
        return !config.storyOn(e.horizonMs()) || task.lateness.newsSettled(e.t0(), task.time.newsTime(wall));
    }

    private void finalize(PendingReaction e, long wall) {
        task.emitter.emit(e, ReactionStatus.FINAL, e.end(), wall);
        task.pending.remove(e);
        task.metrics.fin();
        task.metrics.openWindows(task.index.size());
        if (e.horizonMs() == config.maxHorizon().toMillis()) { // the longest horizon closes last
            task.estimates.forget(e.key().newsId(), e.key().ticker());
            if (task.stories != null) {
                task.stories.forget(e.key().ticker(), e.t0(), e.key().newsId());
            }
        }
    }

    /** Both inputs ended and everything is final: the task's end marker, once, after its last reaction. */
    private void announceEndIfDone() {
        if (task.inputEnd.announced() || !task.time.ended() || task.index.size() > 0) {
            return;
        }
        int partition = context.taskId().partition();
        LOG.info(
                "partition {}: input ended, all reactions final; {} ticks arrived later than the grace period{}",
                partition,
                lateTicks,
                amendmentsNote());
        context.forward(task.inputEnd.<MarketReaction>announce(partition, context.currentStreamTimeMs()));
    }

    /** Drops the history (and story items) of {@code symbol} that nobody can need any more ({@link Retention}). */
    private void expire(String symbol, boolean isBenchmark, long wall) {
        long taskTime = task.time.taskTime(wall);
        if (taskTime == StreamTime.NONE || taskTime == StreamTime.END) {
            return;
        }
        long clock = task.history.clock(symbol);
        long pendingT0 = isBenchmark ? task.index.earliestT0() : task.index.earliestT0(symbol);
        task.history.expire(symbol, task.retention.historyFrom(taskTime, clock, pendingT0));
        if (isBenchmark) {
            task.benchmarkTape.dropBefore(task.retention.windowsFrom(taskTime, clock, pendingT0));
            // as often as the benchmark's expiry: the symbols that stopped trading leave the heap
            task.history.evictIdle(taskTime - IDLE_SYMBOL_MS, t -> task.index.earliestT0(t) != Long.MAX_VALUE);
            task.metrics.symbolsInMemory(task.history.symbolsInMemory());
        }
        if (task.stories != null) {
            task.stories.expire(symbol, task.retention.storyItemsFrom(taskTime, clock, task.index.earliestT0(symbol)));
        }
    }

    private void late(String symbol, long ts, String what) {
        lateTicks++;
        task.metrics.lateTick();
        LOG.debug(
                "late tick {} at {}, {} ms behind its symbol's clock: {}",
                symbol,
                Instant.ofEpochMilli(ts),
                task.history.clock(symbol) - ts,
                what);
    }

    @Override
    public void close() {
        if (task != null) {
            task.metrics.close();
        }
    }

    /** What became of cancels and corrections that did not simply apply, for the end line; empty when none. */
    private String amendmentsNote() {
        String note = "";
        if (lateAmendments > 0) {
            note += "; " + lateAmendments
                    + " cancels or corrections came more than the grace period after their trade (windows closed by"
                    + " then keep it)";
        }
        if (unmatchedAmendments > 0) {
            note += "; " + unmatchedAmendments + " cancels or corrections named no trade in their symbol's last day";
        }
        return note;
    }

    long lateTicks() {
        return lateTicks;
    }
}
