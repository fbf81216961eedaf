package com.marketreactions.streams.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.InputLimits;
import com.marketreactions.common.PlainAvroSerdes;
import com.marketreactions.common.Topics;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.app.ReactionApp;
import com.marketreactions.streams.emit.StatusHeader;
import com.marketreactions.streams.errors.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * With the service's settings, every kind of bad input record goes to the dead-letter topic with its original
 * bytes and headers that say what was wrong and where it came from, and the records after it are processed.
 */
class DeadLetterTopologyTest {

    private record Sent(String topic, byte[] key, byte[] value, String reasonPart) {}

    @Test
    void everyBadRecordIsDeadLetteredOnceAndProcessingGoesOn() {
        ReactionConfig config = ReactionConfig.defaults().withProvisionalInterval(Duration.ZERO);
        try (TopologyFixture f =
                new TopologyFixture(config, ReactionApp.deadLetterSettings(Topics.create(new PlainAvroSerdes())))) {
            String ticks = f.topics.ticks.name();
            String news = f.topics.news.name();
            Serializer<StockTick> tickSer = f.topics.ticks.valueSerde().serializer();
            Serializer<NewsEvent> newsSer = f.topics.news.valueSerde().serializer();
            Instant t = TopologyFixture.T0;
            List<Sent> bad = new ArrayList<>();
            bad.add(new Sent(ticks, key("AMZN"), tickSer.serialize(ticks, tick("AMZN", t, 0.0, 10)), "price"));
            bad.add(new Sent(ticks, key("AMZN"), tickSer.serialize(ticks, tick("AMZN", t, 100.0, -5)), "size"));
            bad.add(new Sent(ticks, key("amzn!"), tickSer.serialize(ticks, tick("amzn!", t, 100.0, 1)), "symbol"));
            bad.add(new Sent(
                    ticks,
                    key("AMZN"),
                    tickSer.serialize(ticks, tick("AMZN", t.plus(Duration.ofDays(30)), 100.0, 1)),
                    "ahead of the clock"));
            bad.add(new Sent(ticks, null, tickSer.serialize(ticks, tick("AMZN", t, 100.0, 1)), "no key"));
            bad.add(new Sent(ticks, key("AMZN"), null, "no value"));
            bad.add(new Sent(ticks, key("AMZN"), "not avro at all".getBytes(StandardCharsets.UTF_8), ""));
            NewsEvent.Builder valid = NewsEvent.newBuilder()
                    .setId("n0")
                    .setPublishedAt(t)
                    .setSource("s")
                    .setHeadline("h");
            List<String> tooMany = IntStream.range(0, InputLimits.defaults().tickers() + 1)
                    .mapToObj(i -> "T" + i)
                    .toList();
            Map<NewsEvent, String> badNews = new LinkedHashMap<>();
            badNews.put(NewsEvent.newBuilder(valid).setId(" ").build(), "id is missing");
            badNews.put(
                    NewsEvent.newBuilder(valid)
                            .setTickers(List.of("Amazon Inc"))
                            .build(),
                    "ticker");
            badNews.put(
                    NewsEvent.newBuilder(valid).setTickers(tooMany).build(),
                    "101 tickers, more than the limit of 100 (setting news.max.tickers)");
            badNews.put(
                    NewsEvent.newBuilder(valid)
                            .setSummary("x".repeat(InputLimits.defaults().summaryChars() + 1))
                            .setTickers(List.of("AMZN"))
                            .build(),
                    "setting news.max.summary.chars");
            badNews.forEach((n, why) -> bad.add(new Sent(news, key("n0"), newsSer.serialize(news, n), why)));

            TestInputTopic<byte[], byte[]> rawTicks =
                    f.driver.createInputTopic(ticks, new ByteArraySerializer(), new ByteArraySerializer());
            TestInputTopic<byte[], byte[]> rawNews =
                    f.driver.createInputTopic(news, new ByteArraySerializer(), new ByteArraySerializer());
            for (Sent s : bad) {
                (s.topic().equals(ticks) ? rawTicks : rawNews).pipeInput(new TestRecord<>(s.key(), s.value(), t));
            }

            TestOutputTopic<byte[], byte[]> dlq = f.driver.createOutputTopic(
                    f.topics.deadLetters.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TestRecord<byte[], byte[]>> letters = dlq.readRecordsToList();
            assertEquals(bad.size(), letters.size());
            for (int i = 0; i < bad.size(); i++) {
                Sent s = bad.get(i);
                TestRecord<byte[], byte[]> d = letters.get(i);
                Headers h = d.headers();
                String reason = header(h, DeadLetters.MESSAGE);
                assertArrayEquals(s.key(), d.key(), "original key of #" + i);
                assertArrayEquals(s.value(), d.value(), "original value of #" + i);
                assertTrue(reason.contains(s.reasonPart()), "#" + i + ": " + reason);
                assertEquals(s.topic(), header(h, DeadLetters.TOPIC));
                assertEquals("0", header(h, DeadLetters.PARTITION));
                assertFalse(header(h, DeadLetters.OFFSET).isEmpty());
                assertFalse(header(h, DeadLetters.EXCEPTION).isEmpty());
            }

            // the service goes on: a valid news event and its ticks still give their reactions
            f.tick("SPY", Duration.ofMinutes(-1), 500, 1);
            f.tick("AMZN", Duration.ofMinutes(-1), 100, 1);
            f.news("n1", Duration.ZERO, "Amazon news", "AMZN");
            f.tick("AMZN", Duration.ofMinutes(2), 101, 1);
            f.endOfInput();
            assertEquals(config.horizons().size(), f.output().size());
            assertTrue(dlq.isEmpty(), "valid records are not dead-lettered");
        }
    }

    /**
     * The reaction topic read back for the impact and the study: a record whose header says PROVISIONAL is
     * skipped without being decoded, one without the header is decoded, and one that cannot be is dead-lettered
     * with its bytes; every reaction the topology writes carries the header.
     */
    @Test
    void readBackProvisionalsAreSkippedUndecodedAndABadReactionIsDeadLettered() {
        ReactionConfig config = ReactionConfig.defaults()
                .withHorizons(List.of(Horizon.parse("PT5M")))
                .withProvisionalInterval(Duration.ofSeconds(1));
        try (TopologyFixture f =
                new TopologyFixture(config, ReactionApp.deadLetterSettings(Topics.create(new PlainAvroSerdes())))) {
            String reactions = f.topics.reactions.name();
            TestInputTopic<String, byte[]> raw =
                    f.driver.createInputTopic(reactions, new StringSerializer(), new ByteArraySerializer());
            byte[] garbage = "not a reaction".getBytes(StandardCharsets.UTF_8);
            TestRecord<String, byte[]> provisional = new TestRecord<>("k1", garbage, TopologyFixture.T0);
            provisional.headers().add(StatusHeader.NAME, "PROVISIONAL".getBytes(StandardCharsets.UTF_8));
            raw.pipeInput(provisional);
            raw.pipeInput(new TestRecord<>("k2", garbage, TopologyFixture.T0));
            TestOutputTopic<byte[], byte[]> dlq = f.driver.createOutputTopic(
                    f.topics.deadLetters.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TestRecord<byte[], byte[]>> letters = dlq.readRecordsToList();
            assertEquals(1, letters.size(), "only the record without the header was decoded");
            assertArrayEquals(garbage, letters.get(0).value());
            assertEquals(reactions, header(letters.get(0).headers(), DeadLetters.TOPIC));

            f.tick("SPY", Duration.ofMinutes(-1), 500, 1);
            f.tick("AMZN", Duration.ofMinutes(-1), 100, 1);
            f.news("n1", Duration.ZERO, "Amazon news", "AMZN");
            f.tick("SPY", Duration.ofMinutes(2), 501, 1);
            f.tick("AMZN", Duration.ofMinutes(2), 101, 1);
            f.tick("AMZN", Duration.ofMinutes(3), 102, 1);
            f.endOfInput();
            List<TestRecord<String, MarketReaction>> out = f.reactions.readRecordsToList().stream()
                    .filter(r -> r.value() != null)
                    .toList();
            assertTrue(out.stream().anyMatch(r -> r.value().getStatus() == ReactionStatus.PROVISIONAL), out.toString());
            for (TestRecord<String, MarketReaction> r : out) {
                assertEquals(r.value().getStatus() == ReactionStatus.FINAL, StatusHeader.isFinal(r.headers()));
            }
            assertEquals(
                    1,
                    f.impact.readRecordsToList().stream()
                            .filter(r -> r.value() != null)
                            .count(),
                    "the FINAL read back makes the news' impact");
        }
    }

    @Test
    void aNewsIdSeenBeforeKeepsItsFirstEventsReactions() {
        ReactionConfig config = ReactionConfig.defaults().withProvisionalInterval(Duration.ZERO);
        try (TopologyFixture f =
                new TopologyFixture(config, ReactionApp.deadLetterSettings(Topics.create(new PlainAvroSerdes())))) {
            f.tick("SPY", Duration.ofMinutes(-1), 500, 1);
            f.tick("AMZN", Duration.ofMinutes(-1), 100, 1);
            f.news("n1", Duration.ZERO, "Amazon news", "AMZN");
            f.news("n1", Duration.ZERO, "Amazon news", "AMZN"); // published again, unchanged: dropped
            f.news("n1", Duration.ofMinutes(3), "Another story", "AMZN", "MSFT"); // another event, same id
            f.tick("AMZN", Duration.ofMinutes(2), 101, 1);
            f.tick("MSFT", Duration.ofMinutes(4), 300, 1);
            f.endOfInput();
            List<MarketReaction> out = f.output().stream()
                    .filter(r -> r.getStatus() == com.marketreactions.schema.ReactionStatus.FINAL)
                    .toList();
            assertEquals(config.horizons().size(), out.size(), "one FINAL per horizon: the first event's, once");
            assertTrue(
                    out.stream()
                            .allMatch(r -> r.getTicker().equals("AMZN")
                                    && r.getEventTime().equals(TopologyFixture.T0)),
                    out.toString());
            List<TestRecord<byte[], byte[]>> letters = f.driver
                    .createOutputTopic(
                            f.topics.deadLetters.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
                    .readRecordsToList();
            assertEquals(1, letters.size(), "the different event is dead-lettered, the unchanged repeat is not");
            assertTrue(
                    header(letters.get(0).headers(), DeadLetters.MESSAGE).contains("the first wins"),
                    header(letters.get(0).headers(), DeadLetters.MESSAGE));
        }
    }

    private static StockTick tick(String symbol, Instant ts, double price, long size) {
        return StockTick.newBuilder()
                .setSymbol(symbol)
                .setTs(ts)
                .setPrice(price)
                .setSize(size)
                .build();
    }

    private static byte[] key(String k) {
        return k.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(Headers h, String name) {
        return h.lastHeader(name) == null ? "" : new String(h.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
