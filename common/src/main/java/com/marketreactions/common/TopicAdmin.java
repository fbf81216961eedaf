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
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the registry's topics when missing, with their retention, and checks that the inputs are co-partitioned. */
public final class TopicAdmin {

    private static final long TIMEOUT_S = 30;
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

    private TopicAdmin() {}

    /** {@link #ensureTopics(ClientConfigs, Topics, int, TopicRetention)} for a run's own topics, kept until deleted. */
    public static void ensureTopics(ClientConfigs clients, Topics topics, int partitions) {
        ensureTopics(clients, topics, partitions, TopicRetention.UNLIMITED);
    }

    /**
     * Creates every topic of {@code topics} that does not exist yet, with {@code partitions} partitions
     * (aliases always get one) and the cluster's {@link Replication}: the compacted ones keep each key's latest
     * record, the others {@code retention}. Then verifies the input topics agree on their partition count and,
     * when {@code retention} is bounded, warns about an existing topic that keeps every record.
     */
    public static void ensureTopics(ClientConfigs clients, Topics topics, int partitions, TopicRetention retention) {
        Map<String, Object> config = new HashMap<>(clients.common());
        // the admin client's own limit on a call, and so on its close, is the one this class states
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_S));
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
            Replication replication = Replication.of(admin, TIMEOUT_S);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> t : topics.all()) {
                if (existing.contains(t.name())) {
                    continue;
                }
                int n = t == topics.aliases ? 1 : partitions;
                NewTopic nt = new NewTopic(t.name(), Optional.of(n), Optional.of(replication.factor()));
                Map<String, String> configs = new HashMap<>(replication.topicConfig());
                configs.putAll(
                        t.compacted()
                                ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                                : retention.topicConfig());
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
            if (retention.bounded()) {
                warnUnbounded(admin, topics, existing);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw noAnswer(clients, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw noAnswer(clients, e);
            }
            throw new ClusterUnavailableException(
                    "cannot create topics on " + clients.bootstrapServers() + ": " + Problems.describe(e)
                            + Problems.securityHint(e),
                    e);
        }
    }

    private static ClusterUnavailableException noAnswer(ClientConfigs clients, Exception e) {
        return new ClusterUnavailableException(
                "no answer from Kafka at " + clients.bootstrapServers() + " within " + TIMEOUT_S
                        + " s (is the broker running? check --bootstrap-servers)",
                e);
    }

    /** Topics created before retention was a setting (or by hand) keep every record: the broker's disk fills. */
    private static void warnUnbounded(Admin admin, Topics topics, Set<String> existing)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<ConfigResource> growing = topics.all().stream()
                .filter(t -> !t.compacted() && existing.contains(t.name()))
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name()))
                .toList();
        if (growing.isEmpty()) {
            return;
        }
        Map<ConfigResource, Config> configs =
                admin.describeConfigs(growing).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        configs.forEach((topic, config) -> {
            if (unbounded(config, TopicConfig.RETENTION_BYTES_CONFIG)
                    && unbounded(config, TopicConfig.RETENTION_MS_CONFIG)) {
                LOG.warn(
                        "topic {} keeps every record (retention.bytes and retention.ms are -1), so the broker's disk "
                                + "fills; bound it, e.g. kafka-configs.sh --alter --entity-type topics --entity-name {} "
                                + "--add-config retention.bytes=<bytes per partition>",
                        topic.name(),
                        topic.name());
            }
        });
    }

    private static boolean unbounded(Config config, String name) {
        ConfigEntry e = config.get(name);
        return e != null && e.value() != null && e.value().trim().equals("-1");
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
