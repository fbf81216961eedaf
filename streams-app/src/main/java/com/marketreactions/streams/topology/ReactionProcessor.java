package com.marketreactions.streams.topology;

import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.ChangelogOffsets;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.ReactionMetrics;
import com.marketreactions.streams.TopologyNames;
import com.marketreactions.streams.control.InputEnd;
import com.marketreactions.streams.emit.LiveCommits;
import com.marketreactions.streams.emit.ProvisionalUpdates;
import com.marketreactions.streams.emit.ReactionEmitter;
import com.marketreactions.streams.emit.RecentReactions;
import com.marketreactions.streams.history.TickHistoryStore;
import com.marketreactions.streams.pending.EstimateCache;
import com.marketreactions.streams.pending.PendingIndex;
import com.marketreactions.streams.pending.PendingKey;
import com.marketreactions.streams.pending.PendingReaction;
import com.marketreactions.streams.pending.WindowFolder;
import com.marketreactions.streams.story.StoryTracker;
import com.marketreactions.streams.time.Lateness;
import com.marketreactions.streams.time.Retention;
import com.marketreactions.streams.time.StreamTime;
import com.marketreactions.streams.time.WindowClose;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins, per task, the ticks of its symbols, the benchmark's ticks and the news about its tickers, and emits one FINAL
 * {@link MarketReaction} per (news, ticker, horizon) once its window has closed. It coordinates: {@link StreamTime}
 * says how far the input is complete, {@link WindowClose} when a window closes, {@link Lateness} what is late,
 * {@link Retention} what history may go; {@link TickHistoryStore} keeps what was seen as of when, {@link PendingIndex}
 * what waits, {@link WindowFolder} the windows' statistics, {@link ReactionEmitter} builds and sends reactions.
 */
final class ReactionProcessor implements Processor<String, MarketEvent, String, MarketReaction> {

    private static final Logger LOG = LoggerFactory.getLogger(ReactionProcessor.class);

    private final ReactionConfig config;
    private final int partitions;
    private final String benchmark;
    private final WindowClose close;
    private final Lateness lateness;
    private final Retention retention;
    /** Labels of the horizons whose reactions carry their story ({@link ReactionConfig#storyOn}). */
    private final Set<String> storyHorizons;

    private ProcessorContext<String, MarketReaction> context;
    private TickHistoryStore history;
    private KeyValueStore<Bytes, NewsEvent> pending;
    private WindowStore<String, Long> newsSeen;
    private ChangelogOffsets changelogOffsets;
    private StreamTime time;
    private InputEnd inputEnd;
    /** Null when stories are off. */
    private StoryTracker stories;

    private final PendingIndex index = new PendingIndex();
    private EstimateCache estimates;
    private WindowFolder windows;
    private LiveCommits live;
    private RecentReactions recent;
    private ReactionEmitter emitter;
    private ProvisionalUpdates provisional;
    private ReactionMetrics metrics;
    private long lateTicks;

