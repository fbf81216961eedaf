package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.RecordJson;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.producers.files.PublishResult;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.streams.TopologyNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exactly-once through a crash: the service (a child JVM running {@code serve}) is killed with SIGKILL in
 * the middle of the sample's 111k ticks, while reaction windows are open, and started again on the same
 * state directory. Read with read_committed, every FINAL reaction is there exactly once and equal to an
 * uninterrupted replay's, and no record emitted before the crash shows twice. Two more runs make the crash
 * certain to cut open work and show the check can fail: the FINALs the kill left in an open transaction never become
 * visible to read_committed, and the same run at_least_once fails the check.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES) // each test; the slowest took 71 s in a full build
class ServiceCrashIT extends ServiceScenario {

    private static final int PARTITIONS = 2;

    @Test
    void sigkillMidStreamThenRestartGivesEveryFinalExactlyOnce() throws Exception {
        List<String> expected = expected();
        String appId = "crash-service";
        Prepared p = prepare("crash.", PARTITIONS);
        Map<String, String> env = serviceEnv(appId, "crash.", PARTITIONS, "state");
        Path log = dir.resolve("service.log");

        ServiceProcess first = ServiceProcess.start(stack().bootstrapServers(), stack().registryUrl(), env, log);
        try {
            awaitNewsConsumed(appId, p, first);
            // most of the ticks first (up to the afternoon of the announcement, with reaction windows open) ...
            List<Path> parts = splitTicks(0.78);
            PublishResult before = p.publisher().publish(InputFormat.TICKS, parts.get(0), false);
            ServiceProcess.awaitCommitted(clients(), appId, p.topics().ticks.name(), before.published(), first);
            // ... then the rest, and the kill as soon as the service has committed some of it
            PublishResult after = p.publisher().publish(InputFormat.TICKS, parts.get(1), false);
            EndMarkers.publish(clients(), p.topics().ticks.name(), PARTITIONS);
            long total = before.published() + after.published();
            long committed = ServiceProcess.awaitCommitted(
                    clients(), appId, p.topics().ticks.name(), before.published() + 1, first);
            first.kill();
            assertTrue(
                    committed < total,
                    "the kill came after the last tick (" + committed + " of " + total
                            + " committed): nothing was interrupted");
        } finally {
            first.close();
        }

        try (ServiceProcess second =
                ServiceProcess.start(stack().bootstrapServers(), stack().registryUrl(), env, log)) {
            List<MarketReaction> all = EndMarkers.readUntilEnded(
                    clients(), p.topics().reactions, PARTITIONS, Duration.ofMinutes(3), second::checkAlive);
            assertEquals(expected, finalsExactlyOnce(all));
            // what was emitted before the kill and not committed must not show: no update appears twice
            List<String> json = all.stream().map(RecordJson::toJson).toList();
            assertEquals(json.size(), new HashSet<>(json).size(), "a reaction record appears twice");
            Integer exit = second.terminate(Duration.ofSeconds(45));
            assertEquals(0, exit, "SIGTERM: exit code (null = still running after 45 s); log:\n" + second.tail());
        }
    }

    /**
     * The same crash, made certain to interrupt work: after the news are committed, the service runs with a commit
     * interval of nine minutes and is killed once five FINALs or more are in its open transaction (past the last
     * stable offset, which Streams may still move by committing on its own). Exactly-once: read_committed sees each
     * FINAL once and equal to the reference, and none of the records the kill left in the open transaction ever
     * becomes visible to it (they are aborted; the topic is compacted, so the cleaner may drop them later, which a
     * count of read_uncommitted records could not tell from a commit).
     */
    @Test
    void theKilledTransactionsFinalsAreAbortedAndTheCommittedViewIsExact() throws Exception {
        Run run = crashWithOpenWork("exactly_once_v2", "eos");
        assertEquals(expected(), finalsExactlyOnce(run.committed()));
        java.util.Set<String> shown = new HashSet<>(run.cut());
        shown.retainAll(run.visible());
        assertEquals(java.util.Set.of(), shown, "records of the killed transaction visible to read_committed");
    }

