package com.marketreactions.streams.topology;

import com.marketreactions.common.PlainAvroSerdes;
import com.marketreactions.common.Trades;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.TopologyNames;
import com.marketreactions.streams.history.TickHistoryBuilder;
import com.marketreactions.streams.history.TickHistoryStore;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-tick path of the reaction processor without Kafka around it: one tick (of 50 symbols and the
 * benchmark in turn, 25 ms of event time apart) through {@link ReactionProcessor#process} with its real stores
 * on RocksDB, news arriving every 20,000 ticks (about 170 pending at a time, four horizons each, PROVISIONAL
 * updates on), a flush of the tick store every 5,000 ticks as at a commit. What Kafka Streams adds per tick
 * (polling, deserialization, the commit) is measured by {@code ./reactions bench} instead.
 *
 * <p>Run: {@code ./mvnw -q -pl streams-app test-compile exec:exec@jmh} (after {@code ./mvnw install -DskipTests});
 * JMH options with {@code -Djmh.args="TickPathBenchmark -f 1 -wi 3 -i 5"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class TickPathBenchmark {

    private static final long START = Instant.parse("2025-11-03T14:30:00Z").toEpochMilli();

    @Param({"50"})
    int symbols;

    private File dir;
    private MockProcessorContext<String, MarketReaction> context;
    private ReactionProcessor processor;
    private TickHistoryStore history;
    private String[] names;
    private double[] prices;
    private final SplittableRandom random = new SplittableRandom(42);
    private long n;

    @Setup(Level.Trial)
    public void open() throws Exception {
        dir = Files.createTempDirectory("tick-path-bench").toFile();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "tick-path-bench");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.getAbsolutePath());
        context = new MockProcessorContext<>(p, new org.apache.kafka.streams.processor.TaskId(0, 0), dir);
        context.setCurrentSystemTimeMs(
                START + Duration.ofDays(400).toMillis()); // a replay: the wall clock after the data
        PlainAvroSerdes serdes = new PlainAvroSerdes();
        history = new TickHistoryBuilder(TopologyNames.TICK_HISTORY, Map.of())
                .withLoggingDisabled()
                .build();
        add(history);
        add(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(TopologyNames.PENDING),
                        Serdes.Bytes(),
                        serdes.avro(NewsEvent.class))
                .withLoggingDisabled()
                .build());
        add(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(TopologyNames.CLOCK), Serdes.String(), Serdes.Long())
                .withLoggingDisabled()
                .build());
        ReactionConfig config = ReactionConfig.defaults().withIdleTimeout(Duration.ofDays(3650));
        add(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(
                                TopologyNames.NEWS_SEEN, config.retention(), Duration.ofMillis(1), false),
                        Serdes.String(),
                        Serdes.Long())
                .withLoggingDisabled()
                .build());
        add(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(
                                TopologyNames.RECENT_REACTIONS, config.retention(), Duration.ofMillis(1), false),
                        Serdes.String(),
                        serdes.avro(MarketReaction.class))
                .withLoggingDisabled()
                .build());
        processor = new ReactionProcessor(config, 1);
        processor.init(context);
        names = new String[symbols + 1];
        prices = new double[symbols + 1];
        for (int i = 0; i < symbols; i++) {
            names[i] = "S" + i;
            prices[i] = 100;
        }
        names[symbols] = config.benchmark();
        prices[symbols] = 500;
    }

    private void add(StateStore store) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    @Benchmark
    public void tick() {
        long i = n++;
        int s = (int) (i % names.length);
        long ts = START + i * 25;
        prices[s] *= 1 + random.nextGaussian() * 0.0002;
        StockTick tick = Trades.trade(names[s], Instant.ofEpochMilli(ts), prices[s], 100.0, null);
        processor.process(new Record<>(names[s], new MarketEvent.Tick(tick), ts));
        if (i % 20_000 == 0) {
            String ticker = names[random.nextInt(symbols)];
            Instant t0 = Instant.ofEpochMilli(ts);
            NewsEvent news = NewsEvent.newBuilder()
                    .setId("n" + i)
                    .setPublishedAt(t0)
                    .setSource("bench")
                    .setHeadline("news " + i)
                    .setTickers(List.of(ticker))
                    .build();
            processor.process(new Record<>(ticker, new MarketEvent.TickerNews(news), ts));
        }
        if (i % 5_000 == 0) {
            history.flushCache();
            context.resetForwards();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        processor.close();
        Utils.delete(dir);
    }
}
