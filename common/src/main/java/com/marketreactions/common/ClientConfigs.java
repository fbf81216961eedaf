package com.marketreactions.common;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the cluster and the registry are, plus any client settings passed through unchanged
 * (SASL, TLS, registry credentials). One instance is built by the CLI from flags and config and handed to
 * producers, consumers and the streams app.
 *
 * @param kafka extra Kafka client properties (e.g. {@code security.protocol}), applied to every client
 * @param registry the {@code registry.*} settings without the prefix ({@link RegistryOptions}), for the serdes and
 *     schema registration
 */
public record ClientConfigs(
        String bootstrapServers, String registryUrl, Map<String, String> kafka, Map<String, String> registry) {

    public ClientConfigs {
        kafka = Map.copyOf(kafka);
        registry = Map.copyOf(registry);
    }

    public static ClientConfigs of(String bootstrapServers, String registryUrl) {
        return new ClientConfigs(bootstrapServers, registryUrl, Map.of(), Map.of());
    }

    public SerdeFactory serdes() {
        return new RegistrySerdes(registryClient());
    }

    /** A client of the registry's Confluent API, with this configuration's credentials and trust. */
    public SchemaRegistryClient registryClient() {
        return new SchemaRegistryClient(registryUrl, RegistryOptions.of(registry));
    }

    /** Base properties of any Kafka client. */
    public Map<String, Object> common() {
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    /**
     * A consumer that reads only committed records (the topology writes exactly-once), from the start,
     * without a group: how every reader of this project's output topics reads.
     */
    public Map<String, Object> committedReader() {
        Map<String, Object> p = common();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return p;
    }

    /**
     * Assigns every partition of {@code topic} to {@code consumer} and seeks to the beginning.
     *
     * @throws IllegalArgumentException the topic does not exist, or the cluster did not answer
     */
    public static List<TopicPartition> assignAllFromStart(Consumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new IllegalArgumentException(
                    "no answer about topic " + topic + " within 30 s (is the broker up?)", e);
        }
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " does not exist");
        }
        List<TopicPartition> tps = infos.stream()
                .map(i -> new TopicPartition(i.topic(), i.partition()))
                .toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        return tps;
    }

    /** Idempotent, acks=all, batched producer: what every publisher of this project uses. */
    public Map<String, Object> producer() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.putAll(common());
        return p;
    }
}
