package com.marketreactions.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
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
 * BACKWARD (a field added with a default, as the README's contract allows).
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

    @Override
    public <T extends SpecificRecord> Serde<T> avro(Class<T> type) {
        Schema current = SpecificData.get().getSchema(type);
        List<Schema> history = history(current.getName());
        SchemaStore.Cache known = new SchemaStore.Cache();
        history.forEach(known::addSchema);
        BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(SpecificData.get(), current);
        BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(SpecificData.get(), current, known);
        SpecificDatumReader<T> legacy = history.isEmpty() ? null
                : new SpecificDatumReader<>(history.get(0), current, SpecificData.get());
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                ByteBuffer b = encoder.encode(value);
                byte[] out = new byte[b.remaining()];
                b.get(out);
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                if (bytes.length >= 2 && bytes[0] == MARKER_0 && bytes[1] == MARKER_1) {
                    return decoder.decode(bytes);
                }
                if (legacy == null) {
                    throw new SerializationException("a " + type.getSimpleName() + " in " + topic
                            + " without the version marker, and no schema of the first release to read it with");
                }
                return legacy.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("not a " + type.getSimpleName() + " in topic " + topic + " (any "
                        + "version known: " + (history.size() + 1) + ")", e);
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
