package com.marketreactions.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Where a Streams application's thread waited on Kafka, from its clients' cumulative timers: the producer's
 * flush before each commit, the transaction calls, and Streams' sum of every wait (poll included). Taken as the
 * difference of two snapshots, so it covers exactly the timed phase.
 */
final class BlockedTime {

    /** Producer and consumer timers that block the stream thread, by the name printed for them. */
    private static final Map<String, String> TIMERS = new LinkedHashMap<>();

    static {
        TIMERS.put("flush", "flush-time-ns-total");
        TIMERS.put("send offsets", "txn-send-offsets-time-ns-total");
        TIMERS.put("commit txn", "txn-commit-time-ns-total");
        TIMERS.put("begin txn", "txn-begin-time-ns-total");
        TIMERS.put("all", "blocked-time-ns-total");
    }

    private final Map<String, Double> nanos;

    private BlockedTime(Map<String, Double> nanos) {
        this.nanos = nanos;
    }

    /** The timers now; "all" is Streams' own sum of the time its threads were blocked on the clients. */
    static BlockedTime of(KafkaStreams streams) {
        Map<String, Double> n = new LinkedHashMap<>();
        TIMERS.keySet().forEach(k -> n.put(k, 0.0));
        for (Map.Entry<MetricName, ? extends Metric> m : streams.metrics().entrySet()) {
            MetricName name = m.getKey();
            for (Map.Entry<String, String> t : TIMERS.entrySet()) {
                boolean threadTimer = t.getValue().equals("blocked-time-ns-total");
                if (!name.name().equals(t.getValue())
                        || !name.group().equals(threadTimer ? "stream-thread-metrics" : "producer-metrics")) {
                    continue;
                }
                if (m.getValue().metricValue() instanceof Number v) {
                    n.merge(t.getKey(), v.doubleValue(), Double::sum);
                }
            }
        }
        return new BlockedTime(n);
    }

    /** Seconds per timer since {@code before}. */
    Map<String, Double> secondsSince(BlockedTime before) {
        Map<String, Double> out = new LinkedHashMap<>();
        nanos.forEach((k, v) -> out.put(k, (v - before.nanos.getOrDefault(k, 0.0)) / 1e9));
        return out;
    }
}
