package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reading a dead-letter topic in tests: its records as bytes, and their headers. */
final class DeadLetterReads {

    private DeadLetterReads() {}

    /**
     * The committed records of {@code topic} once there are at least {@code expected} (at most a minute), and any
     * that follow within a second: one too many shows.
     */
    static List<ConsumerRecord<byte[], byte[]>> readAll(ClientConfigs clients, String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(
                clients.committedReader(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            ClientConfigs.assignAllFromStart(c, topic);
            Waits.await(expected + " records on " + topic)
                    .atMost(Duration.ofMinutes(1))
                    .pollInSameThread()
                    .pollInterval(Duration.ZERO) // the consumer's poll is the interval
                    .until(() -> {
                        c.poll(Duration.ofMillis(200)).forEach(out::add);
                        return out.size() >= expected;
                    });
            c.poll(Duration.ofSeconds(1)).forEach(out::add);
        }
        return out;
    }

    /** The value of header {@code name} of {@code r} as text, or "" when it has none. */
    static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
