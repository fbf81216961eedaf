package com.marketreactions.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.marketreactions.schema.NewsEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** A thread's buffers write what a direct encoder writes, whatever an earlier, larger record left in them. */
class AvroBuffersTest {

    @Test
    void theBufferedEncodingIsThePrefixAndTheDirectEncoding() throws IOException {
        DatumWriter<NewsEvent> writer = new SpecificDatumWriter<>(NewsEvent.class);
        byte[] prefix = {0, 0, 0, 0, 7};
        for (int n : new int[] {3000, 0, 1, 3000, 2}) { // larger than the encoder's buffer, then smaller ones
            NewsEvent e = NewsEvent.newBuilder()
                    .setId("n" + n)
                    .setPublishedAt(Instant.ofEpochMilli(1_762_180_260_000L))
                    .setSource("wire")
                    .setHeadline("x".repeat(n))
                    .setSummary(n == 1 ? null : "é".repeat(n))
                    .setTickers(List.of("AMZN", "MSFT"))
                    .setSentiment(n == 0 ? null : 0.25)
                    .setTags(List.of("m&a"))
                    .build();
            assertArrayEquals(direct(prefix, writer, e), AvroBuffers.get().encode(prefix, writer, e), "record of " + n);
        }
    }

    private static byte[] direct(byte[] prefix, DatumWriter<NewsEvent> writer, NewsEvent e) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(prefix);
        BinaryEncoder direct = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(e, direct);
        direct.flush();
        return out.toByteArray();
    }
}
