package com.marketreactions.producers.files;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.Topic;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** Makes the producer for one topic; tests substitute a {@code MockProducer}. */
public interface ProducerFactory {

    /** A producer for {@code topic} whose transactions are {@code transactionalId}'s. */
    <K, V> Producer<K, V> create(Topic<K, V> topic, String transactionalId);

    /**
     * Real producers: {@link ClientConfigs#producer()} with the topic's serializers. The serializers belong to
     * the shared {@code Topics} registry, so closing a producer does not close them.
     */
    static ProducerFactory kafka(ClientConfigs clients) {
        return new ProducerFactory() {
            @Override
            public <K, V> Producer<K, V> create(Topic<K, V> topic, String transactionalId) {
                Map<String, Object> config = new java.util.HashMap<>(clients.producer());
                config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
                return new KafkaProducer<>(
                        config,
                        borrowed(topic.keySerde().serializer()),
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
