package com.marketreactions.producers.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.PlainAvroSerdes;
import com.marketreactions.common.Topic;
import com.marketreactions.common.Topics;
import com.marketreactions.common.Trades;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePublisherTest {

    private static final Instant T0 = Instant.parse("2025-11-03T14:30:00Z");
    private static final int PARTITIONS = 3;

    @TempDir
    Path dir;

    private final Topics topics = Topics.create("test.", new PlainAvroSerdes());
    private final MockProducers producers = new MockProducers();
    private final FilePublisher publisher = new FilePublisher(topics, producers);

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines), StandardCharsets.UTF_8);
    }

    @Test
    void publishesNothingWhenAnyLineIsBad() throws IOException {
        Path p = write(
                "ticks.csv",
                "AAA,1762180201000,1.0,1",
                "AAA,1762180202000,-3.5,1",
                "BBB,1762180203000,2.0,1",
                "BBB,soon,2.0,1");
        BadInputException e =
                assertThrows(BadInputException.class, () -> publisher.publish(InputFormat.TICKS, p, false));
        assertEquals(
                p + ":2: price must be > 0, got -3.5\n" + p + ":4: ts: unknown timestamp format 'soon'",
                e.getMessage());
        assertEquals(2, e.badLines());
        assertTrue(producers.created.isEmpty(), "no producer may even be created for a bad file");
    }

    @Test
    void skipBadPublishesTheGoodLinesAndReturnsTheBadOnes() throws IOException {
        Path p = write(
                "ticks.csv",
                "AAA,1762180201000,1.0,1",
                "AAA,1762180202000,-3.5,1",
                "BBB,1762180203000,2.0,1",
                "BBB,soon,2.0,1");
        PublishResult r = publisher.publish(InputFormat.TICKS, p, true);
        assertEquals(2, r.published());
        assertEquals(2, r.badLines());
        assertEquals(
                List.of(p + ":2: price must be > 0, got -3.5", p + ":4: ts: unknown timestamp format 'soon'"),
                r.report());
        assertEquals(
                List.of("AAA", "BBB"),
                producers.only().history().stream().map(ProducerRecord::key).toList());
    }

    @Test
    void ticksAreKeyedBySymbolAndStampedWithTheirTime() throws IOException {
        Path p = write("ticks.csv", "symbol,ts,price,size,venue", "aaa,2025-11-03T14:30:00Z,10.5,100,XNAS");
        publisher.publish(InputFormat.TICKS, p, false);
        ProducerRecord<?, ?> rec = producers.only().history().get(0);
        assertEquals("test.ticks", rec.topic());
        assertEquals("AAA", rec.key());
        assertEquals(T0.toEpochMilli(), rec.timestamp());
        assertEquals(Trades.trade("AAA", T0, 10.5, 100.0, "XNAS"), rec.value());
    }

    @Test
    void newsIsKeyedByIdAndStampedWithPublishedAt() throws IOException {
        Path p = write(
                "news.jsonl",
                "{\"id\":\"n1\",\"publishedAt\":\"2025-11-03T14:30:00Z\",\"source\":\"S\",\"headline\":\"H\",\"tickers\":[\"aaa\"]}");
        publisher.publish(InputFormat.NEWS, p, false);
        ProducerRecord<?, ?> rec = producers.only().history().get(0);
        assertEquals("test.news", rec.topic());
        assertEquals("n1", rec.key());
        assertEquals(T0.toEpochMilli(), rec.timestamp());
        assertEquals(List.of("AAA"), ((NewsEvent) rec.value()).getTickers());
    }

    @Test
    void aliasesAreKeyedByAliasWithTheTickerAsValueAndNoEventTime() throws IOException {
        Path p = write("aliases.csv", "alias,ticker", "Amazon Web Services,amzn");
        publisher.publish(InputFormat.ALIASES, p, false);
        ProducerRecord<?, ?> rec = producers.only().history().get(0);
        assertEquals("test.ticker-aliases", rec.topic());
        assertEquals("Amazon Web Services", rec.key());
        assertEquals("AMZN", rec.value());
        assertNull(rec.timestamp());
    }

    @Test
    void returnsTheOffsetOfTheLastRecordOfEachPartitionAndClosesTheProducer() throws IOException {
        // the test partitioner puts AAA on 0 and BBB on 1; nothing goes to 2
        Path p = write(
                "ticks.csv",
                "AAA,1762180201000,1.0,1",
                "BBB,1762180201000,2.0,1",
                "AAA,1762180202000,1.1,1",
                "AAA,1762180203000,1.2,1",
                "BBB,1762180203000,2.1,1");
        PublishResult r = publisher.publish(InputFormat.TICKS, p, false);
        assertEquals(5, r.published());
        assertEquals(0, r.badLines());
        assertEquals(Map.of(0, 2L, 1, 1L), r.lastOffsets());
        assertTrue(producers.only().closed());
    }

    @Test
    void publishesGeneratedTicksThroughTheSameLoop() {
        List<StockTick> ticks = List.of(
                Trades.trade("AAA", T0, 1.0, 1.0, null), Trades.trade("BBB", T0.plusSeconds(1), 2.0, 5.0, null));
        PublishResult r = publisher.publishTicks(ticks.stream());
        assertEquals(2, r.published());
        assertEquals(Map.of(0, 0L, 1, 0L), r.lastOffsets());
        List<ProducerRecord<?, ?>> sent = new ArrayList<>(producers.only().history());
        assertEquals(ticks, sent.stream().map(ProducerRecord::value).toList());
        assertEquals(T0.plusSeconds(1).toEpochMilli(), sent.get(1).timestamp());
    }

    @Test
    void rejectsAnInvalidGeneratedTick() {
        Stream<StockTick> ticks =
                Stream.of(Trades.trade("AAA", T0, 1.0, 1.0, null), Trades.trade("AAA", T0, -1.0, 1.0, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> publisher.publishTicks(ticks));
        assertEquals("generated tick #2 is invalid: price must be a finite number > 0, got -1.0", e.getMessage());
        assertTrue(producers.only().closed());
    }

    @Test
    void reportsProgressEveryNRecordsAndAtTheEnd() throws IOException {
        Path p = write(
                "ticks.csv",
                "AAA,1762180200001,1.0,1",
                "AAA,1762180200002,1.0,1",
                "AAA,1762180200003,1.0,1",
                "AAA,1762180200004,1.0,1",
                "AAA,1762180200005,1.0,1");
        List<Long> seen = new ArrayList<>();
        publisher.withProgress(2, seen::add).publish(InputFormat.TICKS, p, false);
        assertEquals(List.of(2L, 4L, 5L), seen);
    }

    @Test
    void aMissingFileIsOneClearLineAndPublishesNothing() {
        Path p = dir.resolve("nope.csv");
        for (boolean skipBad : new boolean[] {false, true}) {
            BadInputException e =
                    assertThrows(BadInputException.class, () -> publisher.publish(InputFormat.TICKS, p, skipBad));
            assertEquals(p + ": no such file", e.getMessage());
        }
        assertTrue(producers.created.stream().allMatch(m -> m.history().isEmpty() && m.closed()));
    }

    @Test
    void aFailedSendAbortsItsTransactionAndSaysWhereToResume() throws IOException {
        producers.failAt = 3;
        Path p = write(
                "ticks.csv",
                "AAA,1762180200001,1.0,1",
                "AAA,1762180200002,1.0,1",
                "AAA,1762180200003,1.0,1",
                "AAA,1762180200004,1.0,1");
        PublishException e = assertThrows(PublishException.class, () -> publisher.publish(InputFormat.TICKS, p, false));
        assertEquals(
                p + ":3: cannot publish to topic test.ticks: broker down (0 records published; nothing from line 1"
                        + " on was published (its transaction was aborted): resume with --from-line 1)",
                e.getMessage());
        assertEquals(1, e.resumeLine());
        MockProducer<?, ?> m = producers.only();
        assertTrue(m.transactionAborted(), "the open transaction is aborted");
        assertTrue(m.history().isEmpty(), "nothing of it is visible to a read_committed reader");
        assertTrue(m.closed());
    }

    @Test
    void aRefusalSeenOnlyAtTheLastCommitIsStillACertainAbort() throws IOException {
        producers.failAt = 4; // the last record: its failure reaches the publisher inside commitTransaction
        Path p = write(
                "ticks.csv",
                "AAA,1762180200001,1.0,1",
                "AAA,1762180200002,1.0,1",
                "AAA,1762180200003,1.0,1",
                "AAA,1762180200004,1.0,1");
        PublishException e = assertThrows(PublishException.class, () -> publisher.publish(InputFormat.TICKS, p, false));
        assertEquals(
                p + ":4: cannot publish to topic test.ticks: broker down (0 records published; nothing from line 1"
                        + " on was published (its transaction was aborted): resume with --from-line 1)",
                e.getMessage());
        assertEquals(-1, e.uncertainThrough());
        assertTrue(producers.only().transactionAborted());
    }

    @Test
    void resumesFromALineAndCommitsEverythingItSends() throws IOException {
        Path p = write(
                "ticks.csv",
                "AAA,1762180200001,1.0,1",
                "AAA,1762180200002,1.0,1",
                "AAA,1762180200003,1.0,1",
                "AAA,1762180200004,1.0,1");
        PublishResult r = publisher.publish(InputFormat.TICKS, p, false, 3);
        assertEquals(2, r.published());
        MockProducer<?, ?> m = producers.only();
        assertTrue(m.transactionCommitted());
        assertEquals(
                List.of(1762180200003L, 1762180200004L),
                m.history().stream().map(ProducerRecord::timestamp).toList());
    }

    /**
     * A saved Alpaca response is one line of many trades: a transaction that falls due (100 ms) within it ends after
     * the line, so that --from-line never resumes inside a line whose first trades are published. The pacer spends
     * the 100 ms in real time, the clock {@code FilePublisher} times transactions by.
     */
    @Test
    void aTransactionEndsBetweenLinesNeverWithinOne() throws IOException {
        String trade = "{\"t\":\"2025-11-03T14:30:00Z\",\"x\":\"V\",\"p\":1.0,\"s\":1,\"i\":";
        Path p = write(
                "trades.jsonl",
                "{\"trades\":{\"AAA\":[" + trade + "1}," + trade + "2}," + trade + "3}]},\"next_page_token\":\"x\"}",
                "{\"trades\":{\"BBB\":[" + trade + "4}]},\"next_page_token\":null}");
        Pacer slow = eventTimeMs -> Thread.sleep(110);
        PublishResult r = publisher.withPacing(slow).publish(InputFormat.TICKS, p, false);
        assertEquals(4, r.published());
        assertEquals(2, producers.only().commitCount(), "one transaction a line, though due after every trade");
    }

    @Test
    void aNewsIdTwiceInAFileNamesTheFirstLineAndPublishesNothing() throws IOException {
        String rest = ",\"source\":\"S\",\"headline\":\"H\"}";
        Path p = write(
                "news.jsonl",
                "{\"id\":\"n1\",\"publishedAt\":\"2025-11-03T14:30:00Z\"" + rest,
                "{\"id\":\"n2\",\"publishedAt\":\"2025-11-03T14:31:00Z\"" + rest,
                "{\"id\":\"n1\",\"publishedAt\":\"2025-11-03T15:00:00Z\"" + rest);
        BadInputException e =
                assertThrows(BadInputException.class, () -> publisher.publish(InputFormat.NEWS, p, false));
        assertEquals(p + ":3: id 'n1' already on line 1 (an id names one news event)", e.getMessage());
        assertTrue(producers.created.isEmpty());
    }

    /** MockProducers on a 3-partition cluster; optionally fails the n-th send asynchronously. */
    private static final class MockProducers implements ProducerFactory {
        final List<MockProducer<?, ?>> created = new ArrayList<>();
        int failAt;
        int sends;

        @Override
        public <K, V> Producer<K, V> create(Topic<K, V> topic, String transactionalId) {
            MockProducer<K, V> p =
                    new MockProducer<>(
                            cluster(topic.name()),
                            false,
                            new BySymbol(),
                            topic.keySerde().serializer(),
                            topic.valueSerde().serializer()) {
                        @Override
                        public synchronized Future<RecordMetadata> send(
                                ProducerRecord<K, V> record, Callback callback) {
                            Future<RecordMetadata> f = super.send(record, callback);
                            if (++sends == failAt) {
                                errorNext(new TimeoutException("broker down"));
                            } else {
                                completeNext();
                            }
                            return f;
                        }
                    };
            created.add(p);
            return p;
        }

        MockProducer<?, ?> only() {
            assertEquals(1, created.size(), "producers created");
            return created.get(0);
        }

        private static Cluster cluster(String topic) {
            Node node = new Node(0, "localhost", 9092);
            List<PartitionInfo> parts = new ArrayList<>();
            for (int i = 0; i < PARTITIONS; i++) {
                parts.add(new PartitionInfo(topic, i, node, new Node[] {node}, new Node[] {node}));
            }
            return new Cluster("test", List.of(node), parts, java.util.Set.of(), java.util.Set.of());
        }
    }

    /** Deterministic partitions for the assertions: AAA on 0, BBB on 1, anything else on 2. */
    public static final class BySymbol implements Partitioner {
        @Override
        public int partition(
                String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
            return switch (String.valueOf(key)) {
                case "AAA" -> 0;
                case "BBB" -> 1;
                default -> 2;
            };
        }

        @Override
        public void configure(Map<String, ?> configs) {}

        @Override
        public void close() {}
    }
}
