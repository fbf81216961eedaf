package com.marketreactions.common;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates the registry's topics when missing and checks that the inputs are co-partitioned. */
public final class TopicAdmin {

    private static final long TIMEOUT_S = 30;

    private TopicAdmin() {}

    /**
     * Creates every topic of {@code topics} that does not exist yet, with {@code partitions} partitions
     * (aliases always get one), the cluster's {@link Replication} and no time-based retention, then
     * verifies the input topics agree on their partition count.
     */
    public static void ensureTopics(ClientConfigs clients, Topics topics, int partitions) {
        try (Admin admin = Admin.create(clients.common())) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
            Replication replication = Replication.of(admin, TIMEOUT_S);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> t : topics.all()) {
                if (existing.contains(t.name())) {
                    continue;
                }
                int n = t == topics.aliases ? 1 : partitions;
                NewTopic nt = new NewTopic(t.name(), Optional.of(n), Optional.of(replication.factor()));
                // Record timestamps are event times: a replay of last year's ticks would be deleted at once by
                // time-based retention. Keep records until deleted on purpose.
                Map<String, String> configs = new HashMap<>(replication.topicConfig());
                configs.putAll(
                        t.compacted()
                                ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                                : Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
                missing.add(nt.configs(configs));
            }
            try {
                admin.createTopics(missing).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            checkCopartitioned(admin, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new ClusterUnavailableException(
                    "no answer from Kafka at " + clients.bootstrapServers() + " within " + TIMEOUT_S
                            + " s (is the broker running? check --bootstrap-servers)",
                    e);
        } catch (ExecutionException e) {
            throw new ClusterUnavailableException(
                    "cannot create topics on " + clients.bootstrapServers() + ": " + Problems.describe(e), e);
        }
    }

    private static void checkCopartitioned(Admin admin, Topics topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> names = topics.inputs().stream().map(Topic::name).toList();
        Map<String, TopicDescription> d = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (d == null) {
            try {
                d = admin.describeTopics(names).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // a topic created a moment ago may not be in the metadata yet
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100); // retry interval against the deadline above
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        d.forEach((name, desc) -> counts.put(name, desc.partitions().size()));
        if (counts.values().stream().distinct().count() > 1) {
            throw new IllegalStateException("input topics must have the same number of partitions "
                    + "(news is re-keyed by ticker and joined with ticks partition by partition): " + counts);
        }
    }
}
