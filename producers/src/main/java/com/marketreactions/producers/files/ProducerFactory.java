package com.marketreactions.producers.files;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.Topic;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** Makes the producer for one topic; tests substitute a {@code MockProducer}. */
public interface ProducerFactory {

    <K, V> Producer<K, V> create(Topic<K, V> topic);

    /**
     * Real producers: {@link ClientConfigs#producer()} with the topic's serializers. The serializers belong to
     * the shared {@code Topics} registry, so closing a producer does not close them.
     */
    static ProducerFactory kafka(ClientConfigs clients) {
        return new ProducerFactory() {
            @Override
            public <K, V> Producer<K, V> create(Topic<K, V> topic) {
                return new KafkaProducer<>(clients.producer(), borrowed(topic.keySerde().serializer()),
                        borrowed(topic.valueSerde().serializer()));
            }
        };
    }

    private static <T> Serializer<T> borrowed(Serializer<T> s) {
        return new Serializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                // configured by its owner
            }

            @Override
            public byte[] serialize(String topic, T data) {
                return s.serialize(topic, data);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, T data) {
                return s.serialize(topic, headers, data);
            }

            @Override
            public void close() {
                // owned by the Topics registry, which outlives this producer
            }
        };
    }
}
