package com.marketreactions.streams.routing;

import com.marketreactions.schema.StockTick;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Where a symbol's data is processed: murmur2 of the symbol's UTF-8 bytes modulo the partition count, what
 * Kafka's Java producer does with a String key by default. The topology routes every internal topic with it
 * explicitly, so neither the input producers' partitioners nor the Streams producer's settings can move a
 * ticker's news away from its ticks.
 */
public final class SymbolPartitioner {

    private SymbolPartitioner() {}

    static int partition(String symbol, int partitions) {
        return Utils.toPositive(Utils.murmur2(symbol.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static Optional<Set<Integer>> all(int partitions) {
        return allBut(-1, partitions);
    }

    private static Optional<Set<Integer>> allBut(int excluded, int partitions) {
        return Optional.of(IntStream.range(0, partitions)
                .filter(p -> p != excluded)
                .boxed()
                .collect(Collectors.toUnmodifiableSet()));
    }

    /**
     * The key of a benchmark tick that arrived on another partition than its own: it goes to every partition.
     * One that arrived on its own partition is processed there and keyed by the benchmark: it goes to the others.
     */
    static String everywhere(String benchmark) {
        return benchmark + "\u0000everywhere";
    }

    /**
     * Records keyed by ticker (news about it) go to the ticker's partition; control records (null values: a news
     * partition's progress or heartbeat) to every partition.
     */
    public static <V> StreamPartitioner<String, V> byKey() {
        return new StreamPartitioner<>() {
            @Override
            public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
                return value == null ? all(numPartitions) : Optional.of(Set.of(partition(key, numPartitions)));
            }
        };
    }

    /**
     * Routed ticks: end-of-input markers (null values) to every partition; the benchmark's to every partition
     * but its own, or, keyed {@link #everywhere}, to every partition; a tick that arrived on the wrong
     * partition to its symbol's. The sets are computed once per partition count.
     */
    public static StreamPartitioner<String, StockTick> routedTicks(String benchmark) {
        String everywhere = everywhere(benchmark);
        return new StreamPartitioner<>() {
            private int partitions = -1;
            private Optional<Set<Integer>> all;
            private Optional<Set<Integer>> others;

            @Override
            public Optional<Set<Integer>> partitions(String topic, String key, StockTick tick, int numPartitions) {
                if (numPartitions != partitions) {
                    partitions = numPartitions;
                    all = all(numPartitions);
                    others = allBut(partition(benchmark, numPartitions), numPartitions);
                }
                if (tick == null) {
                    return all;
                }
                if (tick.getSymbol().equals(benchmark)) {
                    return everywhere.equals(key) ? all : others;
                }
                return Optional.of(Set.of(partition(tick.getSymbol(), numPartitions)));
            }
        };
    }

    /** Keyed as usual, except that end-of-input markers (null values) go to every partition. */
    public static <K, V> StreamPartitioner<K, V> markersToAll() {
        return new StreamPartitioner<>() {
            @Override
            public Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions) {
                return value == null ? all(numPartitions) : Optional.empty();
            }
        };
    }
}
