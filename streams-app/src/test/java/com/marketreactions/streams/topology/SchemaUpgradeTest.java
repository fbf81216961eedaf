package com.marketreactions.streams.topology;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.InternalAvroSerdes;
import com.marketreactions.common.Trades;
import com.marketreactions.schema.EventStudy;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.ReactionModel;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.schema.StockTick;
import com.marketreactions.schema.TradeAction;
import com.marketreactions.streams.TopologyNames;
import com.marketreactions.streams.study.EventStudyMath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;

/**
 * What the previous release wrote to the topology's own topics and stores (plain Avro of the schemas kept in
 * {@code schema-history}) is read by this one: the records, and a run fed an in-flight record of that release.
 */
class SchemaUpgradeTest {

    private static final Instant T0 = TopologyFixture.T0;

    private static Schema first(String name) throws IOException {
        return version(name, 1);
    }

    /** Version {@code n} of a schema as {@code schema-history} keeps it. */
    private static Schema version(String name, int n) throws IOException {
        try (InputStream in =
                SchemaUpgradeTest.class.getResourceAsStream("/schema-history/" + name + "-" + n + ".avsc")) {
            return new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** A news event as the first release wrote it: no tags field, no version marker. */
    private static byte[] firstReleaseNews(String id, Instant at, String headline, String ticker, Double sentiment)
            throws IOException {
        Schema v1 = first("NewsEvent");
        GenericRecord r = new GenericData.Record(v1);
        r.put("id", id);
        r.put("publishedAt", at.toEpochMilli());
        r.put("source", "test");
        r.put("headline", headline);
        r.put("summary", null);
        r.put("url", null);
        r.put("tickers", List.of(ticker));
        r.put("sentiment", sentiment);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(v1).write(r, e);
        e.flush();
        return out.toByteArray();
    }

    @Test
    void aFirstReleaseRecordReadsWithTheNewFieldsDefaultAndTheCurrentOneRoundTrips() throws IOException {
        Serde<NewsEvent> serde = new InternalAvroSerdes().avro(NewsEvent.class);
        NewsEvent old = serde.deserializer().deserialize("t", firstReleaseNews("n1", T0, "Amazon", "AMZN", 0.5));
        assertEquals("n1", old.getId());
        assertEquals(List.of("AMZN"), old.getTickers());
        assertEquals(0.5, old.getSentiment());
        assertEquals(List.of(), old.getTags(), "added with a default: empty");

        NewsEvent now = NewsEvent.newBuilder(old).setTags(List.of("m&a")).build();
        byte[] bytes = serde.serializer().serialize("t", now);
        assertEquals((byte) 0xC3, bytes[0], "single-object encoding: the marker, then the fingerprint");
        assertEquals(now, serde.deserializer().deserialize("t", bytes));

        Serde<MarketReaction> reactions = new InternalAvroSerdes().avro(MarketReaction.class);
        assertThrows(
                SerializationException.class, () -> reactions.deserializer().deserialize("t", new byte[] {1, 2, 3}));
    }

    /**
     * The serdes write Avro's single-object encoding by hand (for speed): byte for byte what Avro's own encoder
     * writes, so what the previous version wrote with it reads, and a record of the future (an unknown
     * fingerprint) is refused by name.
     */
    @Test
    void theEncodingIsAvrosSingleObjectEncodingByteForByte() throws IOException {
        Serde<MarketReaction> serde = new InternalAvroSerdes().avro(MarketReaction.class);
        MarketReaction r = finalOfTheRun();
        assertTrue(r.getCar() != null && !r.getCar().isEmpty(), "a FINAL with its CAR path: arrays of doubles");
        BinaryMessageEncoder<MarketReaction> avros = new BinaryMessageEncoder<>(SpecificData.get(), r.getSchema());
        ByteBuffer expected = avros.encode(r);
        byte[] ours = serde.serializer().serialize("t", r);
        assertEquals(expected, ByteBuffer.wrap(ours));
        byte[] theirs = new byte[expected.remaining()];
        expected.get(theirs);
        assertEquals(r, serde.deserializer().deserialize("t", theirs));
        theirs[2] ^= 1; // another fingerprint
        SerializationException e = assertThrows(
                SerializationException.class, () -> serde.deserializer().deserialize("t", theirs));
        assertTrue(e.getMessage().contains("does not know"), e.getMessage());
    }

    /**
     * Sizes became doubles (fractional shares): a routed tick the previous release left in flight, and a reaction it
     * stored (volume a long), read with their whole numbers as doubles.
     */
    @Test
    void aTickAndAReactionOfWholeSharesReadAsDoubles() throws IOException {
        Schema tickV1 = first("StockTick");
        GenericRecord tick = new GenericData.Record(tickV1);
        tick.put("symbol", "AMZN");
        tick.put("ts", T0.toEpochMilli());
        tick.put("price", 254.0);
        tick.put("size", 100L);
        tick.put("venue", null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(tickV1).write(tick, e);
        e.flush();
        StockTick read =
                new InternalAvroSerdes().avro(StockTick.class).deserializer().deserialize("t", out.toByteArray());
        assertEquals(100.0, read.getSize());

        Schema reactionV2 = version("MarketReaction", 2);
        assertEquals(Schema.Type.LONG, reactionV2.getField("volume").schema().getType());
        MarketReaction now = finalOfTheRun();
        // the same reaction as the previous release stored it: its datum through the old schema, volume a long
        byte[] bytes = singleObject(reactionV2, asGeneric(now, reactionV2));
        MarketReaction back = new InternalAvroSerdes()
                .avro(MarketReaction.class)
                .deserializer()
                .deserialize("t", bytes);
        assertEquals(20.0, now.getVolume(), "the window's one trade of 20 shares");
        assertEquals(now, back);
    }

    /** A reaction as the previous release stored it (three model symbols) reads as it was. */
    @Test
    void aReactionOfThePreviousReleaseReadsWithItsModel() throws IOException {
        Schema v3 = version("MarketReaction", 3);
        assertEquals(
                List.of("MARKET_MODEL", "MARKET_ADJUSTED", "NONE"),
                v3.getField("model").schema().getEnumSymbols());
        MarketReaction now = finalOfTheRun();
        ByteBuffer b = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v3).encode(asGeneric(now, v3));
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        assertEquals(
                now,
                new InternalAvroSerdes()
                        .avro(MarketReaction.class)
                        .deserializer()
                        .deserialize("t", bytes));
    }

    /**
     * Model symbols are appended, and the enum's default is NONE: a reader of today's schema meets a symbol of a later
     * one as NONE, the record's numbers kept. A reader of the previous schema has no default to fall back on, and
     * fails on CONSTANT_MEAN (docs/reactions.md: upgrade consumers before choosing that model).
     */
    @Test
    void aModelSymbolOfALaterSchemaReadsAsNoneAndAnOlderReaderFailsOnConstantMean() throws IOException {
        Schema current = MarketReaction.getClassSchema();
        List<String> symbols = current.getField("model").schema().getEnumSymbols();
        assertEquals(List.of("MARKET_MODEL", "MARKET_ADJUSTED", "NONE", "CONSTANT_MEAN"), symbols, "appended only");
        MarketReaction constantMean = MarketReaction.newBuilder(finalOfTheRun())
                .setModel(ReactionModel.CONSTANT_MEAN)
                .build();

        Schema later = new Schema.Parser()
                .parse(current.toString().replace("\"CONSTANT_MEAN\"]", "\"CONSTANT_MEAN\",\"FACTOR_MODEL\"]"));
        GenericRecord future = asGeneric(constantMean, later);
        future.put("model", new GenericData.EnumSymbol(later.getField("model").schema(), "FACTOR_MODEL"));
        MarketReaction read = new org.apache.avro.specific.SpecificDatumReader<MarketReaction>(later, current)
                .read(null, org.apache.avro.io.DecoderFactory.get().binaryDecoder(binary(future, later), null));
        assertEquals(ReactionModel.NONE, read.getModel());
        assertEquals(constantMean.getSigma(), read.getSigma());

        Schema v3 = version("MarketReaction", 3);
        byte[] written = binary(asGeneric(constantMean, current), current);
        assertThrows(
                org.apache.avro.AvroTypeException.class,
                () -> new org.apache.avro.generic.GenericDatumReader<GenericRecord>(current, v3)
                        .read(null, org.apache.avro.io.DecoderFactory.get().binaryDecoder(written, null)));
    }

    private static byte[] binary(GenericRecord r, Schema schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(r, e);
        e.flush();
        return out.toByteArray();
    }

    /** A tick of the previous release (no trade id, no action) reads as a trade nothing can cancel. */
    @Test
    void aTickOfThePreviousReleaseReadsAsATradeWithoutAnId() throws IOException {
        Schema tickV2 = version("StockTick", 2);
        assertEquals(null, tickV2.getField("action"));
        GenericRecord tick = new GenericData.Record(tickV2);
        tick.put("symbol", "AMZN");
        tick.put("ts", T0.toEpochMilli());
        tick.put("price", 254.0);
        tick.put("size", 0.25);
        tick.put("venue", "XNAS");
        byte[] bytes = singleObject(tickV2, tick); // as the previous release left it on a repartition topic or a store
        StockTick read =
                new InternalAvroSerdes().avro(StockTick.class).deserializer().deserialize("t", bytes);
        assertEquals(Trades.trade("AMZN", T0, 254.0, 0.25, "XNAS"), read);
        assertEquals(TradeAction.TRADE, read.getAction());
    }

    /** A news event as the previous release stored it (tags, no sentiment per ticker) reads with none. */
    @Test
    void aNewsEventOfThePreviousReleaseReadsWithoutASentimentPerTicker() throws IOException {
        Schema v2 = version("NewsEvent", 2);
        assertEquals(null, v2.getField("tickerSentiment"));
        GenericRecord r = new GenericData.Record(v2);
        r.put("id", "n2");
        r.put("publishedAt", T0.toEpochMilli());
        r.put("source", "test");
        r.put("headline", "Amazon");
        r.put("summary", null);
        r.put("url", null);
        r.put("tickers", List.of("AMZN"));
        r.put("sentiment", 0.25);
        r.put("tags", List.of("cloud"));
        NewsEvent read =
                new InternalAvroSerdes().avro(NewsEvent.class).deserializer().deserialize("t", singleObject(v2, r));
        assertEquals(0.25, read.getSentiment());
        assertEquals(List.of("cloud"), read.getTags());
        assertEquals(null, read.getTickerSentiment());
    }

    /** {@code r} as a generic record of {@code schema}: its binary read back with that schema, volume as it had it. */
    private static GenericRecord asGeneric(MarketReaction r, Schema schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
        new org.apache.avro.specific.SpecificDatumWriter<MarketReaction>(MarketReaction.getClassSchema()).write(r, e);
        e.flush();
        // the current binary read as the current schema, then each field put into the old one
        GenericRecord current = new org.apache.avro.generic.GenericDatumReader<GenericRecord>(
                        MarketReaction.getClassSchema())
                .read(null, org.apache.avro.io.DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        GenericRecord old = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
            Object v = current.get(f.name());
            boolean longVolume = f.name().equals("volume") && f.schema().getType() == Schema.Type.LONG;
            old.put(f.name(), longVolume ? (Object) Math.round((Double) v) : v);
        }
        return old;
    }

    /** Sums stored before {@code published} existed were published with each update: they read as published. */
    @Test
    void studySumsOfTheFirstVersionReadAsPublished() throws IOException {
        Schema v1 = first("StudySums");
        com.marketreactions.schema.internal.StudySums read = readAsStudySums(v1, filled(v1));
        assertEquals(3, read.getN());
        assertTrue(read.getPublished(), "the earlier version published every update");
    }

    /**
     * Sums stored before the skewness and signed-rank state existed read with neither (null, not zero: a zero would
     * be wrong sums), so their groups show those two tests as absent and the rest as before.
     */
    @Test
    void studySumsOfTheSecondVersionReadWithoutTheNewTestsState() throws IOException {
        Schema v2 = version("StudySums", 2);
        com.marketreactions.schema.internal.StudySums read = readAsStudySums(v2, filled(v2));
        assertEquals(3, read.getN());
        assertFalse(read.getPublished());
        assertNull(read.getM3Sar());
        assertNull(read.getSignedRanks());
    }

    /**
     * Sums stored before the generalized rank read without its sums, and a reaction added to them keeps them absent:
     * the group shows no GRANK z (its reactions' ranks were never summed) until a replay rebuilds it.
     */
    @Test
    void studySumsOfTheThirdVersionReadWithoutTheRankSums() throws IOException {
        Schema v3 = version("StudySums", 3);
        assertEquals(null, v3.getField("sumRank"));
        com.marketreactions.schema.internal.StudySums read = readAsStudySums(v3, filled(v3));
        assertEquals(3, read.getN());
        assertNull(read.getSumRank());
        assertNull(read.getSumRankVar());
        com.marketreactions.schema.internal.StudySums after = EventStudyMath.add(
                read,
                new EventStudyMath.Observation(
                        0.01, 1.0, ReactionModel.MARKET_MODEL, 100, 0.5, 0.25, List.of(), List.of(), "AMZN", 0L));
        assertNull(after.getSumRank());
        assertNull(EventStudyMath.result("all", "PT5M", after).getGrankZ());
    }

    /**
     * Sums stored before the triples of overlapping windows were summed read without them, and stay so with more
     * reactions: the group shows no adjusted BMP p (its triples were never counted) until a replay rebuilds it.
     */
    @Test
    void studySumsOfTheFifthVersionReadWithoutTheOverlapTriples() throws IOException {
        Schema v5 = version("StudySums", 5);
        assertEquals(null, v5.getField("sameTickerOverlapTriangles"));
        GenericRecord old = filled(v5);
        old.put("sameTickerOverlap", 0.5);
        old.put("sameTickerOverlapSquares", 0.25);
        com.marketreactions.schema.internal.StudySums read = readAsStudySums(v5, old);
        assertEquals(0.25, read.getSameTickerOverlapSquares());
        assertNull(read.getSameTickerOverlapTriangles());
        com.marketreactions.schema.internal.StudySums after = EventStudyMath.addOverlap(read, 0.5, 0.25, 0, false);
        assertNull(after.getSameTickerOverlapTriangles());
        EventStudy study = EventStudyMath.result("all", "PT5M", after);
        assertTrue(study.getBmpT() != null && study.getOverlapR() != null);
        assertNull(study.getBmpKpP());
    }

    /**
     * Sums stored before the cross-ticker sums existed read without them and stay so: the group shows no adjusted BMP
     * p (its pairs across tickers were never counted) and no cross-ticker correlation until a replay rebuilds it.
     */
    @Test
    void studySumsOfTheSixthVersionReadWithoutTheCrossTickerSums() throws IOException {
        Schema v6 = version("StudySums", 6);
        assertEquals(null, v6.getField("crossOverlap"));
        GenericRecord old = filled(v6);
        old.put("sameTickerOverlap", 0.5);
        old.put("sameTickerOverlapSquares", 0.25);
        old.put("sameTickerOverlapTriangles", 0.0);
        com.marketreactions.schema.internal.StudySums read = readAsStudySums(v6, old);
        assertNull(read.getCrossOverlap());
        assertEquals(0, read.getCrossLate());
        com.marketreactions.schema.internal.StudySums after = EventStudyMath.addOverlap(read, 0.5, 0.25, 0, false);
        EventStudy study = EventStudyMath.result("all", "PT5M", after);
        assertTrue(study.getBmpT() != null && study.getOverlapR() != null);
        assertNull(study.getBmpKpP());
        assertNull(study.getCrossTickerR());
    }

    /** A reaction the previous release stored reads with no residual hours. */
    @Test
    void aReactionOfThePreviousReleaseReadsWithoutResidualHours() throws IOException {
        Schema v4 = version("MarketReaction", 4);
        assertEquals(null, v4.getField("residualHours"));
        MarketReaction now = MarketReaction.newBuilder(finalOfTheRun())
                .setResidualHours(new com.marketreactions.schema.ResidualHours(490_000L, List.of(0.5, 0.0, -1.5)))
                .build();
        MarketReaction back = new InternalAvroSerdes()
                .avro(MarketReaction.class)
                .deserializer()
                .deserialize("t", singleObject(v4, asGeneric(now, v4)));
        assertEquals(MarketReaction.newBuilder(now).setResidualHours(null).build(), back);
    }

    /** A reaction the previous release stored reads with no generalized rank. */
    @Test
    void aReactionOfThePreviousReleaseReadsWithoutAGeneralizedRank() throws IOException {
        Schema v3 = version("MarketReaction", 3);
        assertEquals(null, v3.getField("generalizedRank"));
        MarketReaction now = finalOfTheRun();
        MarketReaction back = new InternalAvroSerdes()
                .avro(MarketReaction.class)
                .deserializer()
                .deserialize("t", singleObject(v3, asGeneric(now, v3)));
        assertNull(back.getGeneralizedRank());
        assertEquals(MarketReaction.newBuilder(now).setGeneralizedRank(null).build(), back);
    }

    /** A record of {@code schema} with every field set: unions null, ints 3, booleans false, doubles 0.5. */
    private static GenericRecord filled(Schema schema) {
        GenericRecord r = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
            Schema.Type type = f.schema().getType();
            r.put(
                    f.name(),
                    switch (type) {
                        case ARRAY -> List.of();
                        case UNION -> null;
                        case INT -> 3;
                        case BOOLEAN -> Boolean.FALSE;
                        default -> 0.5;
                    });
        }
        return r;
    }

    @Test
    void aRunFedAFirstReleaseRecordInFlightOnItsRepartitionTopicEndsAsOneFedTheCurrentOne() throws IOException {
        MarketReaction expected = finalOfTheRun();
        try (TopologyFixture f = new TopologyFixture("PT5M")) {
            // what the previous release left on news-by-ticker when it stopped: plain Avro of its NewsEvent
            TestInputTopic<String, byte[]> inFlight = f.driver.createInputTopic(
                    "reaction-test-" + TopologyNames.NEWS_BY_TICKER + "-repartition",
                    Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            byte[] old = firstReleaseNews("n1", T0, "Amazon", "AMZN", null); // as the fixture's news
            run(f, () -> inFlight.pipeInput("AMZN", old, T0));
            List<MarketReaction> out = f.output();
            MarketReaction got = out.stream()
                    .filter(r -> r.getStatus() == ReactionStatus.FINAL)
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    List.of(),
                    com.marketreactions.streams.differential.ReactionDiff.diff(expected, got),
                    "every field, the story's included");
            assertEquals(
                    1,
                    out.stream()
                            .filter(r -> r.getStatus() == ReactionStatus.FINAL)
                            .count());
        }
    }

    private static void run(TopologyFixture f, Runnable news) {
        f.tick("SPY", ofSeconds(-20), 500.0, 100);
        f.tick("AMZN", ofSeconds(-10), 100.0, 10);
        news.run();
        f.tick("AMZN", ofMinutes(1), 101.0, 20);
        f.tick("SPY", ofMinutes(2), 505.0, 100);
        f.tick("AMZN", ofMinutes(7), 103.0, 30);
        f.tick("SPY", ofMinutes(7), 506.0, 100);
        f.endOfInput();
    }

    /** {@code r}, written in an earlier version's single-object encoding, read as today's StudySums. */
    private static com.marketreactions.schema.internal.StudySums readAsStudySums(Schema writer, GenericRecord r)
            throws IOException {
        return new InternalAvroSerdes()
                .avro(com.marketreactions.schema.internal.StudySums.class)
                .deserializer()
                .deserialize("t", singleObject(writer, r));
    }

    /** {@code r} in the single-object encoding of {@code writer}, as a release of that schema stored it. */
    private static byte[] singleObject(Schema writer, GenericRecord r) throws IOException {
        ByteBuffer b = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(r);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    /** The FINAL of the news {@link #run} reacts to, fed as today's release writes it. */
    private static MarketReaction finalOfTheRun() {
        try (TopologyFixture f = new TopologyFixture("PT5M")) {
            run(f, () -> f.news("n1", java.time.Duration.ZERO, "Amazon", "AMZN"));
            return f.output().stream()
                    .filter(x -> x.getStatus() == ReactionStatus.FINAL)
                    .findFirst()
                    .orElseThrow();
        }
    }
}
