package com.marketreactions.streams.topology;

import com.marketreactions.common.ReactionKey;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.reaction.Estimate;
import com.marketreactions.streams.reaction.ReactionCalculator;
import com.marketreactions.streams.reaction.TickSeries;
import com.marketreactions.streams.reaction.WindowStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
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
 * Joins, per partition, the ticks of its symbols, the benchmark's ticks and the news about its tickers,
 * and emits one FINAL {@link MarketReaction} per (news, ticker, horizon) once the window has closed.
 *
 * <p>Time. Each input has its own stream-time clock (the largest tick time seen). A tick more than the
 * grace G behind its clock is late: counted, logged, never applied. A reaction closes at
 * {@code T0 + h + G} and is finalized when both clocks have passed that point (a tick at exactly
 * {@code T0 + h} is still on time while a clock stands at {@code T0 + h + G}); so a lagging benchmark
 * delays finalization instead of making it wrong. An input that has been silent for the idle timeout
 * (wall clock) stops holding the other back, and when both are silent event time follows the wall clock.
 * An end-of-input marker moves a clock to +infinity.
 *
 * <p>State: tick history per symbol and for the benchmark (retention from config), each
 * with its input's clock ({@link TickHistoryStore}), pending reactions keyed by close time, the end-of-input
 * flags, and the (news, ticker) pairs seen.
 */
final class ReactionProcessor implements Processor<String, MarketEvent, String, MarketReaction> {

    private static final Logger LOG = LoggerFactory.getLogger(ReactionProcessor.class);
    private static final String ENDED = "ended";
    private static final String TICKS_ENDED = "ticks-ended";
    private static final String BENCH_ENDED = "benchmark-ended";
    private static final String INPUT_PARTITIONS = "input-partitions";
    private static final long NONE = TickHistoryStore.NO_CLOCK;

    private final ReactionConfig config;
    private final ReactionCalculator calculator;
    private final long graceMs;
    private final long latenessMs;
    private final long idleMs;

    private ProcessorContext<String, MarketReaction> context;
    private TickHistoryStore ticks;
    private TickHistoryStore benchTicks;
    private KeyValueStore<Bytes, NewsEvent> pending;
    private KeyValueStore<String, Long> clocks;
    private WindowStore<String, Long> newsSeen;
    private WindowStore<String, MarketReaction> recent;

    /** Largest tick time seen per input; an input that ended counts as +infinity in {@link #clock}. */
    private long ticksClock = NONE;
    private long benchClock = NONE;
    private boolean ticksEnded;
    private boolean benchEnded;
    private long ticksWall;
    private long benchWall;
    private final BitSet benchEnds = new BitSet();
    private long nextClose = Long.MAX_VALUE;
    /** Open reactions by ticker, with the stream time of their last PROVISIONAL update; rebuilt from the store on start. */
    private final Map<String, Map<PendingKey, Provisional>> open = new HashMap<>();
    private final Map<String, Long> horizonMillis = new HashMap<>();
    /** Estimates by newsId|ticker, see {@link #estimate}. */
    private final Map<String, Estimated> estimates = new HashMap<>();
    private final long provisionalMs;
    private final long retentionMs;
    private boolean ended;
    private long lateTicks;
    private long openWindows;
    private ReactionMetrics metrics;

    ReactionProcessor(ReactionConfig config) {
        this.config = config;
        this.calculator = config.calculator();
        this.graceMs = config.grace().toMillis();
        this.latenessMs = config.newsLateness().toMillis();
        this.idleMs = config.idleTimeout().toMillis();
        this.provisionalMs = config.provisionalInterval().toMillis();
        this.retentionMs = config.retention().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, MarketReaction> context) {
        this.context = context;
        this.ticks = context.getStateStore(TopologyNames.TICK_HISTORY);
        this.benchTicks = context.getStateStore(TopologyNames.BENCHMARK_HISTORY);
        this.pending = context.getStateStore(TopologyNames.PENDING);
        this.clocks = context.getStateStore(TopologyNames.CLOCK);
        this.newsSeen = context.getStateStore(TopologyNames.NEWS_SEEN);
        this.recent = context.getStateStore(TopologyNames.RECENT_REACTIONS);
        ticksClock = ticks.clock();
        benchClock = benchTicks.clock();
        ended = clocks.get(ENDED) != null;
        ticksEnded = clocks.get(TICKS_ENDED) != null;
        benchEnded = clocks.get(BENCH_ENDED) != null;
        ticksWall = benchWall = context.currentSystemTimeMs();
        nextClose = firstPendingClose();
        metrics = new ReactionMetrics(context.metrics(), context.taskId().toString());
        try (KeyValueIterator<Bytes, NewsEvent> it = pending.all()) {
            it.forEachRemaining(kv -> {
                openWindows++;
                if (config.provisionalEnabled()) {
                    track(PendingKey.decode(kv.key));
                }
            });
        }
        metrics.openWindows(openWindows);
        long every = Math.max(100, Math.min(1000, idleMs / 2));
        context.schedule(Duration.ofMillis(every), PunctuationType.WALL_CLOCK_TIME, this::finalizeDue);
    }

