package com.marketreactions.cli;

import static com.marketreactions.cli.DeadLetterReads.header;
import static com.marketreactions.cli.DeadLetterReads.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.RecordJson;
import com.marketreactions.common.Topics;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.producers.files.PublishResult;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.errors.DeadLetters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code serve} on a normal market (the sample) while a producer sends, between its records, what no producer should:
 * end-of-input markers on both inputs, a benchmark tick days ahead of the data (historical data published now, so
 * the wall clock does not catch it), a news naming 5,000 tickers, a news with a 5 MB summary (compressed, so the
 * broker takes it), records that are not Avro, and 100,000 made-up symbols trading once each. Every FINAL must be
 * the one a replay of the normal records gives, each hostile record refused with its reason or held and counted,
 * and the service healthy throughout.
 *
 * <p>The run ends the way a service's does: once every input has been quiet for {@code idle.timeout}, event time
 * follows the wall clock from the last tick on; an end marker would be ignored (it is one of the hostile records).
 * So the windows the data closes are compared; those reaching past its last tick stay open, as they should.
 *
 * <p>The registry is down for a minute while the second half of the ticks is published and processed: the service
 * knows every schema id by then and stays ready. Then the service is stopped and started again: it is ready, and
 * the hostile tick still waits, the made-up symbols stay out of the heap, and no FINAL comes twice. (A record whose
 * schema id the service has not seen, read during an outage, stops it: {@code DeadLettersTest}.)
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@StackExtension.OwnStack // it stops the registry
class ServiceHostileIT extends ServiceScenario {

    private static final int PARTITIONS = 2;
    private static final int FLOOD = 100_000;
    private static final Instant AFTER_THE_DATA = Instant.parse("2025-11-06T21:00:00Z");
    private static final Instant BEFORE_THE_DATA = Instant.parse("2025-10-20T15:00:00Z");
    /** Longer than any schema cache check of a serde (Apicurio's is 30 s): the outage the issue asks for. */
    private static final Duration OUTAGE = Duration.ofMinutes(1);

