package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.RecordJson;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.producers.files.PublishResult;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.stack.BrokerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broker lost under load: on a cluster of three brokers (each its own process, topics with three replicas and two
 * in sync), the leader of a ticks partition is killed with SIGKILL while the service processes the first part of
 * the ticks and a producer publishes the rest, and started again later. The producer loses nothing, and every
 * FINAL reaction is there exactly once and equal to an uninterrupted replay's.
 */
@StackExtension.OwnStack(brokers = 3) // it kills a broker
@Timeout(value = 6, unit = TimeUnit.MINUTES) // each test; it took 62 s in a full build
class BrokerFailoverIT extends ServiceScenario {

    private static final int PARTITIONS = 2;

    @Test
    void killingTheLeaderOfATicksPartitionLosesNothingAndChangesNoFinal() throws Exception {
        List<String> expected = referenceFinals(PARTITIONS, "failover-reference");
        String appId = "failover-service";
        Prepared p = prepare("failover.", PARTITIONS);
        String ticks = p.topics().ticks.name();
        try (ServiceProcess service = ServiceProcess.start(
                        stack().bootstrapServers(),
                        stack().registryUrl(),
                        serviceEnv(appId, "failover.", PARTITIONS, "state"),
                        dir.resolve("service.log"));
                Admin admin = Admin.create(clients().common())) {
            awaitNewsConsumed(appId, p, service);
            List<Path> parts = splitTicks(0.4);
            PublishResult first = p.publisher().publish(InputFormat.TICKS, parts.get(0), false);
            ServiceProcess.awaitCommitted(clients(), appId, ticks, first.published() / 4, service);

            // the rest of the ticks, and the kill of the partition's leader once the first of them are sent
            int leader = leader(admin, ticks).leader().id();
            BrokerProcess killed = stack().cluster().node(leader);
            AtomicInteger progressCalls = new AtomicInteger();
            PublishResult rest = p.publisher()
                    .withProgress(5_000, sent -> {
                        if (progressCalls.getAndIncrement() == 0) {
                            try {
                                killed.kill();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    })
                    .publish(InputFormat.TICKS, parts.get(1), false);
            assertTrue(progressCalls.get() > 1, "the kill came after the last batch of the publication");
            assertFalse(killed.isRunning(), "broker " + leader + " still runs");
            TopicPartitionInfo failedOver = leader(admin, ticks);
            assertNotEquals(leader, failedOver.leader().id(), "no new leader for " + ticks + "-0");

            // the service goes on with two brokers, then the third comes back on its data and catches up
            long total = first.published() + rest.published();
            ServiceProcess.awaitCommitted(clients(), appId, ticks, total, service);
            killed.start(Duration.ofSeconds(90));
            awaitInSync(admin, ticks, 3);

            EndMarkers.publish(clients(), ticks, PARTITIONS);
            List<MarketReaction> all = EndMarkers.readUntilEnded(
                    clients(), p.topics().reactions, PARTITIONS, Duration.ofMinutes(3), service::checkAlive);
            assertEquals(expected, finalsExactlyOnce(all));
            List<String> json = all.stream().map(RecordJson::toJson).toList();
            assertEquals(json.size(), new HashSet<>(json).size(), "a reaction record appears twice");

            long lines = Files.lines(sample().ticks()).count() - 1;
            assertEquals(lines, total, "ticks published");
            // every published tick on the topic once (and the end markers)
            assertEquals(
                    lines + PARTITIONS,
                    TopicRead.all(clients(), ticks, lines + PARTITIONS, r -> r).size(),
                    "records on " + ticks);
            assertEquals(0, service.terminate(Duration.ofSeconds(45)), "SIGTERM: exit code; log:\n" + service.tail());
        }
    }

    private static TopicPartitionInfo leader(Admin admin, String topic) throws Exception {
        TopicDescription d = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic);
        return d.partitions().get(0);
    }

    /** Waits (at most a minute) until partition 0 of {@code topic} has {@code replicas} replicas in sync. */
    private static void awaitInSync(Admin admin, String topic, int replicas) {
        Waits.await(topic + "-0 with " + replicas + " replicas in sync")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> leader(admin, topic).isr(), isr -> isr.size() >= replicas);
    }
}
