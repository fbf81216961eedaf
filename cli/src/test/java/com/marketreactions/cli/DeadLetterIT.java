package com.marketreactions.cli;

import static com.marketreactions.cli.DeadLetterReads.header;
import static com.marketreactions.cli.DeadLetterReads.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.SchemaRegistration;
import com.marketreactions.common.TopicAdmin;
import com.marketreactions.common.Topics;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.app.ReactionApp;
import com.marketreactions.streams.errors.DeadLetters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The service's dead-letter path on a real broker and registry: records the registry cannot resolve or that
 * carry another schema go to the dead-letter topic with their original bytes, and the service keeps going.
 * (Every validation case, one by one, is in {@code DeadLetterTopologyTest}.)
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // each test; it took 5 s in a full build
class DeadLetterIT extends ServiceScenario {

    @Test
    void undecodableAndWrongSchemaRecordsAreDeadLetteredAndTheServiceGoesOn() throws Exception {
        ClientConfigs clients = clients();
        Topics topics = Topics.create("dlq.", clients.serdes());
        TopicAdmin.ensureTopics(clients, topics, 1);
        SchemaRegistration.registerAll(clients, topics);
        Instant t0 = Instant.parse("2025-11-03T15:00:00Z");
        byte[] unknownId =
                ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();
        byte[] newsOnTicks = topics.news
                .valueSerde()
                .serializer()
                .serialize(
                        topics.news.name(),
                        NewsEvent.newBuilder()
                                .setId("x")
                                .setPublishedAt(t0)
                                .setSource("s")
                                .setHeadline("h")
                                .build());
        byte[] zeroPrice =
                topics.ticks.valueSerde().serializer().serialize(topics.ticks.name(), Ticks.of("AMZN", t0, 0.0));
        List<byte[]> bad = List.of(unknownId, newsOnTicks, zeroPrice);
        long before = DeadLetters.count();

        try (ReactionApp app = new ReactionApp(
                ReactionConfig.defaults().withEndMarkers(true),
                topics,
                ReactionApp.properties(clients, "dlq-service", dir, ReactionApp.deadLetterSettings(topics)))) {
            app.start();
            try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
                            clients.producer(), new ByteArraySerializer(), new ByteArraySerializer());
                    KafkaProducer<String, StockTick> ticks = new KafkaProducer<>(
                            clients.producer(),
                            topics.ticks.keySerde().serializer(),
                            topics.ticks.valueSerde().serializer())) {
                for (byte[] value : bad) {
                    raw.send(new ProducerRecord<>(
                            topics.ticks.name(), 0, t0.toEpochMilli(), "AMZN".getBytes(StandardCharsets.UTF_8), value));
                }
                raw.flush();
                // then good ticks: the service must still process them (they end the window of nothing, but
                // the task's end-of-input marker only comes out after every record before it was handled)
                ticks.send(new ProducerRecord<>(
                        topics.ticks.name(), 0, t0.toEpochMilli(), "AMZN", Ticks.of("AMZN", t0, 100)));
                ticks.flush();
            }
            EndMarkers.publish(clients, topics.ticks.name(), 1);
            List<MarketReaction> reactions = EndMarkers.readUntilEnded(
                    clients, topics.reactions, 1, Duration.ofMinutes(2), () -> Replay.failIfStopped(app));
            assertEquals(List.of(), reactions, "no news, so no reactions; but the end was reached");

            List<ConsumerRecord<byte[], byte[]>> letters = readAll(clients, topics.deadLetters.name(), bad.size());
            assertEquals(bad.size(), letters.size());
            for (int i = 0; i < bad.size(); i++) {
                assertArrayEquals(bad.get(i), letters.get(i).value(), "original bytes of #" + i);
                assertEquals(topics.ticks.name(), header(letters.get(i), DeadLetters.TOPIC));
                assertEquals(Integer.toString(i), header(letters.get(i), DeadLetters.OFFSET));
            }
            assertTrue(
                    header(letters.get(0), DeadLetters.MESSAGE).startsWith("cannot decode it"),
                    header(letters.get(0), DeadLetters.MESSAGE));
            assertTrue(
                    header(letters.get(1), DeadLetters.MESSAGE).contains("NewsEvent where a StockTick"),
                    header(letters.get(1), DeadLetters.MESSAGE));
            assertTrue(
                    header(letters.get(2), DeadLetters.MESSAGE).startsWith("price"),
                    header(letters.get(2), DeadLetters.MESSAGE));
            assertEquals(before + bad.size(), DeadLetters.count());
        }
    }
}
