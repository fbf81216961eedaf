package com.marketreactions.bench;

import com.marketreactions.cli.EndMarkers;
import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.SchemaRegistration;
import com.marketreactions.common.TopicAdmin;
import com.marketreactions.common.Topics;
import com.marketreactions.producers.files.FilePublisher;
import com.marketreactions.producers.files.PublishResult;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionApp;
import com.marketreactions.streams.ReactionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
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

    /** What to generate and how to run. */
    public record Options(int symbols, long ticks, int news, List<Horizon> horizons, int partitions, long seed,
                          int liveRate, Duration liveDuration, Duration timeout) {
    }

    private final ClientConfigs clients;
    private final Options o;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);

    public Benchmark(ClientConfigs clients, Options options) {
        this.clients = clients;
        this.o = options;
    }

    public BenchResult run() throws Exception {
        Topics topics = Topics.create("bench-" + runId + ".", clients.serdes());
        TopicAdmin.ensureTopics(clients, topics, o.partitions());
        SchemaRegistration.registerAll(clients.registryUrl(), topics);
        Dataset data = Dataset.generate(o);

        LOG.info("analyzer: {} news consumed, then {} ticks published while it is paused, then timed",
                data.news().size(), o.ticks());
        Map<Integer, Long> newsOffsets = publishNews(topics, data.news());
        ReactionConfig config = ReactionConfig.defaults().withHorizons(o.horizons());
        Path stateDir = Files.createTempDirectory("reactions-bench-state-");
        Memory.resetPeaks();
        long finals;
        long impacts;
        double analyzerSeconds;
        double publishRate;
        double stateMiB;
        PublishResult published;
        String appId = "bench-" + runId;
        try (ReactionApp app = new ReactionApp(config, topics,
                ReactionApp.properties(clients, appId, stateDir, Map.of()))) {
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
            published = FilePublisher.create(clients, topics).publishTicks(data.ticks());
            publishRate = published.published() / seconds(p);
            EndMarkers.publish(clients, topics.ticks.name(), o.partitions());
            long t = System.nanoTime();
            app.streams().resume();
            List<MarketReaction> out = EndMarkers.readUntilEnded(clients, topics.reactions, o.partitions(),
                    o.timeout(), health);
            analyzerSeconds = seconds(t);
            finals = out.stream().filter(r -> r.getStatus().name().equals("FINAL")).count();
            impacts = EndMarkers.readUntilEnded(clients, topics.impact, o.partitions(), o.timeout(), health).size();
            stateMiB = Memory.dirMiB(stateDir);
        }
        double peakHeap = Memory.peakHeapMiB();
        double liveHeap = Memory.liveHeapMiB();
        deleteQuietly(stateDir);
        double analyzerRate = published.published() / analyzerSeconds;

        LOG.info("ceiling: a plain consumer decoding the same tick topic");
        double ceiling = Math.max(ceiling(topics, published.published()), ceiling(topics, published.published()));

        LOG.info("Streams ceiling: Kafka Streams (exactly-once) only decoding and counting the same tick topic");
        double streamsCeiling = StreamsCeiling.ticksPerSecond(clients, topics, published.published(), appId + "-streams-ceiling",
                o.timeout());

        LOG.info("live: {} ticks/s for {}", o.liveRate(), o.liveDuration());
        LiveLatency.Result live = new LiveLatency(clients, o, runId).run(data.symbols());

        return new BenchResult(LocalDate.now().toString(), Runtime.getRuntime().availableProcessors(),
                Runtime.version().toString(), o.symbols(), published.published(), data.news().size(),
                o.horizons().stream().map(Horizon::label).collect(Collectors.joining(",")), o.partitions(),
                publishRate, ceiling, streamsCeiling, analyzerRate, analyzerSeconds, finals, impacts, analyzerRate / ceiling,
                o.liveRate(), live.achievedRate(), live.samples(), live.provisional()[0], live.provisional()[1],
                live.provisional()[2], live.fin()[0], live.fin()[1], live.fin()[2],
                peakHeap, liveHeap, Memory.procStatusMiB("VmHWM"), stateMiB);
    }

    /** @return per partition, the offset of the last news record */
    private Map<Integer, Long> publishNews(Topics topics, List<NewsEvent> news) throws Exception {
        Map<Integer, Long> last = new java.util.TreeMap<>();
        try (KafkaProducer<String, NewsEvent> p = new KafkaProducer<>(clients.producer(),
                topics.news.keySerde().serializer(), topics.news.valueSerde().serializer())) {
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new java.util.ArrayList<>();
            for (NewsEvent n : news) {
                sent.add(p.send(new ProducerRecord<>(topics.news.name(), null, n.getPublishedAt().toEpochMilli(),
                        n.getId(), n)));
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
        try (KafkaConsumer<String, StockTick> c = new KafkaConsumer<>(p, topics.ticks.keySerde().deserializer(),
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
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
