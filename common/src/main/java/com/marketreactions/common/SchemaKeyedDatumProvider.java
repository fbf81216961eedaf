package com.marketreactions.common;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;

/**
 * Apicurio's datum provider with its readers and writers cached by schema instead of by schema fingerprint.
 * The default computes {@code SchemaNormalization.parsingFingerprint64} for every record it reads or writes,
 * which was 12% of the stream thread in the benchmark's profile. The serde hands over the same
 * {@link Schema} instance for a given schema id (its resolver caches it) and a schema caches its hash code,
 * so a lookup here costs a hash probe and an identity check; two equal schemas share one entry. Its writers
 * encode through a buffer ({@link #buffered}).
 */
public final class SchemaKeyedDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    private final ConcurrentHashMap<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Schema, DatumWriter<T>> specificWriters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Schema, DatumWriter<T>> genericWriters = new ConcurrentHashMap<>();

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        DatumReader<T> r = readers.get(schema);
        return r != null ? r : readers.computeIfAbsent(schema, super::createDatumReader);
    }

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        var writers = data instanceof org.apache.avro.specific.SpecificRecord ? specificWriters : genericWriters;
        DatumWriter<T> w = writers.get(schema);
        return w != null ? w : writers.computeIfAbsent(schema, s -> buffered(super.createDatumWriter(data, s)));
    }

    /**
     * A writer that encodes into the thread's buffer and hands the bytes to the serializer's encoder at once:
     * the serializer's own encoder is unbuffered ({@link AvroBuffers}). The bytes are the same.
     */
    static <T> DatumWriter<T> buffered(DatumWriter<T> inner) {
        return new DatumWriter<>() {
            @Override
            public void setSchema(Schema schema) {
                inner.setSchema(schema);
            }

            @Override
            public void write(T datum, Encoder out) throws IOException {
                AvroBuffers.get().writeBuffered(inner, datum, out);
            }
        };
    }
}
