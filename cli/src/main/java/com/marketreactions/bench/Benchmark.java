package com.marketreactions.bench;

import com.marketreactions.cli.EndMarkers;
import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.SchemaRegistration;
import com.marketreactions.common.TopicAdmin;
import com.marketreactions.common.Topics;
import com.marketreactions.producers.files.FilePublisher;
import com.marketreactions.producers.files.PublishResult;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.app.ReactionApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark: a plain consumer reading the tick topic is the ceiling on this machine; the analyzer's
 * processing rate of the same topic, exactly-once and with the production config, is reported as a fraction
 * of it. Then a live run measures latency at a fixed input rate, and the analyzer's memory is read off.
 */
public final class Benchmark {

    private static final Logger LOG = LoggerFactory.getLogger(Benchmark.class);

    /**
     * What to generate and how to run.
     *
     * @param market trades and news spread as a whole market spreads them ({@link Dataset}), else uniformly
     * @param liveDuration zero: no live phase
     */
    public record Options(
            boolean market,
            int symbols,
            long ticks,
            int news,
            List<Horizon> horizons,
            int partitions,
            long seed,
            int liveRate,
            Duration liveDuration,
            Duration timeout,
            Map<String, String> streams,
            long warmupTicks) {
        /** @param streams Kafka Streams settings (the {@code streams.} keys of the config) for all three applications */
        public Options {
            streams = Map.copyOf(streams);
        }
    }

