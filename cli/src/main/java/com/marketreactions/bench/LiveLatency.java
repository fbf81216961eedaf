package com.marketreactions.bench;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.InputLimits;
import com.marketreactions.common.SchemaRegistration;
import com.marketreactions.common.TopicAdmin;
import com.marketreactions.common.Topics;
import com.marketreactions.common.Trades;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.app.ReactionApp;
import com.marketreactions.streams.reaction.NormalModel;
import com.marketreactions.streams.reaction.SessionConfig;
import com.marketreactions.streams.story.StoryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Live latency: ticks published at a fixed rate with event time = now, news every half second, the analyzer
 * running exactly-once. A PROVISIONAL reaction carries the time of the tick that caused it, so its latency is
 * read time minus record time (read_committed). A FINAL's latency is counted from the moment its window
 * could close ({@code T0 + h + G}).
 */
final class LiveLatency {

    record Result(double achievedRate, long samples, double[] provisional, double[] fin) {
        /** No live phase was run. */
        static final Result NONE =
                new Result(Double.NaN, 0, new double[] {Double.NaN, Double.NaN, Double.NaN}, new double[] {
                    Double.NaN, Double.NaN, Double.NaN
                });
    }

    private static final Duration GRACE = Duration.ofMillis(500);
    /** Windows closing this close to the end of the input are left out of the FINAL latencies. */
    private static final Duration LAST_TICKS = Duration.ofMillis(250);

    private final ClientConfigs clients;
    private final Benchmark.Options o;
    private final String runId;

    LiveLatency(ClientConfigs clients, Benchmark.Options options, String runId) {
        this.clients = clients;
        this.o = options;
        this.runId = runId;
    }

    /** Short horizons and grace so that windows open and close many times within the run. */
    static ReactionConfig config() {
        return new ReactionConfig(
                List.of(Horizon.parse("PT2S"), Horizon.parse("PT5S")),
                "SPY",
                Duration.ofMinutes(10),
                30,
                NormalModel.MARKET,
                GRACE,
                Duration.ofSeconds(5),
                0.005,
                Duration.ofSeconds(2),
                Duration.ofMillis(500),
                Duration.ofMinutes(1),
                StoryConfig.defaults(),
                SessionConfig.defaults(),
                InputLimits.defaults(),
                false);
    }