    /**
     * The negative control: the same run at_least_once must fail the check the exactly-once test passes. Its state
     * changelogs and output are written outside transactions, so after the kill the restored state has already
     * seen ticks that are processed again (counted twice) or FINALs are emitted again.
     */
    @Test
    void atLeastOnceFailsTheSameCheck() throws Exception {
        Run run = crashWithOpenWork("at_least_once", "alos");
        boolean exact;
        try {
            exact = expected().equals(finalsExactlyOnce(run.committed()));
        } catch (AssertionError duplicate) {
            exact = false; // a FINAL twice
        }
        assertFalse(exact, "at_least_once passed the exactly-once check: the crash test could not tell them apart");
    }

    private static List<String> expectedFinals;

    private static synchronized List<String> expected() throws InterruptedException {
        if (expectedFinals == null) {
            expectedFinals = referenceFinals(PARTITIONS, "crash-reference");
        }
        return expectedFinals;
    }

    /**
     * What read_committed reads after the crash and the restart, the FINALs the kill cut (partition@offset, past the
     * last stable offset at the kill) and every record read_committed sees in the end (partition@offset).
     */
    record Run(List<MarketReaction> committed, java.util.Set<String> cut, java.util.Set<String> visible) {}

    private Run crashWithOpenWork(String guarantee, String name) throws Exception {
        String appId = "crash-" + name;
        String prefix = "crash-" + name + ".";
        Prepared p = prepare(prefix, PARTITIONS);
        Map<String, String> env = serviceEnv(
                appId,
                prefix,
                PARTITIONS,
                "state-" + name,
                "REACTIONS_STREAMS_PROCESSING_GUARANTEE",
                guarantee,
                "REACTIONS_SERVE_ALLOW_WEAKER_GUARANTEE",
                "true");
        Map<String, String> longCommits = new java.util.HashMap<>(env);
        longCommits.put(
                "REACTIONS_STREAMS_COMMIT_INTERVAL_MS", "540000"); // no commit within the run (at most the timeout)
        longCommits.put("REACTIONS_STREAMS_PRODUCER_TRANSACTION_TIMEOUT_MS", "600000");
        Path log = dir.resolve("service-" + name + ".log");
        List<Path> parts = splitTicks(0.78);
        // the news in, committed, with the usual commit interval; a clean stop
        try (ServiceProcess news = ServiceProcess.start(stack().bootstrapServers(), stack().registryUrl(), env, log)) {
            awaitNewsConsumed(appId, p, news);
            // and every reaction task has taken its news in and committed (its first changelog records)
            awaitRecordInEveryPartition(appId + "-" + TopologyNames.NEWS_SEEN + "-changelog", news);
            assertEquals(0, news.terminate(Duration.ofSeconds(45)), "SIGTERM after the news; log:\n" + news.tail());
        }
        // the first part of the ticks with no commit to come, killed once FINALs of it are out
        java.util.Set<String> cut;
        boolean transactional = !guarantee.equals("at_least_once");
        try (ServiceProcess open =
                ServiceProcess.start(stack().bootstrapServers(), stack().registryUrl(), longCommits, log)) {
            p.publisher().publish(InputFormat.TICKS, parts.get(0), false);
            awaitFinals(p.topics(), open, transactional);
            open.kill();
            // it started on the state a clean stop left: nothing in it may be taken for corrupted and wiped
            String runs = Files.readString(log);
            assertFalse(runs.contains("TaskCorruptedException"), "a task corrupted after a clean stop; log:\n" + runs);
            // what the kill cut: the FINALs of the transaction left open (none outside transactions)
            Map<org.apache.kafka.common.TopicPartition, Long> stable = endOffsets(p.topics(), "read_committed");
            cut = new HashSet<>();
            for (var r : read(p.topics(), "read_uncommitted")) {
                if (isFinal(r)
                        && r.offset()
                                >= stable.get(new org.apache.kafka.common.TopicPartition(r.topic(), r.partition()))) {
                    cut.add(r.partition() + "@" + r.offset());
                }
            }
            assertTrue(!transactional || cut.size() >= 5, "the kill cut " + cut.size() + " uncommitted FINALs, not 5");
        }
        try (ServiceProcess second =
                ServiceProcess.start(stack().bootstrapServers(), stack().registryUrl(), env, log)) {
            p.publisher().publish(InputFormat.TICKS, parts.get(1), false);
            EndMarkers.publish(clients(), p.topics().ticks.name(), PARTITIONS);
            List<MarketReaction> committed = EndMarkers.readUntilEnded(
                    clients(), p.topics().reactions, PARTITIONS, Duration.ofMinutes(3), second::checkAlive);
            java.util.Set<String> visible = new HashSet<>();
            read(p.topics(), "read_committed").forEach(r -> visible.add(r.partition() + "@" + r.offset()));
            assertEquals(0, second.terminate(Duration.ofSeconds(45)), "SIGTERM; log:\n" + second.tail());
            return new Run(committed, cut, visible);
        }
    }

