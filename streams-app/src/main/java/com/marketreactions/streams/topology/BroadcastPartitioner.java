package com.marketreactions.streams.topology;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** Sends every record to all partitions: each partition needs the benchmark's ticks for its own reactions. */
class BroadcastPartitioner<K, V> implements StreamPartitioner<K, V> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions) {
        return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
    }
}

/**
 * Partitions by key as usual, except that end-of-input markers (null values) go to every partition, so every
 * downstream task learns that its input has ended.
 */
final class MarkerBroadcastPartitioner<K, V> extends BroadcastPartitioner<K, V> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions) {
        return value == null ? super.partitions(topic, key, value, numPartitions) : Optional.empty();
    }
}
