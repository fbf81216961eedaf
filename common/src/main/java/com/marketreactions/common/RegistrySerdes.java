package com.marketreactions.common;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Avro serdes backed by an Apicurio Registry, writing the Confluent wire format (magic byte 0 and a
 * 4-byte content id, no headers) so that Confluent-compatible clients in any language can read the topics
 * through the registry's {@code /apis/ccompat/v7} API.
 */
public final class RegistrySerdes implements SerdeFactory {

    /** Path of Apicurio's native API under the registry root; the serdes talk to this one. */
    public static final String NATIVE_API = "/apis/registry/v3";
    /** Path of the Confluent-compatible API under the registry root. */
    public static final String CCOMPAT_API = "/apis/ccompat/v7";

    private final Map<String, Object> config;

    /**
     * @param registryRoot e.g. {@code http://127.0.0.1:8081}
     * @param extra more {@code apicurio.registry.*} settings (auth, TLS) passed through unchanged
     */
    public RegistrySerdes(String registryRoot, Map<String, ?> extra) {
        Map<String, Object> c = new HashMap<>();
        c.put("apicurio.registry.url", stripSlash(registryRoot) + NATIVE_API);
        c.put("apicurio.registry.auto-register", true);
        // one self-contained schema per subject: otherwise the serializer registers a second form of a schema
        // with nested named types (the reactions' enums) that references them as subjects of their own, which a
        // consumer whose Avro library resolves no references cannot parse
        c.put("apicurio.registry.dereference-schema", true);
        c.put("apicurio.registry.use-id", "contentId");
        c.put("apicurio.registry.headers.enabled", false);
        c.put("apicurio.registry.use-specific-avro-reader", true);
        c.put("apicurio.registry.avro-datum-provider", SchemaKeyedDatumProvider.class.getName());
        // ride through a busy or restarting registry instead of failing a record
        c.put("apicurio.registry.retry-count", 10);
        c.put("apicurio.registry.retry-backoff-ms", 500);
        c.putAll(extra);
        this.config = Map.copyOf(c);
    }

    public static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public <T extends SpecificRecord> Serde<T> avro(Class<T> type) {
        AvroKafkaSerializer<T> serializer = new AvroKafkaSerializer<>();
        AvroKafkaDeserializer<T> deserializer = new AvroKafkaDeserializer<>();
        serializer.configure(config, false);
        deserializer.configure(config, false);
        return Serdes.serdeFrom(TransientRetry.serializer(serializer), TransientRetry.deserializer(deserializer));
    }
}
