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
     * Every record up to the end offsets (the last stable offset, read_committed), mapped, once at least
     * {@code atLeast} have been read (records of a transaction still open show later); fails if they are not
     * there within a minute, or the end offsets not reached within another.
     */
    static <T> List<T> all(
            ClientConfigs c, String topic, long atLeast, Function<ConsumerRecord<byte[], byte[]>, T> map) {
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(c.committedReader(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = ClientConfigs.assignAllFromStart(consumer, topic);
            Waits.await("at least " + atLeast + " records on " + topic)
                    .atMost(Duration.ofMinutes(1))
                    .pollInSameThread()
                    .pollInterval(Duration.ZERO) // the consumer's poll is the interval
                    .until(
                            () -> {
                                if (out.size() < atLeast) {
                                    consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(map.apply(r)));
                                }
                                return out.size();
                            },
                            n -> n >= atLeast);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            Waits.await(topic + " read to " + end)
                    .atMost(Duration.ofMinutes(1))
                    .pollInSameThread()
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        if (end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                            return true;
                        }
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(map.apply(r)));
                        return false;
                    });
        }
        return out;
    }
}
