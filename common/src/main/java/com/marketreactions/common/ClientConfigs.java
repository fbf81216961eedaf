package com.marketreactions.common;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Where the cluster and the registry are, plus any client settings passed through unchanged
 * (SASL, TLS, registry auth). One instance is built by the CLI from flags and config and handed to
 * producers, consumers and the streams app.
 *
 * @param kafka extra Kafka client properties (e.g. {@code security.protocol}), applied to every client
 * @param registry extra {@code apicurio.registry.*} properties for the serdes
 */
public record ClientConfigs(String bootstrapServers, String registryUrl, Map<String, String> kafka,
                            Map<String, String> registry) {

    public ClientConfigs {
        kafka = Map.copyOf(kafka);
        registry = Map.copyOf(registry);
    }

    public static ClientConfigs of(String bootstrapServers, String registryUrl) {
        return new ClientConfigs(bootstrapServers, registryUrl, Map.of(), Map.of());
    }

    public SerdeFactory serdes() {
        return new RegistrySerdes(registryUrl, registry);
    }

    /** Base properties of any Kafka client. */
    public Map<String, Object> common() {
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
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