    @Override
    public void process(Record<String, MarketEvent> record) {
        switch (record.value()) {
            case MarketEvent.OwnTick t -> onTick(t.tick(), false);
            case MarketEvent.BenchmarkTick t -> onTick(t.tick(), true);
            case MarketEvent.TickerNews n -> onNews(record.key(), n.news());
            case MarketEvent.End e -> onEnd(e);
        }
        finalizeDue(context.currentSystemTimeMs());
        if (!ended && ticksEnded && benchEnded) {
            announceEnd();
        }
    }

    /**
     * Both inputs ended and everything is final: tell the replay driver, once, with an end-of-input marker
     * on the output (null value, control header, this task's partition), written after the last reaction.
     */
    private void announceEnd() {
        ended = true;
        LOG.info("partition {}: input ended, all reactions final; {} late ticks were not applied",
                context.taskId().partition(), lateTicks);
        clocks.put(ENDED, 1L);
        int partition = context.taskId().partition();
        Long partitions = clocks.get(INPUT_PARTITIONS);
        Record<String, MarketReaction> marker = new Record<>(EndOfInput.outputMarkerKey(partition), null,
                context.currentStreamTimeMs(), EndOfInput.headers(partition, partitions == null ? 1 : partitions.intValue()));
        context.forward(marker);
    }

    private void onTick(StockTick tick, boolean benchmark) {
        long ts = tick.getTs().toEpochMilli();
        long clock = benchmark ? benchClock : ticksClock;
        if (clock != NONE && ts < clock - graceMs) {
            lateTicks++;
            metrics.lateTick();
            LOG.debug("late {} tick {} at {} is {} ms behind stream time; not applied",
                    benchmark ? "benchmark" : "", tick.getSymbol(), tick.getTs(), clock - ts);
            return;
        }
        long now = context.currentSystemTimeMs();
        if (benchmark) {
            benchWall = now;
            if (ts > benchClock) {
                benchClock = ts;
                benchTicks.clock(ts);
            }
        } else {
            ticksWall = now;
            if (ts > ticksClock) {
                ticksClock = ts;
                ticks.clock(ts);
            }
        }
        // Windows this tick closes are computed before it enters the history: the store drops what is older
        // than its newest tick minus the retention, so a reaction must not wait for the tick after its close.
        finalizeDue(now);
        (benchmark ? benchTicks : ticks).add(tick.getSymbol(), ts, tick.getPrice(), tick.getSize());
        if (!benchmark && provisionalMs > 0) {
            updateProvisional(tick.getSymbol(), ts);
        }
    }

