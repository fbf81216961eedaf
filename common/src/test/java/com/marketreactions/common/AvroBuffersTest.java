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

/** The buffered writer behind the registry serializer writes what the serializer's direct encoder would. */
class AvroBuffersTest {

    @Test
    void aBufferedWriterWritesTheSameBytesThroughADirectEncoder() throws IOException {
        DatumWriter<NewsEvent> plain = new SpecificDatumWriter<>(NewsEvent.class);
        DatumWriter<NewsEvent> buffered = SchemaKeyedDatumProvider.buffered(new SpecificDatumWriter<>(NewsEvent.class));
        for (int n : new int[] {0, 1, 3000}) { // an empty record, and one larger than the encoder's buffer
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
            assertArrayEquals(direct(plain, e), direct(buffered, e), "record of " + n);
        }
    }

    private static byte[] direct(DatumWriter<NewsEvent> writer, NewsEvent e) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder direct = EncoderFactory.get().directBinaryEncoder(out, null);
        out.write(7); // something the serializer wrote before the record
        writer.write(e, direct);
        direct.flush();
        return out.toByteArray();
    }
}
