package com.marketreactions.streams.ops;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.MetricName;

/** Kafka metric names as Prometheus series: {@code kafka_<group>_<name>{tag="value",...}}. */
final class PrometheusNames {

    private PrometheusNames() {
    }

    static String of(MetricName m) {
        StringBuilder b = new StringBuilder("kafka_").append(clean(m.group())).append('_').append(clean(m.name()));
        Map<String, String> tags = new TreeMap<>(m.tags());
        if (!tags.isEmpty()) {
            b.append('{');
            String sep = "";
            for (Map.Entry<String, String> t : tags.entrySet()) {
                b.append(sep).append(clean(t.getKey())).append("=\"")
                        .append(t.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                sep = ",";
            }
            b.append('}');
        }
        return b.toString();
    }

    private static String clean(String s) {
        return s.replaceAll("[^a-zA-Z0-9_]", "_");
    }
}
