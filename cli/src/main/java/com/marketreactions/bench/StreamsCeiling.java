package com.marketreactions.bench;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.Topics;
import com.marketreactions.streams.app.ReactionApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;

/**
 * What Kafka Streams itself costs on this machine: a topology that only decodes the tick topic and counts,
 * with the analyzer's settings (exactly-once, commit interval). It separates the framework's share of the
 * analyzer's time from the analyzer's own work. Timed from its first record to its last, so the group join
 * is left out.
 */
final class StreamsCeiling {

    private StreamsCeiling() {}

    static double ticksPerSecond(
            ClientConfigs clients,
            Topics topics,
            long expected,
            String appId,
            Duration timeout,
            Map<String, String> settings)
            throws Exception {
        AtomicLong seen = new AtomicLong();
        long[] firstLast = new long[2];
        // counted down by the last expected tick, or by the client's failure
        CountDownLatch done = new CountDownLatch(1);
        StreamsBuilder b = new StreamsBuilder();
        b.stream(
                        topics.ticks.name(),
                        Consumed.with(topics.ticks.keySerde(), topics.ticks.valueSerde())
                                .withName("ticks-source"))
                .foreach((k, v) -> {
                    if (v == null) {
                        return;
                    }
                    long n = seen.incrementAndGet();
                    if (n == 1) {
                        firstLast[0] = System.nanoTime();
                    }
                    firstLast[1] = System.nanoTime();
                    if (n == expected) {
                        done.countDown();
                    }
                });
        Path stateDir = Files.createTempDirectory("reactions-bench-streams-");
        try (KafkaStreams streams =
                new KafkaStreams(b.build(), ReactionApp.properties(clients, appId, stateDir, settings))) {
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.ERROR) {
                    done.countDown();
                }
            });
            streams.start();
            done.await(timeout.toMillis(), TimeUnit.MILLISECONDS); // a short count is reported below
            streams.close(Duration.ofSeconds(30));
        } finally {
            Benchmark.deleteQuietly(stateDir);
        }
        long n = seen.get();
        if (n < expected) {
            throw new IllegalStateException("the Streams ceiling run read " + n + " of " + expected + " ticks");
        }
        return (n - 1) / ((firstLast[1] - firstLast[0]) / 1e9);
    }
}
