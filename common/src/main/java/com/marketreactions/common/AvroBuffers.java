package com.marketreactions.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * A thread's reusable buffer, buffered encoder and decoder for Avro binary. Avro's single-object encoder and
 * Apicurio's serializer (used before {@link RegistrySerdes}) both write through an unbuffered ("direct") encoder
 * into a synchronized stream, a call per value and eight per double; with a CAR path of hundreds of doubles on every FINAL, written again for each
 * study group, that was the largest item of the benchmark's profile at 2,000 news a day. Encoding into this
 * buffer first and handing the bytes over at once writes the same bytes.
 */
final class AvroBuffers {

    private static final ThreadLocal<AvroBuffers> OF_THREAD = ThreadLocal.withInitial(AvroBuffers::new);

    private final Bytes out = new Bytes();
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    /** The calling thread's buffers; whatever a previous call left in them is overwritten by the next. */
    static AvroBuffers get() {
        return OF_THREAD.get();
    }

    /** {@code prefix}, then {@code value} as Avro binary, as a new array. */
    <T> byte[] encode(byte[] prefix, DatumWriter<T> writer, T value) throws IOException {
        encodeToBuffer(prefix, writer, value);
        return out.toByteArray();
    }

    /** A buffered decoder over {@code bytes[offset, offset + length)}, reusing this thread's. */
    BinaryDecoder decoder(byte[] bytes, int offset, int length) {
        decoder = DecoderFactory.get().binaryDecoder(bytes, offset, length, decoder);
        return decoder;
    }

    private <T> void encodeToBuffer(byte[] prefix, DatumWriter<T> writer, T value) throws IOException {
        out.reset();
        out.write(prefix, 0, prefix.length);
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        writer.write(value, encoder);
        encoder.flush();
    }

    /** A byte stream whose array can be read without a copy. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes() {
            super(512);
        }

        byte[] array() {
            return buf;
        }
    }
}
