package com.marketreactions.common;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How many copies of each partition the cluster keeps, decided in one place for the topics this project
 * creates and for Kafka Streams' internal topics: three replicas with two in sync for an acknowledged
 * write (what survives one broker's loss without losing or refusing a write) once the cluster has three
 * brokers, else one per broker.
 *
 * @param factor replicas per partition
 * @param minInsync replicas that must have a write before {@code acks=all} succeeds
 */
public record Replication(short factor, int minInsync) {

    private static final int TARGET = 3;

    /** The rule for a cluster of {@code brokers} brokers. */
    public static Replication forBrokers(int brokers) {
        if (brokers < 1) {
            throw new IllegalArgumentException("a cluster has at least one broker: " + brokers);
        }
        short factor = (short) Math.min(TARGET, brokers);
        return new Replication(factor, Math.max(1, factor - 1));
    }

    /** The rule for the cluster {@code admin} talks to. */
    public static Replication of(Admin admin, long timeoutSeconds)
            throws InterruptedException, ExecutionException, TimeoutException {
        return forBrokers(admin.describeCluster()
                .nodes()
                .get(timeoutSeconds, TimeUnit.SECONDS)
                .size());
    }

    /** The topic-level setting that goes with the factor. */
    public Map<String, String> topicConfig() {
        return Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsync));
    }
}
