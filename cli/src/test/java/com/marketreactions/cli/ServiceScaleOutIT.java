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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out is Kafka's own: two {@code serve} instances with the same application id share the partitions
 * (with a standby replica each); one is killed mid-stream and the other takes its tasks over. The output
 * equals a single uninterrupted replay's, nothing lost, nothing twice.
 */
class ServiceScaleOutIT {

    private static final int PARTITIONS = 4;
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
    void twoInstancesSplitThePartitionsAndOneSurvivesTheOthersDeath() throws Exception {
        ClientConfigs clients = ClientConfigs.of(stack.bootstrapServers(), stack.registryUrl());
        Replay.Inputs in = SampleFiles.inputs(Path.of(System.getProperty("reactions.sample.dir", "../data/sample")));
        List<String> expected = new Replay(clients, ReactionConfig.defaults(), PARTITIONS, Duration.ofMinutes(3))
                .run(in, "scale-reference").finals().stream().map(RecordJson::toJson).toList();

        String appId = "scale-service";
        Topics topics = Topics.create("scale.", clients.serdes());
        TopicAdmin.ensureTopics(clients, topics, PARTITIONS);
        SchemaRegistration.registerAll(clients.registryUrl(), topics);
        FilePublisher publisher = FilePublisher.create(clients, topics);
        publisher.publish(InputFormat.ALIASES, in.aliases(), false);
        PublishResult news = publisher.publish(InputFormat.NEWS, in.news(), false);

        try (ServiceProcess a = start(appId, "a"); ServiceProcess b = start(appId, "b")) {
            awaitMembersWithTasks(clients, appId, 2, a);
            EndMarkers.awaitConsumed(clients, appId, topics.news.name(), news.lastOffsets(), Duration.ofMinutes(2),
                    a::checkAlive);
            publisher.publish(InputFormat.TICKS, in.ticks(), false);
            EndMarkers.publish(clients, topics.ticks.name(), PARTITIONS);
            ServiceProcess.awaitCommitted(clients, appId, topics.ticks.name(), 5_000, b);
            b.kill();

            List<MarketReaction> finals = EndMarkers.readUntilEnded(clients, topics.reactions, PARTITIONS,
                            Duration.ofMinutes(3), a::checkAlive).stream()
                    .filter(r -> r.getStatus() == ReactionStatus.FINAL).toList();
            Map<String, Long> perKey = finals.stream().collect(Collectors.groupingBy(
                    r -> r.getNewsId() + '|' + r.getTicker() + '|' + r.getHorizon(), TreeMap::new,
                    Collectors.counting()));
            perKey.forEach((key, n) -> assertEquals(1L, n, key + " has " + n + " FINAL reactions"));
            assertEquals(expected, finals.stream().sorted(Replay.ORDER).map(RecordJson::toJson).toList());
            assertEquals(0, a.terminate(Duration.ofSeconds(45)), "the survivor stops cleanly; log:\n" + a.tail());
        }
    }

    private ServiceProcess start(String appId, String name) throws Exception {
        Map<String, String> env = Map.of("REACTIONS_APPLICATION_ID", appId, "REACTIONS_TOPIC_PREFIX", "scale.",
                "REACTIONS_TOPIC_PARTITIONS", Integer.toString(PARTITIONS),
                "REACTIONS_STATE_DIR", dir.resolve("state-" + name).toString(),
                "REACTIONS_IDLE_TIMEOUT", "P3650D",
                "REACTIONS_STREAMS_NUM_STANDBY_REPLICAS", "1",
                "REACTIONS_STREAMS_SESSION_TIMEOUT_MS", "10000",
                "REACTIONS_HTTP_PORT", "0");
        return ServiceProcess.start(stack.bootstrapServers(), stack.registryUrl(), env, dir.resolve(name + ".log"));
    }

    /** Waits until {@code n} members of the group each own at least one partition. */
    private static void awaitMembersWithTasks(ClientConfigs clients, String appId, int n, ServiceProcess probe)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        int seen = 0;
        try (Admin admin = Admin.create(clients.common())) {
            while (System.nanoTime() < deadline) {
                probe.checkAlive();
                try {
                    ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(appId)).all()
                            .get(10, TimeUnit.SECONDS).get(appId);
                    seen = (int) d.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty())
                            .count();
                } catch (ExecutionException e) {
                    seen = 0; // the group does not exist until the first member joins
                }
                if (seen >= n) {
                    return;
                }
                Thread.sleep(200); // polling interval against the deadline
            }
        }
        assertTrue(seen >= n, "only " + seen + " of " + n + " instances got partitions");
    }
}