    Result run(List<String> symbols) throws Exception {
        Topics topics = Topics.create("bench-live-" + runId + ".", clients.serdes());
        TopicAdmin.ensureTopics(clients, topics, o.partitions());
        SchemaRegistration.registerAll(clients, topics);
        Path stateDir = Files.createTempDirectory("reactions-live-state-");
        LatencyRecorder recorder = new LatencyRecorder();
        AtomicBoolean stop = new AtomicBoolean();
        double achieved;
        try (ReactionApp app = new ReactionApp(
                config(), topics, ReactionApp.properties(clients, "bench-live-" + runId, stateDir, o.streams()))) {
            app.start();
            if (!app.awaitRunning(Duration.ofMinutes(1))) {
                throw new IllegalStateException("the live analyzer did not start: " + app.state());
            }
            Thread reader = new Thread(() -> read(topics, recorder, stop), "live-reader");
            reader.start();
            achieved = produce(topics, symbols);
            recorder.producerStopped(System.currentTimeMillis());
            // the last windows close by the idle timeout: wait until reactions stop arriving (bounded)
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && System.nanoTime() - recorder.lastSampleNanos() < 3e9) {
                Thread.sleep(100); // polling interval against the condition above
            }
            stop.set(true);
            reader.join(10_000);
        } finally {
            Benchmark.deleteQuietly(stateDir);
        }
        return new Result(achieved, recorder.count(), recorder.percentiles(true), recorder.percentiles(false));
    }

    /** Publishes ticks at the target rate with event time = now; returns the achieved rate. */
    private double produce(Topics topics, List<String> symbols) {
        Random random = new Random(o.seed());
        double[] prices = new double[symbols.size()];
        Arrays.fill(prices, 100.0);
        long sent = 0;
        long newsSent = 0;
        long start = System.nanoTime();
        long end = start + o.liveDuration().toNanos();
        // a live feed sends each tick as it comes: no lingering for fuller batches
        Map<String, Object> feed = clients.producer();
        feed.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, StockTick> ticks = new KafkaProducer<>(
                        feed,
                        topics.ticks.keySerde().serializer(),
                        topics.ticks.valueSerde().serializer());
                KafkaProducer<String, NewsEvent> news = new KafkaProducer<>(
                        feed,
                        topics.news.keySerde().serializer(),
                        topics.news.valueSerde().serializer())) {
            while (System.nanoTime() < end) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                long due = (long) (elapsed * o.liveRate());
                long now = System.currentTimeMillis();
                while (sent < due) {
                    int i = (int) (sent % symbols.size());
                    prices[i] *= 1 + random.nextGaussian() * 0.0002;
                    StockTick t = Trades.trade(
                            symbols.get(i),
                            Instant.ofEpochMilli(now),
                            Math.round(prices[i] * 100) / 100.0,
                            100.0,
                            null);
                    ticks.send(new ProducerRecord<>(topics.ticks.name(), null, now, t.getSymbol(), t));
                    sent++;
                }
                if (elapsed * 2 >= newsSent) {
                    String ticker = symbols.get(random.nextInt(symbols.size()));
                    NewsEvent n = NewsEvent.newBuilder()
                            .setId("live-" + newsSent)
                            .setPublishedAt(Instant.ofEpochMilli(now))
                            .setSource("bench")
                            .setHeadline("live news " + newsSent)
                            .setTickers(List.of(ticker))
                            .build();
                    news.send(new ProducerRecord<>(topics.news.name(), null, now, n.getId(), n));
                    newsSent++;
                }
                try {
                    Thread.sleep(5); // pacing between batches of the target rate
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            ticks.flush();
        }
        return sent / ((System.nanoTime() - start) / 1e9);
    }

    private void read(Topics topics, LatencyRecorder recorder, AtomicBoolean stop) {
        try (KafkaConsumer<String, MarketReaction> c = new KafkaConsumer<>(
                clients.committedReader(),
                topics.reactions.keySerde().deserializer(),
                topics.reactions.valueSerde().deserializer())) {
            ClientConfigs.assignAllFromStart(c, topics.reactions.name());
            while (!stop.get()) {
                for (ConsumerRecord<String, MarketReaction> r : c.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    if (r.value() == null) {
                        continue;
                    }
                    if (r.value().getStatus() == ReactionStatus.PROVISIONAL) {
                        recorder.add(true, now - r.timestamp());
                    } else if (recorder.whileProducing(r.timestamp() + GRACE.toMillis())) {
                        // a window that closed after the input stopped is finalized by the idle timeout,
                        // which measures the timeout, not the analyzer
                        recorder.add(false, now - (r.timestamp() + GRACE.toMillis()));
                    }
                }
            }
        }
    }

    /** Latency samples of both kinds. */
    private static final class LatencyRecorder {

        private long[] prov = new long[1024];
        private long[] fin = new long[1024];
        private int np;
        private int nf;
        private volatile long stoppedAt = Long.MAX_VALUE;
        private volatile long lastSample = System.nanoTime();

        long lastSampleNanos() {
            return lastSample;
        }

        void producerStopped(long at) {
            stoppedAt = at;
        }

        /**
         * The window closed while ticks still came: its close is at least {@link #LAST_TICKS} before the input
         * stopped. A window needs a later tick of its ticker and of the benchmark (whose copies arrive one commit
         * later) to close; one that closes in the last moments gets none and waits for the idle timeout.
         */
        boolean whileProducing(long closeTime) {
            return closeTime < stoppedAt - LAST_TICKS.toMillis();
        }

        synchronized void add(boolean provisional, long ms) {
            lastSample = System.nanoTime();
            if (provisional) {
                if (np == prov.length) {
                    prov = Arrays.copyOf(prov, np * 2);
                }
                prov[np++] = ms;
            } else {
                if (nf == fin.length) {
                    fin = Arrays.copyOf(fin, nf * 2);
                }
                fin[nf++] = ms;
            }
        }

        synchronized long count() {
            return np + nf;
        }

        synchronized double[] percentiles(boolean provisional) {
            long[] a = Arrays.copyOf(provisional ? prov : fin, provisional ? np : nf);
            if (a.length == 0) {
                return new double[] {Double.NaN, Double.NaN, Double.NaN};
            }
            Arrays.sort(a);
            return new double[] {
                a[(int) (a.length * 0.50)],
                a[(int) Math.min(a.length - 1, a.length * 0.95)],
                a[(int) Math.min(a.length - 1, a.length * 0.99)]
            };
        }
    }
}