    private void onEnd(MarketEvent.End end) {
        if (!end.benchmark()) {
            ticksEnded = true;
            clocks.put(TICKS_ENDED, 1L);
            clocks.put(INPUT_PARTITIONS, (long) end.partitions());
            return;
        }
        benchEnds.set(Math.max(0, end.sourcePartition()));
        if (benchEnds.cardinality() >= end.partitions()) {
            benchEnded = true;
            clocks.put(BENCH_ENDED, 1L);
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
        long clock = clock(context.currentSystemTimeMs());
        boolean late = clock != NONE && clock != Long.MAX_VALUE && t0 < clock - latenessMs;
        if (late) {
            LOG.info("news {} arrived {} behind stream time (lateness bound {}); reactions flagged LATE_NEWS",
                    news.getId(), Duration.ofMillis(clock - t0), config.newsLateness());
        }
        for (Horizon h : config.horizons()) {
            PendingKey key = new PendingKey(t0 + h.millis() + graceMs, late, ticker, h.label(), news.getId());
            pending.put(key.encode(), news);
            metrics.openWindows(++openWindows);
            nextClose = Math.min(nextClose, key.closeTime());
            if (provisionalMs > 0) {
                track(key);
            }
        }
    }

    private void track(PendingKey key) {
        open.computeIfAbsent(key.ticker(), t -> new HashMap<>()).put(key, new Provisional());
    }

    /** An open reaction's last update and its window so far (in memory; rebuilt by the next update). */
    private static final class Provisional {
        long lastUpdate = NONE;
        WindowStats window;
    }

    /**
     * A tick inside an open window updates its reaction, at most once per {@code max(interval, h / 60)} of
     * stream time: a one-day window gets an update every 24 minutes, not every minute (each update reads the
     * window so far).
     */
    private void updateProvisional(String symbol, long ts) {
        Map<PendingKey, Provisional> forSymbol = open.get(symbol);
        if (forSymbol == null) {
            return;
        }
        for (Map.Entry<PendingKey, Provisional> e : forSymbol.entrySet()) {
            PendingKey key = e.getKey();
            Provisional p = e.getValue();
            long h = horizonMillis(key.horizon());
            long end = key.closeTime() - graceMs;
            long t0 = end - h;
            // the benchmark must have caught up with the news time, or the update would lack its baseline
            boolean inWindow = ts > t0 && ts <= end && (benchClock >= t0 || benchEnded);
            if (inWindow && (p.lastUpdate == NONE || ts - p.lastUpdate >= Math.max(provisionalMs, h / 60))) {
                NewsEvent news = pending.get(key.encode());
                if (news != null) {
                    // only the ticks since the last update are read; one that arrived out of order behind it
                    // shows in the FINAL, which reads the whole window
                    if (p.window == null) {
                        p.window = new WindowStats();
                    }
                    long stockAfter = Math.max(t0, p.window.stockUpTo());
                    p.window.addStock(ticks.series(key.ticker(), stockAfter + 1, end), stockAfter, end);
                    if (!key.ticker().equals(config.benchmark())) {
                        long benchAfter = Math.max(t0, p.window.benchUpTo());
                        p.window.addBench(benchTicks.series(config.benchmark(), benchAfter + 1, end), benchAfter, end);
                    }
                    emit(key, news, ReactionStatus.PROVISIONAL, ts, p.window);
                    metrics.provisional();
                    p.lastUpdate = ts;
                }
            }
        }
    }

    private long horizonMillis(String label) {
        return horizonMillis.computeIfAbsent(label, l -> Horizon.parse(l).millis());
    }

    /** Finalizes every pending reaction whose window has closed by the current clock. */
    private void finalizeDue(long wallNow) {
        long clock = clock(wallNow);
        if (clock == NONE || clock <= nextClose) {
            return;
        }
        List<KeyValue<Bytes, NewsEvent>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, NewsEvent> it = pending.range(PendingKey.first(), PendingKey.after(clock - 1))) {
            while (it.hasNext()) {
                KeyValue<Bytes, NewsEvent> kv = it.next();
                if (PendingKey.decode(kv.key).closeTime() < clock) {
                    due.add(kv);
                }
            }
        }
        for (KeyValue<Bytes, NewsEvent> kv : due) {
            PendingKey key = PendingKey.decode(kv.key);
            emit(key, kv.value, ReactionStatus.FINAL, key.closeTime() - graceMs, null);
            pending.delete(kv.key);
            metrics.fin();
            metrics.openWindows(--openWindows);
            Map<PendingKey, Provisional> forTicker = open.get(key.ticker());
            if (forTicker != null && forTicker.remove(key) != null && forTicker.isEmpty()) {
                open.remove(key.ticker());
            }
        }
        nextClose = firstPendingClose();
    }

