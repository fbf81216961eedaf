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
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.stack.EmbeddedStack;
import com.marketreactions.stack.StackOptions;
import com.marketreactions.streams.ReactionConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once through a crash: the service (a child JVM running {@code serve}) is killed with SIGKILL in
 * the middle of the sample's 111k ticks and started again on the same state directory. Read with
 * read_committed, every FINAL reaction is there exactly once and equal to an uninterrupted replay's.
 */
class ServiceCrashIT {

    private static final int PARTITIONS = 2;
    private static EmbeddedStack stack;

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
    void sigkillMidStreamThenRestartGivesEveryFinalExactlyOnce() throws Exception {
        ClientConfigs clients = ClientConfigs.of(stack.bootstrapServers(), stack.registryUrl());
        Replay.Inputs in = SampleFiles.inputs(Path.of(System.getProperty("reactions.sample.dir", "../data/sample")));
        List<String> expected = new Replay(clients, ReactionConfig.defaults(), PARTITIONS, Duration.ofMinutes(3))
                .run(in, "crash-reference").finals().stream().map(RecordJson::toJson).toList();

        String appId = "crash-service";
        Topics topics = Topics.create("crash.", clients.serdes());
        TopicAdmin.ensureTopics(clients, topics, PARTITIONS);
        SchemaRegistration.registerAll(clients.registryUrl(), topics);
        FilePublisher publisher = FilePublisher.create(clients, topics);
        publisher.publish(InputFormat.ALIASES, in.aliases(), false);
        PublishResult news = publisher.publish(InputFormat.NEWS, in.news(), false);
        Map<String, String> env = Map.of("REACTIONS_APPLICATION_ID", appId, "REACTIONS_TOPIC_PREFIX", "crash.",
                "REACTIONS_TOPIC_PARTITIONS", Integer.toString(PARTITIONS),
                "REACTIONS_STATE_DIR", dir.resolve("state").toString(),
                // as in a replay: the end-of-input markers, not the wall clock, close the last windows
                "REACTIONS_IDLE_TIMEOUT", "P3650D",
                // the killed member's partitions move after its session times out: 10 s rather than 45
                "REACTIONS_STREAMS_SESSION_TIMEOUT_MS", "10000", "REACTIONS_HTTP_PORT", "0");
        Path log = dir.resolve("service.log");

        ServiceProcess first = ServiceProcess.start(stack.bootstrapServers(), stack.registryUrl(), env, log);
        try {
            EndMarkers.awaitConsumed(clients, appId, topics.news.name(), news.lastOffsets(), Duration.ofMinutes(2),
                    first::checkAlive);
            PublishResult ticks = publisher.publish(InputFormat.TICKS, in.ticks(), false);
            EndMarkers.publish(clients, topics.ticks.name(), PARTITIONS);
            long committed = ServiceProcess.awaitCommitted(clients, appId, topics.ticks.name(), 5_000, first);
            first.kill();
            assertTrue(committed < ticks.published(), "the kill came after the last tick (" + committed + " of "
                    + ticks.published() + " committed): nothing was interrupted");
        } finally {
            first.close();
        }

        try (ServiceProcess second = ServiceProcess.start(stack.bootstrapServers(), stack.registryUrl(), env, log)) {
            List<MarketReaction> finals = EndMarkers.readUntilEnded(clients, topics.reactions, PARTITIONS,
                            Duration.ofMinutes(3), second::checkAlive).stream()
                    .filter(r -> r.getStatus() == ReactionStatus.FINAL).toList();
            Map<String, Long> perKey = finals.stream().collect(Collectors.groupingBy(
                    r -> r.getNewsId() + '|' + r.getTicker() + '|' + r.getHorizon(), TreeMap::new,
                    Collectors.counting()));
            perKey.forEach((key, n) -> assertEquals(1L, n, key + " has " + n + " FINAL reactions"));
            assertEquals(expected, finals.stream().sorted(Replay.ORDER).map(RecordJson::toJson).toList());

            Integer exit = second.terminate(Duration.ofSeconds(45));
            assertEquals(0, exit, "SIGTERM: exit code (null = still running after 45 s); log:\n" + second.tail());
        }
    }
}