    @Test
    void hostileRecordsAreRefusedOrHeldAndChangeNoFinal() throws Exception {
        // a service closes a window after the data's last tick as time passes (a day's window of the day-after news
        // needs sixteen hours of it); a replay's end closes them at once. So the windows the data closes.
        List<String> lines = Files.readAllLines(sample().ticks());
        Instant dataEnd = Instant.parse(lines.get(lines.size() - 1).split(",")[1]);
        List<MarketReaction> replayed = new Replay(
                        clients(), ReactionConfig.defaults(), PARTITIONS, Duration.ofMinutes(3))
                .run(sample(), "hostile-reference")
                .finals();
        List<String> expected = replayed.stream()
                .filter(r -> !closesAfter(r, dataEnd))
                .sorted(Replay.ORDER)
                .map(RecordJson::toJson)
                .toList();
        List<String> open = replayed.stream()
                .filter(r -> closesAfter(r, dataEnd))
                .map(ServiceHostileIT::key)
                .toList();
        assertTrue(expected.size() >= 50 && open.size() <= 10, expected.size() + " closed, open: " + open);
        String appId = "hostile-service";
        Prepared p = prepare("hostile.", PARTITIONS);
        Topics topics = p.topics();
        Map<String, String> env = serviceEnv(
                appId,
                "hostile.",
                PARTITIONS,
                "state",
                "REACTIONS_SERVE_END_MARKERS",
                "false",
                "REACTIONS_IDLE_TIMEOUT",
                "PT15S",
                "REACTIONS_BENCHMARK_WAIT",
                "PT15S");
        Path log = dir.resolve("service.log");
        List<String> refused;
        try (ServiceProcess service =
                ServiceProcess.start(stack().bootstrapServers(), stack().registryUrl(), env, log)) {
            awaitNewsConsumed(appId, p, service);
            List<Path> parts = splitTicks(0.5);
            p.publisher().publish(InputFormat.TICKS, parts.get(0), false);
            refused = sendHostile(topics);

            String base = httpBase(log, service);
            long down = System.nanoTime();
            stack().stopRegistry();
            PublishResult second = p.publisher().publish(InputFormat.TICKS, parts.get(1), false);
            service.await(
                    "the second half consumed and a minute of outage, ready throughout",
                    OUTAGE.plusMinutes(3),
                    Duration.ofSeconds(1),
                    () -> {
                        HttpResponse<String> ready = get(base + "/health/ready");
                        assertEquals(
                                200,
                                ready.statusCode(),
                                "ready while the registry is down: " + ready.body() + "\n" + service.tail());
                        return System.nanoTime() - down >= OUTAGE.toNanos()
                                && consumed(appId, topics.ticks.name(), second.lastOffsets());
                    },
                    done -> done);
            stack().restartRegistry(Duration.ofSeconds(90));

            String metrics = get(base + "/metrics").body();
            assertTrue(sum(metrics, "kafka_stream_market_reactions_ignored_end_markers_ticks_total") >= PARTITIONS);
            assertTrue(sum(metrics, "kafka_stream_market_reactions_ignored_end_markers_news_total") >= PARTITIONS);
            assertTrue(sum(metrics, "kafka_stream_market_reactions_held_ticks_total") >= 1); // nights too, a tick each
            assertEquals(0, service.terminate(Duration.ofSeconds(60)), "a clean stop:\n" + service.tail());
        }

        // the same service again, on the state it left: ready, the hostile tick still held, the flood still out
        Path again = dir.resolve("service-again.log");
        try (ServiceProcess service =
                ServiceProcess.start(stack().bootstrapServers(), stack().registryUrl(), env, again)) {
            List<MarketReaction> all = readFinals(topics, expected, service);
            assertEquals(expected, finalsExactlyOnce(all), "the FINALs of the normal records alone");
            for (MarketReaction r : all) {
                assertTrue(
                        r.getStatus() != ReactionStatus.FINAL || !open.contains(key(r)),
                        key(r) + " is FINAL before the time its window closes");
            }

            List<ConsumerRecord<byte[], byte[]>> letters =
                    readAll(clients(), topics.deadLetters.name(), refused.size());
            List<String> reasons = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> l : letters) {
                reasons.add(header(l, DeadLetters.MESSAGE));
            }
            for (String why : refused) {
                assertTrue(reasons.stream().anyMatch(r -> r.contains(why)), why + " among " + reasons);
            }
            assertEquals(refused.size(), letters.size(), "dead letters: " + reasons);

            String base = httpBase(again, service);
            service.await(
                    "ready after the restart",
                    Duration.ofMinutes(2),
                    Duration.ofMillis(500),
                    () -> get(base + "/health/ready").statusCode(),
                    code -> code == 200);
            // a task's metrics appear once it is initialized, after its stores are restored: RUNNING comes earlier
            String metrics = service.await(
                    "every task's held-tick gauge after the restart",
                    Duration.ofMinutes(2),
                    Duration.ofMillis(500),
                    () -> get(base + "/metrics").body(),
                    page -> samples(page, "kafka_stream_market_reactions_held_ticks_waiting") == PARTITIONS
                            && samples(page, "kafka_stream_market_reactions_symbols_in_memory") == PARTITIONS);
            assertEquals(
                    1.0, sum(metrics, "kafka_stream_market_reactions_held_ticks_waiting"), "the tick days ahead waits");
            double inMemory = sum(metrics, "kafka_stream_market_reactions_symbols_in_memory");
            assertTrue(inMemory < 100, "the made-up symbols left the heap: " + inMemory + " symbols in memory");
            service.checkAlive();
        }
    }

    /** Whether application {@code appId} has committed past {@code lastOffsets} of {@code topic}. */
    private static boolean consumed(String appId, String topic, Map<Integer, Long> lastOffsets) throws Exception {
        try (Admin admin = Admin.create(clients().common())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(appId)
                    .partitionsToOffsetAndMetadata()
                    .get();
            return lastOffsets.entrySet().stream().allMatch(e -> {
                OffsetAndMetadata o = committed.get(new TopicPartition(topic, e.getKey()));
                return o != null && o.offset() > e.getValue();
            });
        }
    }

    /** Sends the hostile records; returns what the dead letter of each refused one says, in part. */
    private List<String> sendHostile(Topics topics) throws Exception {
        ClientConfigs clients = clients();
        Properties big = new Properties();
        big.putAll(clients.producer());
        big.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        big.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20);
        List<String> refused = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> raw =
                        new KafkaProducer<>(clients.producer(), new ByteArraySerializer(), new ByteArraySerializer());
                KafkaProducer<String, NewsEvent> news = new KafkaProducer<>(
                        big,
                        topics.news.keySerde().serializer(),
                        topics.news.valueSerde().serializer());
                KafkaProducer<String, StockTick> ticks = new KafkaProducer<>(
                        clients.producer(),
                        topics.ticks.keySerde().serializer(),
                        topics.ticks.valueSerde().serializer())) {
            List<String> many = IntStream.range(0, 5_000).mapToObj(i -> "T" + i).toList();
            news.send(new ProducerRecord<>(topics.news.name(), "wide", newsEvent("wide", many, "x")));
            refused.add("names 5000 tickers");
            news.send(new ProducerRecord<>(
                    topics.news.name(), "huge", newsEvent("huge", List.of("AMZN"), "a".repeat(5 << 20))));
            refused.add("summary");
            news.flush();
            byte[] junk = "not avro".getBytes(StandardCharsets.UTF_8);
            raw.send(new ProducerRecord<>(topics.news.name(), "junk".getBytes(StandardCharsets.UTF_8), junk));
            raw.send(new ProducerRecord<>(topics.ticks.name(), "SPY".getBytes(StandardCharsets.UTF_8), junk));
            refused.add("cannot decode it");
            refused.add("cannot decode it");
            raw.flush();
            EndMarkers.publish(clients, topics.news.name(), PARTITIONS);
            EndMarkers.publish(clients, topics.ticks.name(), PARTITIONS);
            ticks.send(new ProducerRecord<>(topics.ticks.name(), "SPY", Ticks.of("SPY", AFTER_THE_DATA, 1.0)));
            for (int i = 0; i < FLOOD; i++) {
                String symbol = "Z" + Integer.toString(i, 36).toUpperCase(java.util.Locale.ROOT);
                ticks.send(new ProducerRecord<>(topics.ticks.name(), symbol, Ticks.of(symbol, BEFORE_THE_DATA, 1.0)));
            }
            ticks.flush();
        }
        return refused;
    }

    private static boolean closesAfter(MarketReaction r, Instant dataEnd) {
        return r.getEventTime().plus(Horizon.parse(r.getHorizon()).length()).isAfter(dataEnd);
    }

    private static String key(MarketReaction r) {
        return r.getNewsId() + "|" + r.getTicker() + "|" + r.getHorizon();
    }

    private static NewsEvent newsEvent(String id, List<String> tickers, String summary) {
        return NewsEvent.newBuilder()
                .setId(id)
                .setPublishedAt(Instant.parse("2025-11-03T15:00:00Z"))
                .setSource("hostile")
                .setHeadline("Nothing to see")
                .setSummary(summary)
                .setTickers(tickers)
                .build();
    }

    /** The reactions until {@code n} FINALs have been read (read_committed), or four minutes. */
    private static List<MarketReaction> readFinals(Topics topics, List<String> expected, ServiceProcess service) {
        int n = expected.size();
        List<MarketReaction> out = new ArrayList<>();
        try (KafkaConsumer<String, MarketReaction> c = new KafkaConsumer<>(
                clients().committedReader(),
                topics.reactions.keySerde().deserializer(),
                topics.reactions.valueSerde().deserializer())) {
            ClientConfigs.assignAllFromStart(c, topics.reactions.name());
            try {
                Waits.await(n + " FINAL reactions")
                        .atMost(Duration.ofMinutes(4))
                        .pollInSameThread()
                        .pollInterval(Duration.ZERO)
                        .until(() -> {
                            service.checkAlive();
                            c.poll(Duration.ofMillis(500)).forEach(r -> {
                                if (r.value() != null) {
                                    out.add(r.value());
                                }
                            });
                            return out.stream()
                                            .filter(r -> r.getStatus() == ReactionStatus.FINAL)
                                            .count()
                                    >= n;
                        });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                java.util.Set<String> got = new java.util.HashSet<>();
                for (MarketReaction r : out) {
                    if (r.getStatus() == ReactionStatus.FINAL) {
                        got.add(RecordJson.toJson(r));
                    }
                }
                List<String> missing =
                        expected.stream().filter(x -> !got.contains(x)).toList();
                throw new AssertionError(
                        got.size() + " FINALs of " + n + "; missing " + missing + "; the service's log ends:\n"
                                + service.tail(),
                        e);
            }
            c.poll(Duration.ofSeconds(2)).forEach(r -> out.add(r.value())); // a FINAL too many would show here
        }
        out.removeIf(r -> r == null);
        return out;
    }

    /**
     * The service's HTTP address, from the line its endpoint logs on start: waited for, as a restarted service checks
     * the cluster and its state directory before it starts the endpoint.
     */
    private static String httpBase(Path log, ServiceProcess service) throws Exception {
        Pattern p = Pattern.compile("queries on (http://[^/\\s]+)/");
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            service.checkAlive();
            for (String line : Files.readAllLines(log)) {
                Matcher m = p.matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
            }
            Thread.sleep(100); // polling interval against the deadline above
        }
        throw new AssertionError("no HTTP address in the log within 2 minutes:\n" + service.tail());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** How many samples (label sets) of metric {@code name} a Prometheus text page has. */
    private static long samples(String page, String name) {
        return page.lines().filter(l -> l.startsWith(name + "{")).count();
    }

    /** The sum of the samples of metric {@code name} (every label set) in a Prometheus text page. */
    private static double sum(String page, String name) {
        double total = 0;
        boolean found = false;
        for (String line : page.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                found = true;
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        assertTrue(found, name + " is on /metrics");
        return total;
    }
}