    /**
     * Waits until at least five FINALs are on the topic; with {@code open}, five that are not committed yet (the
     * uncommitted view holds five more than the committed one), so that a kill now cuts them whatever the service
     * committed before: Streams commits on its own at times (a rebalance, a corrupted task revived), not only at the
     * interval.
     */
    private static void awaitFinals(com.marketreactions.common.Topics topics, ServiceProcess service, boolean open) {
        service.await(
                "at least 5 " + (open ? "uncommitted " : "") + "FINALs",
                Duration.ofMinutes(2),
                Duration.ofMillis(20),
                () -> {
                    long all = finalsOnTopic(topics, "read_uncommitted");
                    return open ? all - finalsOnTopic(topics, "read_committed") : all;
                },
                waiting -> waiting >= 5);
    }

    /** Waits (at most a minute) until every partition of {@code topic} holds a committed record. */
    private static void awaitRecordInEveryPartition(String topic, ServiceProcess service) {
        try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> c =
                new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                        clients().committedReader(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            var partitions = com.marketreactions.common.ClientConfigs.assignAllFromStart(c, topic);
            java.util.Set<Integer> seen = new HashSet<>();
            service.await(
                    "a committed record in every partition of " + topic,
                    Duration.ofMinutes(1),
                    Duration.ZERO, // the consumer's poll is the interval
                    () -> {
                        c.poll(Duration.ofMillis(100)).forEach(r -> seen.add(r.partition()));
                        return seen;
                    },
                    s -> s.size() >= partitions.size());
        }
    }

    /** The FINALs a reader with this isolation level sees now. */
    private static long finalsOnTopic(com.marketreactions.common.Topics topics, String isolation) {
        return read(topics, isolation).stream().filter(ServiceCrashIT::isFinal).count();
    }

    private static boolean isFinal(org.apache.kafka.clients.consumer.ConsumerRecord<String, MarketReaction> r) {
        return r.value() != null && r.value().getStatus() == ReactionStatus.FINAL;
    }

    private static org.apache.kafka.clients.consumer.KafkaConsumer<String, MarketReaction> reader(
            com.marketreactions.common.Topics topics, String isolation) {
        Map<String, Object> config = new java.util.HashMap<>(clients().committedReader());
        config.put("isolation.level", isolation);
        return new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                config,
                topics.reactions.keySerde().deserializer(),
                topics.reactions.valueSerde().deserializer());
    }

    /**
     * Where a reader with this isolation level ends now: the high watermark for read_uncommitted, the last stable
     * offset (the first of a transaction still open) for read_committed.
     */
    private static Map<org.apache.kafka.common.TopicPartition, Long> endOffsets(
            com.marketreactions.common.Topics topics, String isolation) {
        try (var c = reader(topics, isolation)) {
            return c.endOffsets(
                    com.marketreactions.common.ClientConfigs.assignAllFromStart(c, topics.reactions.name()));
        }
    }

    /** Every record a reader with this isolation level sees now, from the start to its end offsets. */
    private static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, MarketReaction>> read(
            com.marketreactions.common.Topics topics, String isolation) {
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, MarketReaction>> records =
                new java.util.ArrayList<>();
        try (var c = reader(topics, isolation)) {
            var partitions = com.marketreactions.common.ClientConfigs.assignAllFromStart(c, topics.reactions.name());
            Map<org.apache.kafka.common.TopicPartition, Long> end = c.endOffsets(partitions);
            Waits.await(topics.reactions.name() + " read to " + end)
                    .atMost(Duration.ofSeconds(30))
                    .pollInSameThread()
                    .pollInterval(Duration.ZERO) // the consumer's poll is the interval
                    .until(() -> {
                        if (end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                            return true;
                        }
                        c.poll(Duration.ofMillis(100)).forEach(records::add);
                        return false;
                    });
        }
        return records;
    }
}