    private final ClientConfigs clients;
    private final Options o;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);

    public Benchmark(ClientConfigs clients, Options options) {
        this.clients = clients;
        this.o = options;
    }

    public BenchResult run() throws Exception {
        if (o.warmupTicks() > 0) {
            LOG.info("warm-up: the analyzer on {} ticks of other topics, not timed into the result", o.warmupTicks());
            Analyzed w = analyze("bench-warmup-" + runId, o.warmupTicks(), false);
            LOG.info(
                    "warm-up: {} ticks/s",
                    String.format(Locale.ROOT, "%,.0f", w.published().published() / w.seconds()));
        }
        Memory.resetPeaks();
        String appId = "bench-" + runId;
        Analyzed a = analyze(appId, o.ticks(), true);
        Topics topics = a.topics();
        PublishResult published = a.published();
        double peakHeap = Memory.peakHeapMiB();
        double liveHeap = Memory.liveHeapMiB();
        double analyzerRate = published.published() / a.seconds();

        LOG.info("ceiling: a plain consumer decoding the same tick topic");
        double ceiling = Math.max(ceiling(topics, published.published()), ceiling(topics, published.published()));

        LOG.info("Streams ceiling: Kafka Streams (exactly-once) only decoding and counting the same tick topic");
        double streamsCeiling = StreamsCeiling.ticksPerSecond(
                clients, topics, published.published(), appId + "-streams-ceiling", o.timeout(), o.streams());

        LOG.info("file parse: a native ticks CSV of up to 1M generated ticks, read and checked");
        double parseRate = FileParse.linesPerSecond(
                Dataset.generate(o, Math.min(o.ticks(), 1_000_000)).ticks(), 1_000_000);

        LiveLatency.Result live;
        if (o.liveDuration().isZero()) {
            live = LiveLatency.Result.NONE;
        } else {
            LOG.info("live: {} ticks/s for {}", o.liveRate(), o.liveDuration());
            live = new LiveLatency(clients, o, runId).run(a.data().symbols());
        }

        return new BenchResult(
                o.market() ? "market" : "uniform",
                LocalDate.now().toString(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.version().toString(),
                o.symbols(),
                published.published(),
                a.data().news().size(),
                o.horizons().stream().map(Horizon::label).collect(Collectors.joining(",")),
                o.partitions(),
                a.publishRate(),
                parseRate,
                ceiling,
                streamsCeiling,
                analyzerRate,
                a.seconds(),
                a.blocked(),
                a.cpu(),
                a.finals(),
                a.impacts(),
                analyzerRate / ceiling,
                o.liveRate(),
                live.achievedRate(),
                live.samples(),
                live.provisional()[0],
                live.provisional()[1],
                live.provisional()[2],
                live.fin()[0],
                live.fin()[1],
                live.fin()[2],
                peakHeap,
                liveHeap,
                Memory.procStatusMiB("VmHWM"),
                a.stateMiB(),
                a.restore().seconds(),
                a.restore().records());
    }

    /** What one analyzer run on fresh topics measured. */
    private record Analyzed(
            Topics topics,
            Dataset data,
            PublishResult published,
            double publishRate,
            double seconds,
            Map<String, Double> blocked,
            Map<String, Double> cpu,
            long finals,
            long impacts,
            double stateMiB,
            RestoreTime.Result restore) {

        Analyzed withRestore(RestoreTime.Result r) {
            return new Analyzed(
                    topics, data, published, publishRate, seconds, blocked, cpu, finals, impacts, stateMiB, r);
        }
    }

    /**
     * One analyzer run on fresh topics: the news is published and consumed first, then the analyzer is paused
     * while {@code ticks} ticks and the end markers are published, and timed from its resume to the last end
     * marker on its output. Then, if asked, the time a new instance takes to restore the state it left.
     */
    private Analyzed analyze(String appId, long ticks, boolean timeRestore) throws Exception {
        Topics topics = Topics.create(appId + ".", clients.serdes());
        TopicAdmin.ensureTopics(clients, topics, o.partitions());
        SchemaRegistration.registerAll(clients, topics);
        Dataset data = Dataset.generate(o, ticks);
        LOG.info(
                "analyzer: {} news consumed, then {} ticks published while it is paused, then timed",
                data.news().size(),
                ticks);
        Map<Integer, Long> newsOffsets = publishNews(topics, data.news());
        EndMarkers.publish(clients, topics.news.name(), o.partitions());
        ReactionConfig config =
                ReactionConfig.defaults().withHorizons(o.horizons()).withEndMarkers(true); // a replay
        Path stateDir = Files.createTempDirectory("reactions-bench-state-");
        Analyzed analyzed;
        try (ReactionApp app =
                new ReactionApp(config, topics, ReactionApp.properties(clients, appId, stateDir, o.streams()))) {
            app.start();
            Runnable health = () -> {
                if (app.failure() != null) {
                    throw new IllegalStateException("the topology failed: " + app.failure(), app.failure());
                }
            };
            // as in a replay: the news is in before the first tick, so none of it arrives late
            EndMarkers.awaitConsumed(clients, appId, topics.news.name(), newsOffsets, o.timeout(), health);
            // the analyzer reads a topic that is already written, as the ceiling does: it is paused while the
            // ticks are published, so the producer does not compete with it for the cores
            app.streams().pause();
            long p = System.nanoTime();
            PublishResult published = FilePublisher.create(clients, topics).publishTicks(data.ticks());
            double publishRate = published.published() / seconds(p);
            EndMarkers.publish(clients, topics.ticks.name(), o.partitions());
            BlockedTime blockedBefore = BlockedTime.of(app.streams());
            ThreadCpu cpuBefore = ThreadCpu.of(appId);
            long t = System.nanoTime();
            app.streams().resume();
            // counted, not kept: with ten times the news the PROVISIONAL updates alone filled the bench's heap
            long[] finalCount = {0};
            EndMarkers.readUntilEnded(clients, topics.reactions, o.partitions(), o.timeout(), health, r -> {
                if (r.getStatus() == ReactionStatus.FINAL) {
                    finalCount[0]++;
                }
            });
            double analyzerSeconds = seconds(t);
            Map<String, Double> blocked = BlockedTime.of(app.streams()).secondsSince(blockedBefore);
            ThreadCpu cpu = ThreadCpu.of(appId);
            Map<String, Double> cpuSeconds = new java.util.LinkedHashMap<>();
            cpuSeconds.put("stream threads", cpu.streamSecondsSince(cpuBefore));
            cpuSeconds.put("their producers' I/O", cpu.producerSecondsSince(cpuBefore));
            long finals = finalCount[0];
            long impacts = EndMarkers.readUntilEnded(clients, topics.impact, o.partitions(), o.timeout(), health)
                    .size();
            analyzed = new Analyzed(
                    topics,
                    data,
                    published,
                    publishRate,
                    analyzerSeconds,
                    blocked,
                    cpuSeconds,
                    finals,
                    impacts,
                    Memory.dirMiB(stateDir),
                    RestoreTime.Result.NONE);
        } finally {
            deleteQuietly(stateDir);
        }
        if (!timeRestore) {
            return analyzed;
        }
        LOG.info("restore: a new instance of {} on an empty state directory", appId);
        return analyzed.withRestore(
                RestoreTime.measure(clients, appId, analyzed.topics(), config, o.streams(), o.timeout()));
    }

    /** @return per partition, the offset of the last news record */
    private Map<Integer, Long> publishNews(Topics topics, List<NewsEvent> news) throws Exception {
        Map<Integer, Long> last = new java.util.TreeMap<>();
        try (KafkaProducer<String, NewsEvent> p = new KafkaProducer<>(
                clients.producer(),
                topics.news.keySerde().serializer(),
                topics.news.valueSerde().serializer())) {
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent =
                    new java.util.ArrayList<>();
            for (NewsEvent n : news) {
                sent.add(p.send(new ProducerRecord<>(
                        topics.news.name(), null, n.getPublishedAt().toEpochMilli(), n.getId(), n)));
            }
            p.flush();
            for (var f : sent) {
                var m = f.get();
                last.merge(m.partition(), m.offset(), Math::max);
            }
        }
        return last;
    }

    /** Reads and decodes the whole tick topic with a plain consumer; records per second. */
    private double ceiling(Topics topics, long expected) {
        Map<String, Object> p = clients.common();
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        try (KafkaConsumer<String, StockTick> c = new KafkaConsumer<>(
                p,
                topics.ticks.keySerde().deserializer(),
                topics.ticks.valueSerde().deserializer())) {
            ClientConfigs.assignAllFromStart(c, topics.ticks.name());
            long seen = 0;
            long t = System.nanoTime();
            long deadline = t + o.timeout().toNanos();
            double checksum = 0;
            while (seen < expected && System.nanoTime() < deadline) {
                ConsumerRecords<String, StockTick> recs = c.poll(Duration.ofMillis(200));
                for (var r : recs) {
                    if (r.value() != null) {
                        checksum += r.value().getPrice(); // use the decoded value so nothing is optimized away
                        seen++;
                    }
                }
            }
            LOG.debug("ceiling read {} ticks (checksum {})", seen, checksum);
            return seen / seconds(t);
        }
    }

    static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