    /**
     * Emits one reaction: FINAL reads its whole window ({@code window} null), PROVISIONAL passes the
     * statistics of the window so far.
     */
    private void emit(PendingKey key, NewsEvent news, ReactionStatus status, long timestamp, WindowStats window) {
        long h = horizonMillis(key.horizon());
        long t0 = news.getPublishedAt().toEpochMilli();
        long to = t0 + h;
        boolean isBenchmark = key.ticker().equals(config.benchmark());
        Estimated est = estimate(news.getId(), key.ticker(), t0, isBenchmark);
        WindowStats w = window != null ? window : WindowStats.of(t0, h, ticks.series(key.ticker(), t0 + 1, to),
                isBenchmark ? null : benchTicks.series(config.benchmark(), t0 + 1, to));
        MarketReaction.Builder b = calculator.compute(est.estimate(), w, MarketReaction.newBuilder());
        if (key.lateNews() || est.truncated()) {
            List<String> flags = new ArrayList<>(b.getFlags());
            if (key.lateNews()) {
                flags.add(ReactionCalculator.LATE_NEWS);
            }
            if (est.truncated()) {
                flags.add(ReactionCalculator.HISTORY_TRUNCATED);
            }
            b.setFlags(flags);
        }
        MarketReaction reaction = b.setNewsId(news.getId()).setTicker(key.ticker()).setHorizon(key.horizon())
                .setStatus(status).setBenchmark(config.benchmark()).setHeadline(news.getHeadline())
                .setSource(news.getSource()).setSentiment(news.getSentiment()).setNewsTickers(news.getTickers())
                .build();
        String k = new ReactionKey(news.getId(), key.ticker(), key.horizon()).encode();
        context.forward(new Record<>(k, reaction, timestamp));
        recent.put(key.ticker() + '|' + news.getId() + '|' + key.horizon(), reaction, t0);
        if (status == ReactionStatus.FINAL && h == config.maxHorizon().toMillis()) {
            estimates.remove(news.getId() + '|' + key.ticker()); // the longest horizon closes last
        }
    }

    /** An estimate and whether the history it was computed from may have lost ticks to retention. */
    private record Estimated(Estimate estimate, boolean truncated) {
    }

    /**
     * The part of a reaction that depends on history up to T0, computed once per (news, ticker) and kept in
     * memory once both clocks have passed T0 + G (no tick that could change it can still be applied). Not
     * persisted: after a restart it is computed again from the stores.
     */
    private Estimated estimate(String newsId, String ticker, long t0, boolean isBenchmark) {
        String cacheKey = newsId + '|' + ticker;
        Estimated cached = estimates.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        long from = t0 - calculator.estimationMs();
        TickSeries stock = ticks.series(ticker, from, t0);
        TickSeries bench = isBenchmark ? null : benchTicks.series(config.benchmark(), from, t0);
        boolean truncated = ticksClock - retentionMs > from || (bench != null && benchClock - retentionMs > from);
        if (truncated) {
            LOG.warn("{} {}: computed when history before {} may already be gone (a long data gap or a lagging "
                    + "benchmark); flagged {}", newsId, ticker, Instant.ofEpochMilli(from),
                    ReactionCalculator.HISTORY_TRUNCATED);
        }
        Estimated e = new Estimated(calculator.estimate(t0, stock, bench), truncated);
        long clock = clock(context.currentSystemTimeMs());
        if (clock != NONE && clock - graceMs >= t0) {
            estimates.put(cacheKey, e);
        }
        return e;
    }

    /**
     * The time up to which both inputs are complete. A silent input (no data for the idle timeout) follows
     * the other one; when both are silent, event time advances with the wall clock.
     */
    private long clock(long wallNow) {
        boolean ticksIdle = wallNow - ticksWall >= idleMs;
        boolean benchIdle = wallNow - benchWall >= idleMs;
        long t = ticksEnded ? Long.MAX_VALUE : ticksClock;
        long b = benchEnded ? Long.MAX_VALUE : benchClock;
        if (ticksIdle && benchIdle) {
            long base = Math.max(t, b);
            if (base == NONE || base == Long.MAX_VALUE) {
                return base;
            }
            long silentFor = wallNow - Math.max(ticksWall, benchWall) - idleMs;
            return base + Math.max(0, silentFor);
        }
        if (ticksIdle) {
            t = Math.max(t, b);
        }
        if (benchIdle) {
            b = Math.max(b, t);
        }
        return Math.min(t, b);
    }

    private long firstPendingClose() {
        try (KeyValueIterator<Bytes, NewsEvent> it = pending.all()) {
            return it.hasNext() ? PendingKey.decode(it.next().key).closeTime() : Long.MAX_VALUE;
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