    /** @param partitions of the ticks topic: every one of them must report quiet before the market counts as closed */
    ReactionProcessor(ReactionConfig config, int partitions) {
        this.config = config;
        this.partitions = partitions;
        this.benchmark = config.benchmark();
        this.close = new WindowClose(config.grace().toMillis());
        this.lateness =
                new Lateness(config.grace().toMillis(), config.newsLateness().toMillis());
        this.retention = new Retention(
                config.newsLateness().toMillis(), config.estimationWindow().toMillis());
        this.storyHorizons = config.horizons().stream()
                .filter(config::storyOn)
                .map(Horizon::label)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Also for a task revived after corruption (exactly-once), which re-initializes the same processor: everything in
     * memory is rebuilt from the stores, nothing carried over from the aborted transaction.
     */
    @Override
    public void init(ProcessorContext<String, MarketReaction> context) {
        this.context = context;
        history = context.getStateStore(TopologyNames.TICK_HISTORY);
        pending = context.getStateStore(TopologyNames.PENDING);
        newsSeen = context.getStateStore(TopologyNames.NEWS_SEEN);
        WindowStore<String, MarketReaction> recentStore = context.getStateStore(TopologyNames.RECENT_REACTIONS);
        changelogOffsets = new ChangelogOffsets(List.of(newsSeen, recentStore));
        stories = config.stories().enabled()
                ? new StoryTracker(
                        config.stories(),
                        context.getStateStore(TopologyNames.STORY_ITEMS),
                        context.getStateStore(TopologyNames.ALIASES))
                : null;
        long idleMs = config.idleTimeout().toMillis();
        time = new StreamTime(
                benchmark, partitions, idleMs, config.benchmarkWait().toMillis(), context.currentSystemTimeMs());
        inputEnd = new InputEnd(context.getStateStore(TopologyNames.CLOCK));
        time.restore(history.clock(), history.clock(benchmark), inputEnd.ended());

        index.clear();
        lateTicks = 0;
        estimates = new EstimateCache(
                history,
                config.calculator(),
                close,
                time,
                benchmark,
                config.estimationWindow().toMillis());
        windows = new WindowFolder(index, history, benchmark);
        live = new LiveCommits(context);
        recent = new RecentReactions(recentStore);
        emitter = new ReactionEmitter(
                context,
                new ReactionEmitter.Sources(
                        config.calculator(), estimates, windows, history, time, lateness, stories, storyHorizons),
                benchmark,
                config.benchmarkWait(),
                live,
                recent);
        if (metrics != null) {
            metrics.close(); // re-initialized without a close: the task's sensors are registered again below
        }
        metrics = new ReactionMetrics(context.metrics(), context.taskId().toString());
        provisional = new ProvisionalUpdates(config.provisionalInterval().toMillis(), close, emitter, metrics);
        try (KeyValueIterator<Bytes, NewsEvent> it = pending.all()) {
            it.forEachRemaining(kv -> index.add(reaction(PendingKey.decode(kv.key), kv.value)));
        }
        metrics.openWindows(index.size());
        long every = Math.max(100, Math.min(1000, idleMs / 2));
        context.schedule(Duration.ofMillis(every), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    private PendingReaction reaction(PendingKey key, NewsEvent news) {
        long h = Horizon.parse(key.horizon()).millis();
        return new PendingReaction(key, news, close.t0(key.closeTime(), h), h);
    }

    @Override
    public void process(Record<String, MarketEvent> record) {
        handle(record.key(), record.value());
    }

    /** One input event; {@code key} is the ticker of a {@link MarketEvent.TickerNews}. */
    void handle(String key, MarketEvent event) {
        changelogOffsets.touch(context.currentStreamTimeMs());
        long wall = context.currentSystemTimeMs();
        switch (event) {
            case MarketEvent.Tick t -> onTick(t.tick(), wall);
            case MarketEvent.TickerNews n -> onNews(key, n.news(), wall);
            case MarketEvent.End e -> onEnd(e, wall);
            case MarketEvent.Quiet q -> {
                time.quiet(q.sourcePartition(), wall);
                finalizeAll(wall);
            }
        }
        live.commitIfDue(context.currentSystemTimeMs()); // one emitted within the gap of the last commit
    }

    /** A tick: into the history and the open windows; then the windows it closes and the updates it is due. */
    private void onTick(StockTick tick, long wall) {
        String symbol = tick.getSymbol();
        long ts = tick.getTs().toEpochMilli();
        if (ts < history.expiredBefore(symbol)) {
            // older than any history a pending reaction or a news within L can need: nothing to apply it to
            late(symbol, ts, "older than the retained history; not applied");
            return;
        }
        long before = history.add(symbol, ts, tick.getPrice(), tick.getSize());
        time.tick(symbol, ts, wall);
        boolean isBenchmark = time.isBenchmark(symbol);
        if (!isBenchmark && ts > history.clock()) {
            history.clock(ts);
        }
        windows.fold(symbol, isBenchmark, ts, tick.getPrice(), tick.getSize(), before);
        if (lateness.isLateTick(ts, before)) {
            late(symbol, ts, "applied to open windows only");
        }
        if (ts > before) {
            if (isBenchmark) {
                finalizeAll(wall);
            } else {
                finalizeDue(symbol, wall);
            }
        }
        PendingIndex.Ticker mine = index.ticker(symbol);
        if (provisional.mayBeDue(mine, ts)) {
            provisional.update(mine, ts, reactionTime(symbol, wall), wall);
        }
        if (Retention.checkDue(ts, before)) {
            expire(symbol, isBenchmark, wall);
        }
    }

    /** A news event for {@code ticker}: once per (news, ticker), one pending reaction per horizon. */
    private void onNews(String ticker, NewsEvent news, long wall) {
        long t0 = news.getPublishedAt().toEpochMilli();
        String seenKey = news.getId() + '|' + ticker;
        try (WindowStoreIterator<Long> seen = newsSeen.fetch(seenKey, t0, t0)) {
            if (seen.hasNext()) {
                LOG.info("news {} for {} seen before; ignored", news.getId(), ticker);
                return;
            }
        }
        newsSeen.put(seenKey, t0, t0);
        long taskTime = time.taskTime(wall);
        boolean late = lateness.isLateNews(t0, taskTime);
        if (late) {
            LOG.info(
                    "news {} arrived {} behind stream time (lateness bound {}); reactions flagged LATE_NEWS",
                    news.getId(),
                    Duration.ofMillis(taskTime - t0),
                    config.newsLateness());
        }
        if (stories != null) {
            stories.add(ticker, news, late);
        }
        for (Horizon h : config.horizons()) {
            PendingKey key = new PendingKey(close.of(t0, h.millis()), late, ticker, h.label(), news.getId());
            pending.put(key.encode(), news);
            index.add(new PendingReaction(key, news, t0, h.millis()));
        }
        metrics.openWindows(index.size());
        if (time.isBenchmark(ticker)) {
            finalizeAll(wall);
        } else {
            finalizeDue(ticker, wall);
        }
    }

    /** An end marker: once both inputs ended, every window closes. */
    private void onEnd(MarketEvent.End end, long wall) {
        boolean ended = end.routed()
                ? inputEnd.routedEnded(end.sourcePartition(), end.partitions())
                : inputEnd.ownEnded(end.partitions());
        if (ended) {
            time.end();
            finalizeAll(wall);
        }
    }

    /** The wall-clock punctuation: windows of quiet inputs, and the latest PROVISIONAL updates for queries. */
    private void onWallClock(long wall) {
        changelogOffsets.touch(Math.max(0, context.currentStreamTimeMs())); // a task that has had no record yet
        finalizeAll(wall);
        recent.flush();
        live.commitIfDue(wall);
    }

    private long reactionTime(String ticker, long wall) {
        return time.reactionTime(ticker, history.clock(ticker), wall);
    }

    /** Finalizes the pending reactions of {@code ticker} whose windows its time and the benchmark's have closed. */
    private void finalizeDue(String ticker, long wall) {
        for (PendingReaction e : index.closingBefore(ticker, reactionTime(ticker, wall))) {
            finalize(e, wall);
        }
        announceEndIfDone();
    }

    /** Finalizes every pending reaction whose window is closed: after a benchmark tick, and on the wall clock. */
    private void finalizeAll(long wall) {
        for (PendingReaction e : index.closingBefore(time.benchmarkTime(wall))) {
            if (WindowClose.isClosed(e.key().closeTime(), reactionTime(e.key().ticker(), wall))) {
                finalize(e, wall);
            }
        }
        announceEndIfDone();
    }

    private void finalize(PendingReaction e, long wall) {
        emitter.emit(e, ReactionStatus.FINAL, e.end(), wall);
        pending.delete(e.encoded());
        metrics.fin();
        index.remove(e);
        metrics.openWindows(index.size());
        if (e.horizonMs() == config.maxHorizon().toMillis()) { // the longest horizon closes last
            estimates.forget(e.key().newsId(), e.key().ticker());
            if (stories != null) {
                stories.forget(e.key().ticker(), e.t0(), e.key().newsId());
            }
        }
    }

    /** Both inputs ended and everything is final: the task's end marker, once, after its last reaction. */
    private void announceEndIfDone() {
        if (inputEnd.announced() || !time.ended() || index.size() > 0) {
            return;
        }
        int partition = context.taskId().partition();
        LOG.info(
                "partition {}: input ended, all reactions final; {} ticks arrived later than the grace period",
                partition,
                lateTicks);
        context.forward(inputEnd.<MarketReaction>announce(partition, context.currentStreamTimeMs()));
    }

    /** Drops the history (and story items) of {@code symbol} that nobody can need any more ({@link Retention}). */
    private void expire(String symbol, boolean isBenchmark, long wall) {
        long taskTime = time.taskTime(wall);
        if (taskTime == StreamTime.NONE || taskTime == StreamTime.END) {
            return;
        }
        long clock = history.clock(symbol);
        long pendingT0 = isBenchmark ? index.earliestT0() : index.earliestT0(symbol);
        history.expire(symbol, retention.historyFrom(taskTime, clock, pendingT0));
        if (stories != null) {
            stories.expire(symbol, retention.storyItemsFrom(taskTime, clock, index.earliestT0(symbol)));
        }
    }

    private void late(String symbol, long ts, String what) {
        lateTicks++;
        metrics.lateTick();
        LOG.debug(
                "late tick {} at {}, {} ms behind its symbol's clock: {}",
                symbol,
                Instant.ofEpochMilli(ts),
                history.clock(symbol) - ts,
                what);
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }

    long lateTicks() {
        return lateTicks;
    }
}
