package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.marketreactions.producers.files.InputFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scale-out is Kafka's own: two {@code serve} instances with the same application id share the partitions
 * (with a standby replica each); one is killed mid-stream and the other takes its tasks over. The output
 * equals a single uninterrupted replay's, nothing lost, nothing twice.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES) // each test; it took 44 s in a full build
class ServiceScaleOutIT extends ServiceScenario {

    private static final int PARTITIONS = 4;

    @Test
    void twoInstancesSplitThePartitionsAndOneSurvivesTheOthersDeath() throws Exception {
        List<String> expected = referenceFinals(PARTITIONS, "scale-reference");
        String appId = "scale-service";
        Prepared p = prepare("scale.", PARTITIONS);

        try (ServiceProcess a = start(appId, "a");
                ServiceProcess b = start(appId, "b")) {
            awaitMembersWithTasks(appId, 2, a);
            awaitNewsConsumed(appId, p, a);
            p.publisher().publish(InputFormat.TICKS, sample().ticks(), false);
            EndMarkers.publish(clients(), p.topics().ticks.name(), PARTITIONS);
            ServiceProcess.awaitCommitted(clients(), appId, p.topics().ticks.name(), 5_000, b);
            b.kill();

            List<String> finals = finalsExactlyOnce(EndMarkers.readUntilEnded(
                    clients(), p.topics().reactions, PARTITIONS, Duration.ofMinutes(3), a::checkAlive));
            assertEquals(expected, finals);
            assertEquals(0, a.terminate(Duration.ofSeconds(45)), "the survivor stops cleanly; log:\n" + a.tail());
        }
    }

    private ServiceProcess start(String appId, String name) throws Exception {
        // a standby replica of every task on the other instance, so a failover does not rebuild state
        Map<String, String> env =
                serviceEnv(appId, "scale.", PARTITIONS, "state-" + name, "REACTIONS_STREAMS_NUM_STANDBY_REPLICAS", "1");
        return ServiceProcess.start(stack().bootstrapServers(), stack().registryUrl(), env, dir.resolve(name + ".log"));
    }

    /** Waits (at most two minutes) until {@code n} members of the group each own at least one partition. */
    private static void awaitMembersWithTasks(String appId, int n, ServiceProcess probe) {
        try (Admin admin = Admin.create(clients().common())) {
            probe.await(
                    n + " instances with partitions",
                    Duration.ofMinutes(2),
                    Duration.ofMillis(200),
                    () -> {
                        try {
                            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(appId))
                                    .all()
                                    .get(10, TimeUnit.SECONDS)
                                    .get(appId);
                            return d.members().stream()
                                    .filter(m ->
                                            !m.assignment().topicPartitions().isEmpty())
                                    .count();
                        } catch (ExecutionException e) {
                            return 0L; // the group does not exist until the first member joins
                        }
                    },
                    seen -> seen >= n);
        }
    }
}
