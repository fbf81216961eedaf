package com.marketreactions.streams.topology;

import com.marketreactions.common.ReactionKey;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.Novelty;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.reaction.CarPath;
import com.marketreactions.streams.reaction.Estimate;
import com.marketreactions.streams.reaction.ReactionCalculator;
import com.marketreactions.streams.reaction.TickSeries;
import com.marketreactions.streams.reaction.WindowStats;
import com.marketreactions.streams.story.Story;
import com.marketreactions.streams.story.StoryConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Joins, per task, the ticks of its symbols, the benchmark's ticks and the news about its tickers, and emits
 * one FINAL {@link MarketReaction} per (news, ticker, horizon) once its window has closed: the wiring of
 * {@link StreamTime} (when), {@link TickHistoryStore} (what was seen, as of when), {@link PendingIndex}
 * (what waits) and {@link ReactionCalculator} (the numbers).
 *
 * <p>Closing. A window of {@code (T0, T0 + h]} closes at {@code T0 + h + G}: its FINAL is emitted once both
 * the ticker's and the benchmark's time have passed that point ({@link StreamTime#reactionTime}). It reads
 * the history as of its close: the ticks each symbol had when its own clock passed the close, so the moment
 * the FINAL is emitted (because the other input was slower) changes nothing. The history before T0 is read
 * as of {@code T0 + G} in the same way.
 *
 * <p>Lateness is per symbol: a tick more than G behind its symbol's clock is counted as late, and still
 * enters the history, where every window that is open sees it and every closed one does not.
 *
 * <p>Retention: a symbol's history is kept from the earliest of (a) E before the earliest pending news on it
 * (the benchmark: on any ticker) and (b) E + L before the task's time, so that a news within the lateness
 * bound still finds all of it. A news later than L is computed from what is left, flagged {@code LATE_NEWS}
 * (and {@code HISTORY_TRUNCATED} when some of its history is gone).
 */
final class ReactionProcessor implements Processor<String, MarketEvent, String, MarketReaction> {

    private static final Logger LOG = LoggerFactory.getLogger(ReactionProcessor.class);
    private static final String ENDED = "ended";
    private static final String OWN_ENDED = "own-ticks-ended";
    private static final String ROUTED_ENDED = "routed-ticks-ended";
    /** Prefix of the flag of one source partition's end marker on the routed ticks. */
    private static final String ROUTED_END = "routed-ticks-ended-from-";

    private static final String INPUT_PARTITIONS = "input-partitions";
    private static final long NONE = StreamTime.NONE;
    /**
     * A reaction due less than this before the wall clock is live: its transaction is committed right away
     * (at most every {@link #LIVE_COMMIT_GAP_MS}) instead of at the next commit interval, so a reader sees it
     * a commit's duration after the tick rather than up to {@code commit.interval.ms} later. A replay of
     * history, or a service catching up, is never live and commits at the interval: the extra commits stop
     * by themselves once the input falls behind.
     */
    private static final long LIVE_LAG_MS = 1000;

    private static final long LIVE_COMMIT_GAP_MS = 50;
    /** How often, in a symbol's own time, its history and story items are checked for what can be dropped. */
    private static final long EXPIRY_CHECK_MS = 10 * 60_000L;

    private final ReactionConfig config;
    private final int partitions;
    private final ReactionCalculator calculator;
    private final String benchmark;
    private final long graceMs;
    private final long latenessMs;
    private final long estimationMs;
    private final long provisionalMs;
    private final Map<String, Long> horizonMillis = new HashMap<>();
    /** Labels of the horizons whose reactions carry their story ({@link ReactionConfig#storyOn}). */
    private final Set<String> storyHorizons;
    /** The latest PROVISIONAL reaction per queryable key, written to the store on the wall clock. */
    private final Map<String, Recent> recentUpdates = new HashMap<>();

    private ProcessorContext<String, MarketReaction> context;
    private TickHistoryStore history;
    private KeyValueStore<Bytes, NewsEvent> pending;
    private KeyValueStore<String, Long> flags;
    private WindowStore<String, Long> newsSeen;
    private WindowStore<String, MarketReaction> recent;
    private ChangelogOffsets changelogOffsets;
    private StreamTime time;
    /** Null when stories are off. */
    private StoryTracker stories;

    private final PendingIndex index = new PendingIndex();
    /** Estimates by newsId|ticker, see {@link #estimate}. */
    private final Map<String, Estimated> estimates = new HashMap<>();

    private boolean ownEnded;
    private boolean announced;
    private long lateTicks;
    private long lastLiveCommit;
    /** A live reaction was emitted after the last requested commit. */
    private boolean liveUncommitted;

    private ReactionMetrics metrics;

    /** @param partitions of the ticks topic: every one of them must report quiet before the market counts as closed */
    ReactionProcessor(ReactionConfig config, int partitions) {
        this.config = config;
        this.partitions = partitions;
        this.calculator = config.calculator();
        this.benchmark = config.benchmark();
        this.graceMs = config.grace().toMillis();
        this.latenessMs = config.newsLateness().toMillis();
        this.estimationMs = config.estimationWindow().toMillis();
        this.provisionalMs = config.provisionalInterval().toMillis();
        this.storyHorizons = config.horizons().stream()
                .filter(config::storyOn)
                .map(Horizon::label)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void init(ProcessorContext<String, MarketReaction> context) {
        // a task revived after corruption (exactly-once) re-initializes the same processor: everything in memory
        // is rebuilt from the stores, nothing carried over from the aborted transaction
        index.clear();
        estimates.clear();
        recentUpdates.clear();
        lateTicks = 0;
        lastLiveCommit = 0;
        liveUncommitted = false;
        this.context = context;
        this.history = context.getStateStore(TopologyNames.TICK_HISTORY);
        this.pending = context.getStateStore(TopologyNames.PENDING);
        this.flags = context.getStateStore(TopologyNames.CLOCK);
        this.newsSeen = context.getStateStore(TopologyNames.NEWS_SEEN);
        this.recent = context.getStateStore(TopologyNames.RECENT_REACTIONS);
        this.changelogOffsets = new ChangelogOffsets(List.of(newsSeen, recent));
        this.stories = config.stories().enabled()
                ? new StoryTracker(
                        config.stories(),
                        context.getStateStore(TopologyNames.STORY_ITEMS),
                        context.getStateStore(TopologyNames.ALIASES))
                : null;
        long idleMs = config.idleTimeout().toMillis();
        time = new StreamTime(
                benchmark, partitions, idleMs, config.benchmarkWait().toMillis(), context.currentSystemTimeMs());
        boolean ended = flags.get(OWN_ENDED) != null && flags.get(ROUTED_ENDED) != null;
        ownEnded = flags.get(OWN_ENDED) != null;
        announced = flags.get(ENDED) != null;
        time.restore(history.clock(), history.clock(benchmark), ended);
        try (KeyValueIterator<Bytes, NewsEvent> it = pending.all()) {
            it.forEachRemaining(kv -> index.add(entry(PendingKey.decode(kv.key), kv.value)));
        }
        if (metrics != null) {
            metrics.close(); // re-initialized without a close: the task's sensors are registered again below
        }
        metrics = new ReactionMetrics(context.metrics(), context.taskId().toString());
        metrics.openWindows(index.size());
        long every = Math.max(100, Math.min(1000, idleMs / 2));
        context.schedule(Duration.ofMillis(every), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    private PendingIndex.Entry entry(PendingKey key, NewsEvent news) {
        long h = horizonMillis(key.horizon());
        return new PendingIndex.Entry(key, news, key.closeTime() - graceMs - h, h);
    }

    @Override
    public void process(Record<String, MarketEvent> record) {
        handle(record.key(), record.value());
    }

    /** One input event; {@code key} is the ticker of a {@link MarketEvent.TickerNews}. */
    void handle(String key, MarketEvent event) {
        changelogOffsets.touch(context.currentStreamTimeMs());
        switch (event) {
            case MarketEvent.Tick t -> onTick(t.tick());
            case MarketEvent.TickerNews n -> onNews(key, n.news());
            case MarketEvent.End e -> onEnd(e);
            case MarketEvent.Quiet q -> {
                long wall = context.currentSystemTimeMs();
                time.quiet(q.sourcePartition(), wall);
                finalizeAll(wall);
            }
        }
        if (liveUncommitted) {
            commitIfLive(context.currentSystemTimeMs()); // one emitted within the gap of the last commit
        }
    }

    /** Requests a commit for the live reactions emitted since the last one, unless one was requested just now. */
    private void commitIfLive(long wall) {
        if (wall - lastLiveCommit >= LIVE_COMMIT_GAP_MS) {
            context.commit(); // a request: Streams commits once the records at hand are processed
            lastLiveCommit = wall;
            liveUncommitted = false;
        }
    }

    private void onTick(StockTick tick) {
        String symbol = tick.getSymbol();
        long ts = tick.getTs().toEpochMilli();
        long wall = context.currentSystemTimeMs();
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
        fold(symbol, isBenchmark, ts, tick.getPrice(), tick.getSize(), before);
        if (before != NONE && ts < before - graceMs) {
            late(symbol, ts, "applied to open windows only");
        }
        if (ts > before) {
            if (isBenchmark) {
                finalizeAll(wall);
            } else {
                finalizeDue(symbol, wall);
            }
        }
        if (provisionalMs > 0) {
            updateProvisional(symbol, ts, wall);
        }
        if (before == NONE || Math.floorDiv(ts, EXPIRY_CHECK_MS) > Math.floorDiv(before, EXPIRY_CHECK_MS)) {
            // once per ten minutes of the symbol: dropping later only keeps more (with thousands of symbols each
            // tick starts a minute of its symbol, and the check per minute was an eighth of the stream thread)
            expire(symbol, isBenchmark, wall);
        }
    }

    /**
     * Folds a tick into the statistics of every open window it belongs to: its time is inside the window and it
     * arrived before its symbol's clock passed the window's close (what a read as of the close would see).
     * A benchmark tick counts for every ticker's window, as the benchmark's side (or the stock's, for news on
     * the benchmark itself). Windows whose statistics were never needed are left alone: they are read from the
     * history, this tick included, when they first are.
     */
    private void fold(String symbol, boolean isBenchmark, long ts, double price, long size, long before) {
        for (PendingIndex.Entry e : isBenchmark ? index.tracked() : index.tracked(symbol)) {
            if (ts <= e.t0 || ts > e.end() || before > e.key.closeTime()) {
                continue;
            }
            if (isBenchmark && !time.isBenchmark(e.key.ticker())) {
                e.window.addBench(ts, price);
            } else {
                e.window.addStock(ts, price, size);
            }
        }
    }

    /** The statistics of a window so far, read from the history as of its close the first time. */
    private WindowStats window(PendingIndex.Entry e) {
        if (e.window == null) {
            String ticker = e.key.ticker();
            long close = e.key.closeTime();
            e.window = WindowStats.of(
                    e.t0,
                    e.horizonMs,
                    history.series(ticker, e.t0 + 1, e.end(), close),
                    time.isBenchmark(ticker) ? null : history.series(benchmark, e.t0 + 1, e.end(), close));
            index.track(e);
        }
        return e.window;
    }

    /** The wall-clock punctuation: windows of quiet inputs, and the latest PROVISIONAL updates for queries. */
    private void onWallClock(long wall) {
        changelogOffsets.touch(Math.max(0, context.currentStreamTimeMs())); // a task that has had no record yet
        finalizeAll(wall);
        for (Map.Entry<String, Recent> r : recentUpdates.entrySet()) {
            recent.put(r.getKey(), r.getValue().reaction(), r.getValue().t0());
        }
        recentUpdates.clear();
        if (liveUncommitted) {
            commitIfLive(wall);
        }
    }

    private record Recent(MarketReaction reaction, long t0) {}

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

    private void onEnd(MarketEvent.End end) {
        if (end.routed()) {
            flags.put(ROUTED_END + Math.max(0, end.sourcePartition()), 1L);
            boolean all = true;
            for (int p = 0; p < end.partitions() && all; p++) {
                all = flags.get(ROUTED_END + p) != null;
            }
            if (all) {
                flags.put(ROUTED_ENDED, 1L);
            }
        } else {
            ownEnded = true;
            flags.put(OWN_ENDED, 1L);
            flags.put(INPUT_PARTITIONS, (long) end.partitions());
        }
        if (ownEnded && flags.get(ROUTED_ENDED) != null) {
            time.end();
            finalizeAll(context.currentSystemTimeMs());
        }
    }

    private void onNews(String ticker, NewsEvent news) {
        long t0 = news.getPublishedAt().toEpochMilli();
        String seenKey = news.getId() + '|' + ticker;
        try (WindowStoreIterator<Long> seen = newsSeen.fetch(seenKey, t0, t0)) {
            if (seen.hasNext()) {
                LOG.info("news {} for {} seen before; ignored", news.getId(), ticker);
                return;
            }
        }
        newsSeen.put(seenKey, t0, t0);
        long wall = context.currentSystemTimeMs();
        long taskTime = time.taskTime(wall);
        boolean late = taskTime != NONE && taskTime != StreamTime.END && t0 < taskTime - latenessMs;
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
            PendingKey key = new PendingKey(t0 + h.millis() + graceMs, late, ticker, h.label(), news.getId());
            pending.put(key.encode(), news);
            index.add(entry(key, news));
        }
        metrics.openWindows(index.size());
        if (time.isBenchmark(ticker)) {
            finalizeAll(wall);
        } else {
            finalizeDue(ticker, wall);
        }
    }

    /** Finalizes the pending reactions of {@code ticker} that its time and the benchmark's have closed. */
    private void finalizeDue(String ticker, long wall) {
        long complete = time.reactionTime(ticker, history.clock(ticker), wall);
        for (PendingIndex.Entry e : index.closingBefore(ticker, complete)) {
            finalize(e, wall);
        }
        announceEndIfDone();
    }

    /** Finalizes every pending reaction that is complete: after a benchmark tick, and on the wall clock. */
    private void finalizeAll(long wall) {
        long bound = time.benchmarkTime(wall);
        for (PendingIndex.Entry e : index.closingBefore(bound)) {
            String ticker = e.key.ticker();
            if (e.key.closeTime() < time.reactionTime(ticker, history.clock(ticker), wall)) {
                finalize(e, wall);
            }
        }
        announceEndIfDone();
    }

    private void finalize(PendingIndex.Entry e, long wall) {
        emit(e, ReactionStatus.FINAL, e.key.closeTime() - graceMs, wall);
        pending.delete(e.encoded);
        metrics.fin();
        index.remove(e);
        metrics.openWindows(index.size());
        if (e.horizonMs == config.maxHorizon().toMillis()) {
            estimates.remove(e.key.newsId() + '|' + e.key.ticker()); // the longest horizon closes last
            if (stories != null) {
                stories.forget(e.key.ticker(), e.t0, e.key.newsId());
            }
        }
    }

    /**
     * Both inputs ended and everything is final: tell the replay driver, once, with an end-of-input marker
     * on the output (null value, control header, this task's partition), written after the last reaction.
     */
    private void announceEndIfDone() {
        if (announced || !time.ended() || index.size() > 0) {
            return;
        }
        announced = true;
        LOG.info(
                "partition {}: input ended, all reactions final; {} ticks arrived later than the grace period",
                context.taskId().partition(),
                lateTicks);
        flags.put(ENDED, 1L);
        int partition = context.taskId().partition();
        Long partitions = flags.get(INPUT_PARTITIONS);
        context.forward(new Record<>(
                EndOfInput.outputMarkerKey(partition),
                null,
                context.currentStreamTimeMs(),
                EndOfInput.headers(partition, partitions == null ? 1 : partitions.intValue())));
    }

    /**
     * A tick inside an open window updates its reaction, at most once per {@code max(interval, h / 60)} of
     * stream time (a one-day window gets an update every 24 minutes, not every minute), once the history before
     * T0 is complete (the ticker's and the benchmark's time past {@code T0 + G}), so its estimate is computed
     * once. The window's statistics are kept tick by tick ({@link #fold}): an update reads no history.
     */
    private void updateProvisional(String symbol, long ts, long wall) {
        PendingIndex.Ticker mine = index.ticker(symbol);
        if (mine == null || ts < mine.nextProvisional) {
            return; // none of the ticker's reactions can be due at this tick: no pass over all of them
        }
        long complete = time.reactionTime(symbol, history.clock(symbol), wall);
        long next = Long.MAX_VALUE;
        for (PendingIndex.Entry e : mine.entries()) {
            boolean inWindow = ts > e.t0 && ts <= e.end() && complete > e.t0 + graceMs;
            if (inWindow && (e.lastUpdate == Long.MIN_VALUE || ts - e.lastUpdate >= provisionalGap(e))) {
                emit(e, ReactionStatus.PROVISIONAL, ts, wall);
                metrics.provisional();
                e.lastUpdate = ts;
            }
            next = Math.min(next, nextProvisional(e));
        }
        mine.nextProvisional = next;
    }

    /** The least time between two PROVISIONAL updates of a reaction: a sixtieth of its horizon, at least the setting. */
    private long provisionalGap(PendingIndex.Entry e) {
        return Math.max(provisionalMs, e.horizonMs / 60);
    }

    /** The earliest tick time at which {@code e} may be due its next PROVISIONAL, or never. */
    private long nextProvisional(PendingIndex.Entry e) {
        long from = e.lastUpdate == Long.MIN_VALUE ? e.t0 + 1 : e.lastUpdate + provisionalGap(e);
        return from > e.end() ? Long.MAX_VALUE : from;
    }

    private long horizonMillis(String label) {
        return horizonMillis.computeIfAbsent(label, l -> Horizon.parse(l).millis());
    }

    /** Emits one reaction from its estimate and the statistics of its window so far (all of it, for a FINAL). */
    private void emit(PendingIndex.Entry e, ReactionStatus status, long timestamp, long wall) {
        PendingKey key = e.key;
        NewsEvent news = e.news;
        String ticker = key.ticker();
        boolean isBenchmark = time.isBenchmark(ticker);
        Estimated est = e.estimated;
        if (est == null) {
            est = estimate(news.getId(), ticker, e.t0, isBenchmark, wall);
            if (est.settled()) {
                e.estimated = est; // each update of the reaction would look it up again
            }
        }
        long close = key.closeTime();
        MarketReaction.Builder b = calculator.compute(est.estimate(), window(e), MarketReaction.newBuilder());
        boolean stalled = status == ReactionStatus.FINAL
                && !isBenchmark
                && time.benchmarkStalled(wall)
                && history.clock(benchmark) <= close;
        if (key.lateNews() || est.truncated() || stalled) {
            List<String> f = new ArrayList<>(b.getFlags());
            if (key.lateNews()) {
                f.add(ReactionCalculator.LATE_NEWS);
            }
            if (est.truncated()) {
                f.add(ReactionCalculator.HISTORY_TRUNCATED);
            }
            if (stalled) {
                f.add(ReactionCalculator.BENCHMARK_STALLED);
                LOG.warn(
                        "{} {} {}: finalized without waiting longer for the benchmark {}, silent for more than {}; "
                                + "flagged {}",
                        news.getId(),
                        ticker,
                        key.horizon(),
                        benchmark,
                        config.benchmarkWait(),
                        ReactionCalculator.BENCHMARK_STALLED);
            }
            b.setFlags(f);
        }
        b.setNewsId(news.getId())
                .setTicker(ticker)
                .setHorizon(key.horizon())
                .setStatus(status)
                .setBenchmark(benchmark)
                .setHeadline(news.getHeadline())
                .setSource(news.getSource())
                .setSentiment(news.getSentiment())
                .setNewsTickers(news.getTickers())
                .setTags(news.getTags());
        if (status == ReactionStatus.FINAL && est.estimate().fit() != null) {
            carPath(b, e, est.estimate(), isBenchmark);
        }
        if (stories != null && storyHorizons.contains(key.horizon())) {
            story(b, e, status == ReactionStatus.FINAL, wall);
        }
        MarketReaction reaction = b.build();
        String k = new ReactionKey(news.getId(), ticker, key.horizon()).encode();
        context.forward(new Record<>(k, reaction, timestamp, StatusHeader.of(status)));
        long due = status == ReactionStatus.FINAL ? close : timestamp;
        if (wall - due < LIVE_LAG_MS) {
            liveUncommitted = true;
            commitIfLive(wall);
        }
        // the queryable store: every FINAL, and the latest PROVISIONAL of each key once per wall-clock punctuation
        String recentKey = ticker + '|' + news.getId() + '|' + key.horizon();
        if (status == ReactionStatus.FINAL) {
            recentUpdates.remove(recentKey);
            recent.put(recentKey, reaction, e.t0);
        } else {
            recentUpdates.put(recentKey, new Recent(reaction, e.t0));
        }
    }

    /**
     * The CAR path of a FINAL (the event study's input): read once from the history as of the window's close,
     * the same ticks its statistics hold.
     */
    private void carPath(MarketReaction.Builder b, PendingIndex.Entry e, Estimate est, boolean isBenchmark) {
        if (isBenchmark) {
            return; // its model is NONE: no abnormal return
        }
        List<Double> path = CarPath.of(est, window(e)); // the window's statistics keep what it needs
        if (!path.isEmpty()) {
            b.setCarAt(CarPath.grid(e.horizonMs)).setCar(path);
        }
    }

    /**
     * The story fields. A story is final once no earlier item can still arrive within the news lateness (the
     * task's time past T0 + L, or a FINAL: its window closed at least L after T0, see {@link ReactionConfig#storyOn});
     * a PROVISIONAL before that carries the story as far as it is known.
     */
    private void story(MarketReaction.Builder b, PendingIndex.Entry e, boolean isFinal, long wall) {
        long taskTime = time.taskTime(wall);
        boolean fin = isFinal || taskTime == StreamTime.END || (taskTime != NONE && taskTime - latenessMs > e.t0);
        Story s = stories.story(e.key.ticker(), e.news, e.key.lateNews(), fin);
        b.setStoryId(s.storyId())
                .setRepeat(s.repeatOf(e.key.newsId()))
                .setStorySimilarity(s.similarity())
                .setNovelty(new Novelty(
                        s.novelty().get(0),
                        s.novelty().get(1),
                        s.novelty().get(2),
                        s.novelty().get(3),
                        s.novelty().get(4)));
    }

    /**
     * An estimate, whether the history it was computed from may have lost ticks to retention, and whether it is
     * final (both the ticker's and the benchmark's time past T0 + G: nothing can change it any more).
     */
    record Estimated(Estimate estimate, boolean truncated, boolean settled) {}

    /**
     * The part of a reaction that depends on history up to T0, read as of {@code T0 + G}: computed once per
     * (news, ticker) and kept in memory once both the ticker's and the benchmark's time have passed that
     * point (nothing can change it then). Not persisted: after a restart it is computed again, the same.
     */
    private Estimated estimate(String newsId, String ticker, long t0, boolean isBenchmark, long wall) {
        String cacheKey = newsId + '|' + ticker;
        Estimated cached = estimates.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        long from = t0 - estimationMs;
        long asOf = t0 + graceMs;
        TickSeries stock = history.estimationSeries(ticker, from, t0, asOf, graceMs);
        TickSeries bench = isBenchmark ? null : history.estimationSeries(benchmark, from, t0, asOf, graceMs);
        boolean truncated =
                history.expiredBefore(ticker) > from || (bench != null && history.expiredBefore(benchmark) > from);
        if (truncated) {
            LOG.warn(
                    "{} {}: history before {} is no longer retained (the news arrived later than the lateness "
                            + "bound); flagged {}",
                    newsId,
                    ticker,
                    Instant.ofEpochMilli(from),
                    ReactionCalculator.HISTORY_TRUNCATED);
        }
        boolean settled = time.reactionTime(ticker, history.clock(ticker), wall) > asOf;
        Estimated e = new Estimated(calculator.estimate(t0, stock, bench), truncated, settled);
        if (settled) {
            estimates.put(cacheKey, e);
        }
        return e;
    }

    /**
     * Drops the part of a symbol's history nobody can need any more: before E ahead of the earliest pending
     * news on it (for the benchmark, on any ticker) and before E + L ahead of the task's time (or of the
     * symbol's own clock, when that is behind).
     */
    private void expire(String symbol, boolean isBenchmark, long wall) {
        long taskTime = time.taskTime(wall);
        if (taskTime == NONE || taskTime == StreamTime.END) {
            return;
        }
        long pendingT0 = isBenchmark ? index.earliestT0() : index.earliestT0(symbol);
        // never ahead of the symbol's own clock: a feed behind the others keeps what its own news will need
        long progress = Math.min(taskTime, history.clock(symbol));
        long keepFrom = Math.min(progress - latenessMs, pendingT0) - estimationMs;
        history.expire(symbol, keepFrom);
        if (stories != null) {
            // a story reads back MAX_AGE from its item; the items to come are pending or within L
            stories.expire(
                    symbol, Math.min(progress - latenessMs, index.earliestT0(symbol)) - StoryConfig.MAX_AGE.toMillis());
        }
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
