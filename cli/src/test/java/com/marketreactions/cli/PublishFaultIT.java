package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.SchemaRegistration;
import com.marketreactions.common.TopicAdmin;
import com.marketreactions.common.Topics;
import com.marketreactions.producers.files.FilePublisher;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.producers.files.PublishException;
import com.marketreactions.stack.EmbeddedStack;
import com.marketreactions.stack.StackOptions;
import java.io.BufferedWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file published while the broker goes away: the publish fails with one message naming where to resume,
 * what was committed before is on the topic and nothing after it; after the broker is back, the rest from the
 * resume line puts every line on the topic exactly once (read_committed, as the analyzer reads).
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES) // each test; it took 69 s in a full build
class PublishFaultIT {

    private static final int LINES = 2_000_000;

    @TempDir
    Path dir;

    /** The stack of the moment (the test stops one and starts another), closed after the test whatever happened. */
    private EmbeddedStack stack;

    @AfterEach
    void closeStack() {
        if (stack != null) {
            stack.close(); // idempotent: a stack the test closed already is left as it is
        }
    }

    @Test
    void aPublishCutByTheBrokerStoppingResumesWithEveryLineOnce() throws Exception {
        Path file = dir.resolve("ticks.csv");
        long t0 = Instant.parse("2025-11-03T14:30:00Z").toEpochMilli();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("symbol,ts,price,size\n");
            for (int i = 1; i <= LINES; i++) {
                w.write("AMZN," + (t0 + i / 10) + ",254.00," + i + "\n"); // size = the tick's number: each is unique
            }
        }
        StackOptions options =
                new StackOptions(freePort(), freePort(), dir.resolve("stack"), true, Duration.ofSeconds(90));
        // short client timeouts, so that a broker gone is a failure within seconds, not minutes
        Map<String, String> quick = Map.of(
                "request.timeout.ms",
                "1000",
                "delivery.timeout.ms",
                "3000",
                "max.block.ms",
                "3000",
                "transaction.timeout.ms",
                "10000");
        stack = EmbeddedStack.start(options);
        ClientConfigs clients = new ClientConfigs(stack.bootstrapServers(), stack.registryUrl(), quick, Map.of());
        Topics topics = Topics.create("fault.", clients.serdes());
        TopicAdmin.ensureTopics(clients, topics, 2);
        SchemaRegistration.registerAll(clients, topics);

        CountDownLatch quarter = new CountDownLatch(1);
        CompletableFuture<Object> publish = CompletableFuture.supplyAsync(() -> {
            try {
                return FilePublisher.create(clients, topics)
                        .withProgress(10_000, n -> {
                            if (n >= LINES / 4) {
                                quarter.countDown();
                            }
                        })
                        .publish(InputFormat.TICKS, file, false);
            } catch (PublishException e) {
                return e;
            } finally {
                quarter.countDown(); // done early: the assertions below say so
            }
        });
        assertTrue(quarter.await(1, TimeUnit.MINUTES), "a quarter of the file sent within a minute");
        stack.close();
        Object outcome = publish.get(1, TimeUnit.MINUTES);
        assertTrue(outcome instanceof PublishException, "the publish fails: " + outcome);
        PublishException failed = (PublishException) outcome;
        assertTrue(failed.getMessage().startsWith(file + ":"), failed.getMessage());
        long resume = failed.resumeLine();
        assertTrue(resume > 1 && resume <= LINES + 1, failed.getMessage());
        long uncertain = failed.uncertainThrough(); // the broker went while a commit was in flight: it may be in
        assertTrue(
                uncertain == -1
                        ? failed.getMessage().endsWith("resume with --from-line " + resume + ")")
                        : failed.getMessage().contains("otherwise with --from-line " + resume),
                failed.getMessage());

        stack = EmbeddedStack.start(options);
        try {
            ClientConfigs back = new ClientConfigs(stack.bootstrapServers(), stack.registryUrl(), quick, Map.of());
            List<Long> before = sizes(back, topics, resume - 2);
            long from = resume;
            if (uncertain != -1 && before.size() == uncertain - 1) {
                from = uncertain + 1; // the commit had gone through: as the message says, resume after it
            }
            assertEquals(from - 2, before.size(), "the lines before the resume line, committed before the stop");
            FilePublisher.create(back, topics).publish(InputFormat.TICKS, file, false, from);
            List<Long> all = sizes(back, topics, LINES);
            assertEquals(LINES, all.size(), "every line");
            assertEquals(LINES, new HashSet<>(all).size(), "none twice");
        } finally {
            stack.close();
        }
    }

    /** The sizes (tick numbers) read_committed: at least {@code expected} if they come within a minute. */
    private static List<Long> sizes(ClientConfigs c, Topics topics, long expected) {
        var ticks = topics.ticks.valueSerde().deserializer();
        return TopicRead.all(
                c,
                topics.ticks.name(),
                expected,
                r -> Math.round(
                        ticks.deserialize(topics.ticks.name(), r.value()).getSize()));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
