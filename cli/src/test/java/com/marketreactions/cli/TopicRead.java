package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic as the analyzer and every consumer of this project do: read_committed, from the start. */
final class TopicRead {

    private TopicRead() {}

    /**
     * Every record up to the end offsets (the last stable offset, read_committed), mapped; waits until at least
     * {@code atLeast} have been read or a minute has passed (records of a transaction still open show later).
     */
    static <T> List<T> all(
            ClientConfigs c, String topic, long atLeast, Function<ConsumerRecord<byte[], byte[]>, T> map) {
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(c.committedReader(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = ClientConfigs.assignAllFromStart(consumer, topic);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (out.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(map.apply(r)));
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(map.apply(r)));
            }
        }
        return out;
    }
}
