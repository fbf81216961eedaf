package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.Topics;
import com.marketreactions.producers.files.FilePublisher;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.producers.files.PublishResult;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.app.ReactionApp;
import com.marketreactions.streams.ops.BrokerProbe;
import com.marketreactions.streams.ops.OpsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The service's health endpoint and a broker restart: readiness drops while the broker is down and comes
 * back after it restarts on the same data; the reactions of ticks published before and after the outage are
 * exactly those of an uninterrupted replay.
 */
@StackExtension.OwnStack // it stops and restarts the broker
@Timeout(value = 3, unit = TimeUnit.MINUTES) // each test; it took 24 s in a full build
class ServiceOpsIT extends ServiceScenario {

    private static final int PARTITIONS = 2;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void readinessFollowsTheBrokerAndNothingIsLostAcrossABrokerRestart() throws Exception {
        ClientConfigs clients = clients();
        List<String> expected = referenceFinals(PARTITIONS, "ops-reference");

        List<Path> halves = splitTicks(0.5);
        Path first = halves.get(0);
        Path second = halves.get(1);

        Prepared p = prepare("ops.", PARTITIONS);
        Topics topics = p.topics();
        FilePublisher publisher = p.publisher();
        PublishResult news = p.news();

        Map<String, String> settings = new HashMap<>(ReactionApp.deadLetterSettings(topics));
        ReactionConfig config =
                ReactionConfig.defaults().withIdleTimeout(Duration.ofDays(3650)).withEndMarkers(true);
        try (ReactionApp app = new ReactionApp(
                        config,
                        topics,
                        ReactionApp.properties(clients, "ops-service", dir.resolve("state"), settings));
                BrokerProbe probe = new BrokerProbe(clients.common());
                OpsServer ops = OpsServer.bind("127.0.0.1", 0, probe)) {
            String base = "http://127.0.0.1:" + ops.port();
            ops.attach(app, new org.apache.kafka.streams.state.HostInfo("127.0.0.1", ops.port()));
            app.start();
            awaitStatus(base + "/health/ready", 200, Duration.ofMinutes(1));
            assertEquals(200, get(base + "/health/live").statusCode());
            EndMarkers.awaitConsumed(
                    clients,
                    "ops-service",
                    topics.news.name(),
                    news.lastOffsets(),
                    Duration.ofMinutes(1),
                    () -> Replay.failIfStopped(app));
            publisher.publish(InputFormat.TICKS, first, false);

            stack().kafka().stop();
            awaitStatus(base + "/health/ready", 503, Duration.ofSeconds(30));
            assertEquals(200, get(base + "/health/live").statusCode(), "down brokers do not make it dead");
            String metrics = get(base + "/metrics").body();
            assertTrue(metrics.contains("market_reactions_dead_lettered_total "), metrics);
            // Micrometer's names: kafka_<group without "-metrics">_<name>, the client's tags as labels
            assertTrue(metrics.contains("kafka_stream_market_reactions_open_windows{"), metrics);
            assertTrue(metrics.contains("kafka_stream_market_reactions_reactions_final_total{"), metrics);
            assertTrue(metrics.contains("kafka_stream_thread_process_total{"), metrics);
            assertTrue(metrics.contains("market_reactions_streams_state{state=\"RUNNING\"} 1"), metrics);
            assertTrue(metrics.contains("jvm_memory_used_bytes{"), metrics);

            stack().kafka().start();
            awaitStatus(base + "/health/ready", 200, Duration.ofMinutes(2));
            publisher.publish(InputFormat.TICKS, second, false);
            EndMarkers.publish(clients, topics.ticks.name(), PARTITIONS);
            assertEquals(
                    expected,
                    finalsExactlyOnce(EndMarkers.readUntilEnded(
                            clients,
                            topics.reactions,
                            PARTITIONS,
                            Duration.ofMinutes(3),
                            () -> Replay.failIfStopped(app))));
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitStatus(String url, int status, Duration limit) {
        Waits.await(url + " answering " + status)
                .atMost(limit)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> get(url).statusCode(), answered -> answered == status);
    }
}
