package com.marketreactions.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro serdes of the input and output topics in the Confluent wire format (byte 0, the schema's 4-byte id, Avro
 * binary; no headers), the schemas registered under {@code <topic>-value} through the Confluent REST API
 * ({@link SchemaRegistryClient}), so that clients in any language read and write the topics through any registry
 * that speaks that API. A record is read with the schema its id names, resolved to this version's.
 */
public final class RegistrySerdes implements SerdeFactory {

    /** Path of the Confluent-compatible API under an Apicurio registry's root. */
    public static final String CCOMPAT_API = "/apis/ccompat/v7";

    private static final byte MAGIC = 0;
    private static final int HEADER = 5;

    private final SchemaRegistryClient client;

    /** Serdes whose schemas are registered and looked up through {@code client} (its caches are shared). */
    public RegistrySerdes(SchemaRegistryClient client) {
        this.client = client;
    }

    public static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public Optional<SchemaRegistryClient> registry() {
        return Optional.of(client);
    }

    @Override
    public <T extends SpecificRecord> Serde<T> avro(Class<T> type) {
        return Serdes.serdeFrom(serializer(type), deserializer(type));
    }

    private <T extends SpecificRecord> Serializer<T> serializer(Class<T> type) {
        Schema schema = SpecificData.get().getSchema(type);
        SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(schema);
        Map<String, byte[]> headerOfTopic = new ConcurrentHashMap<>();
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            byte[] header = headerOfTopic.get(topic);
            if (header == null) {
                int id = client.register(topic + "-value", schema);
                header = ByteBuffer.allocate(HEADER).put(MAGIC).putInt(id).array();
                headerOfTopic.put(topic, header);
            }
            try {
                return AvroBuffers.get().encode(header, writer, value);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException(
                        "cannot write a " + type.getSimpleName() + " for topic " + topic + ": " + e.getMessage(), e);
            }
        };
    }

    private <T extends SpecificRecord> Deserializer<T> deserializer(Class<T> type) {
        Schema reader = SpecificData.get().getSchema(type);
        Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length < HEADER || bytes[0] != MAGIC) {
                throw new SerializationException("a record in " + topic + " is not in the Confluent wire format ("
                        + (bytes.length == 0 ? "empty" : "first byte " + bytes[0] + ", " + bytes.length + " bytes")
                        + "): expected byte 0 and a schema id before the Avro binary");
            }
            int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
            SpecificDatumReader<T> r = readers.get(id);
            if (r == null) {
                Schema writer = client.schema(id);
                if (!writer.getFullName().equals(reader.getFullName())) {
                    throw new SerializationException("a " + writer.getName() + " where a " + reader.getName()
                            + " is expected in " + topic + " (schema id " + id + ")");
                }
                // the same schema: a plain reader; resolving a schema to itself still goes through a resolving
                // decoder, field by field (a reaction's CAR path has up to 426 doubles)
                r = writer.equals(reader)
                        ? new SpecificDatumReader<>(reader)
                        : new SpecificDatumReader<>(writer, reader, SpecificData.get());
                readers.put(id, r);
            }
            try {
                return r.read(null, AvroBuffers.get().decoder(bytes, HEADER, bytes.length - HEADER));
            } catch (IOException | RuntimeException e) {
                throw new SerializationException(
                        "cannot read a " + type.getSimpleName() + " in " + topic + " written with schema id " + id
                                + ": " + e.getMessage(),
                        e);
            }
        };
    }
}
