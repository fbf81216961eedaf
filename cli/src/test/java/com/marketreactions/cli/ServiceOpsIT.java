package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.RecordJson;
import com.marketreactions.common.SchemaRegistration;
import com.marketreactions.common.TopicAdmin;
import com.marketreactions.common.Topics;
import com.marketreactions.producers.files.FilePublisher;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.producers.files.PublishResult;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.stack.EmbeddedStack;
import com.marketreactions.stack.StackOptions;
import com.marketreactions.streams.ReactionApp;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.ops.BrokerProbe;
import com.marketreactions.streams.ops.OpsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's health endpoint and a broker restart: readiness drops while the broker is down and comes
 * back after it restarts on the same data; the reactions of ticks published before and after the outage are
 * exactly those of an uninterrupted replay.
 */
class ServiceOpsIT {

    private static final int PARTITIONS = 2;
    private static EmbeddedStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @BeforeAll
    static void startStack() {
        stack = EmbeddedStack.start(new StackOptions(0, 0, null, false, Duration.ofSeconds(90)));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void readinessFollowsTheBrokerAndNothingIsLostAcrossABrokerRestart() throws Exception {
        ClientConfigs clients = ClientConfigs.of(stack.bootstrapServers(), stack.registryUrl());
        Replay.Inputs in = SampleFiles.inputs(Path.of(System.getProperty("reactions.sample.dir", "../data/sample")));
        List<String> expected = new Replay(clients, ReactionConfig.defaults(), PARTITIONS, Duration.ofMinutes(3))
                .run(in, "ops-reference").finals().stream().map(RecordJson::toJson).toList();

        List<String> lines = Files.readAllLines(in.ticks());
        int half = lines.size() / 2;
        Path first = Files.write(dir.resolve("ticks-1.csv"), lines.subList(0, half));
        List<String> rest = new java.util.ArrayList<>(List.of(lines.get(0))); // the header again
        rest.addAll(lines.subList(half, lines.size()));
        Path second = Files.write(dir.resolve("ticks-2.csv"), rest);

        Topics topics = Topics.create("ops.", clients.serdes());
        TopicAdmin.ensureTopics(clients, topics, PARTITIONS);
        SchemaRegistration.registerAll(clients.registryUrl(), topics);
        FilePublisher publisher = FilePublisher.create(clients, topics);
        publisher.publish(InputFormat.ALIASES, in.aliases(), false);
        PublishResult news = publisher.publish(InputFormat.NEWS, in.news(), false);

        Map<String, String> settings = new HashMap<>(ReactionApp.deadLetterSettings(topics));
        ReactionConfig config = ReactionConfig.defaults().withIdleTimeout(Duration.ofDays(3650));
        try (ReactionApp app = new ReactionApp(config, topics,
                     ReactionApp.properties(clients, "ops-service", dir.resolve("state"), settings));
             BrokerProbe probe = new BrokerProbe(clients.common());
             OpsServer ops = OpsServer.bind("127.0.0.1", 0, probe)) {
            String base = "http://127.0.0.1:" + ops.port();
            ops.attach(app, new org.apache.kafka.streams.state.HostInfo("127.0.0.1", ops.port()));
            app.start();
            awaitStatus(base + "/health/ready", 200, Duration.ofMinutes(1));
            assertEquals(200, get(base + "/health/live").statusCode());
            EndMarkers.awaitConsumed(clients, "ops-service", topics.news.name(), news.lastOffsets(),
                    Duration.ofMinutes(1), () -> Replay.failIfStopped(app));
            publisher.publish(InputFormat.TICKS, first, false);

            stack.kafka().stop();
            awaitStatus(base + "/health/ready", 503, Duration.ofSeconds(30));
            assertEquals(200, get(base + "/health/live").statusCode(), "down brokers do not make it dead");
            String metrics = get(base + "/metrics").body();
            assertTrue(metrics.contains("market_reactions_dead_lettered_total "), metrics);
            assertTrue(metrics.contains("kafka_stream_market_reactions_metrics_open_windows{"), metrics);
            assertTrue(metrics.contains("kafka_stream_market_reactions_metrics_reactions_final_total{"), metrics);

            stack.kafka().start();
            awaitStatus(base + "/health/ready", 200, Duration.ofMinutes(2));
            publisher.publish(InputFormat.TICKS, second, false);
            EndMarkers.publish(clients, topics.ticks.name(), PARTITIONS);
            List<String> finals = EndMarkers.readUntilEnded(clients, topics.reactions, PARTITIONS,
                            Duration.ofMinutes(3), () -> Replay.failIfStopped(app)).stream()
                    .filter(r -> r.getStatus() == ReactionStatus.FINAL).sorted(Replay.ORDER)
                    .map(RecordJson::toJson).toList();
            assertEquals(expected, finals);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitStatus(String url, int status, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = get(url).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(200); // polling interval against the deadline
        }
        throw new AssertionError(url + " answered " + last + ", not " + status + ", for " + limit);
    }
}
