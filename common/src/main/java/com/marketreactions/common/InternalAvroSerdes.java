package com.marketreactions.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
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
 * Avro for the topology's own topics and stores (repartition topics, changelogs), where no registry is asked per
 * record: Avro's single-object encoding, a two-byte marker and the writer schema's 64-bit fingerprint before the
 * binary, so that a record written by an earlier version of a schema is read by this one through Avro's schema
 * resolution. A running deployment's state and in-flight records thus survive an upgrade that evolves a schema
 * BACKWARD (a field added with a default, as docs/operations.md (upgrades) allows).
 *
 * <p>Versions: every earlier schema of a record is kept in the schemas module under
 * {@code schema-history/<Name>-<n>.avsc}. Version 1 is what the first release wrote without a marker (plain
 * binary): a record without the marker is read with it. No record of ours can begin with the marker by chance:
 * each starts with a string, whose length the marker's bytes would make negative. When a schema changes, the
 * current one is added to the history with the next number, so its fingerprint stays known.
 */
public final class InternalAvroSerdes implements SerdeFactory {

    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;
    private static final String HISTORY = "/schema-history/";
    /** The marker and the fingerprint. */
    private static final int HEADER = 10;

    @Override
    public <T extends SpecificRecord> Serde<T> avro(Class<T> type) {
        Schema current = SpecificData.get().getSchema(type);
        List<Schema> history = history(current.getName());
        byte[] header = ByteBuffer.allocate(HEADER)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(MARKER_0)
                .put(MARKER_1)
                .putLong(SchemaNormalization.parsingFingerprint64(current))
                .array();
        SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(current);
        // every known writer schema by its fingerprint, each resolved to the current one
        Map<Long, SpecificDatumReader<T>> readers = new HashMap<>();
        readers.put(SchemaNormalization.parsingFingerprint64(current), new SpecificDatumReader<>(current));
        history.forEach(h -> readers.putIfAbsent(
                SchemaNormalization.parsingFingerprint64(h),
                new SpecificDatumReader<>(h, current, SpecificData.get())));
        SpecificDatumReader<T> legacy =
                history.isEmpty() ? null : new SpecificDatumReader<>(history.get(0), current, SpecificData.get());
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return AvroBuffers.get().encode(header, writer, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            AvroBuffers buffers = AvroBuffers.get();
            try {
                if (bytes.length >= HEADER && bytes[0] == MARKER_0 && bytes[1] == MARKER_1) {
                    long fingerprint = ByteBuffer.wrap(bytes, 2, 8)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .getLong();
                    SpecificDatumReader<T> reader = readers.get(fingerprint);
                    if (reader == null) {
                        throw new SerializationException("a " + type.getSimpleName() + " in " + topic + " written "
                                + "with a schema this version does not know (fingerprint "
                                + Long.toHexString(fingerprint)
                                + "): written by a newer version?");
                    }
                    return reader.read(null, buffers.decoder(bytes, HEADER, bytes.length - HEADER));
                }
                if (legacy == null) {
                    throw new SerializationException("a " + type.getSimpleName() + " in " + topic
                            + " without the version marker, and no schema of the first release to read it with");
                }
                return legacy.read(null, buffers.decoder(bytes, 0, bytes.length));
            } catch (SerializationException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new SerializationException(
                        "not a " + type.getSimpleName() + " in topic " + topic + " (any " + "version known: "
                                + (history.size() + 1) + ")",
                        e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** The earlier schemas of a record, version 1 first; empty for a record that had none. */
    static List<Schema> history(String name) {
        List<Schema> out = new ArrayList<>();
        for (int v = 1; ; v++) {
            try (InputStream in = InternalAvroSerdes.class.getResourceAsStream(HISTORY + name + "-" + v + ".avsc")) {
                if (in == null) {
                    return out;
                }
                out.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
