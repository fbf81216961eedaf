package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.RecordJson;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.producers.files.PublishResult;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once through a crash: the service (a child JVM running {@code serve}) is killed with SIGKILL in
 * the middle of the sample's 111k ticks, while reaction windows are open, and started again on the same
 * state directory. Read with read_committed, every FINAL reaction is there exactly once and equal to an
 * uninterrupted replay's, and no record emitted before the crash shows twice. Two more runs make the crash
 * certain to cut open work and show the check can fail: read_uncommitted sees the aborted FINALs, and the same run
 * at_least_once fails it.
 */
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
            EndMarkers.awaitConsumed(
                    clients(),
                    appId,
                    p.topics().news.name(),
                    p.news().lastOffsets(),
                    Duration.ofMinutes(2),
                    first::checkAlive);
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
     * interval of nine minutes and is killed once five FINALs or more are in its open transaction (counted as the
     * uncommitted view's excess over the committed one, since Streams may still commit on its own). Exactly-once: read_committed sees each FINAL once and equal to the reference, while
     * read_uncommitted also sees the killed transaction's FINALs (aborted transactions exist, and the committed view
     * hides them).
     */
    @Test
    void theKilledTransactionsFinalsAreAbortedAndTheCommittedViewIsExact() throws Exception {
        Run run = crashWithOpenWork("exactly_once_v2", "eos");
        assertEquals(expected(), finalsExactlyOnce(run.committed()));
        long committedFinals = run.committed().stream()
                .filter(r -> r.getStatus() == ReactionStatus.FINAL)
                .count();
        long allFinals = run.uncommitted().stream()
                .filter(r -> r.getStatus() == ReactionStatus.FINAL)
                .count();
        assertTrue(
                allFinals >= committedFinals + run.cutByKill(),
                "read_uncommitted: " + allFinals + " FINALs, read_committed " + committedFinals
                        + ", in the transaction the kill cut " + run.cutByKill());
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

    /** What the topic holds after the crash and the restart, by both readers, and how many FINALs the kill cut. */
    record Run(List<MarketReaction> committed, List<MarketReaction> uncommitted, long cutByKill) {}

    private Run crashWithOpenWork(String guarantee, String name) throws Exception {
        String appId = "crash-" + name;
        String prefix = "crash-" + name + ".";
        Prepared p = prepare(prefix, PARTITIONS);
        Map<String, String> env = serviceEnv(
                appId, prefix, PARTITIONS, "state-" + name, "REACTIONS_STREAMS_PROCESSING_GUARANTEE", guarantee);
        Map<String, String> longCommits = new java.util.HashMap<>(env);
        longCommits.put(
                "REACTIONS_STREAMS_COMMIT_INTERVAL_MS", "540000"); // no commit within the run (at most the timeout)
        longCommits.put("REACTIONS_STREAMS_PRODUCER_TRANSACTION_TIMEOUT_MS", "600000");
        Path log = dir.resolve("service-" + name + ".log");
        List<Path> parts = splitTicks(0.78);
        // the news in, committed, with the usual commit interval; a clean stop
        try (ServiceProcess news = ServiceProcess.start(stack().bootstrapServers(), stack().registryUrl(), env, log)) {
            EndMarkers.awaitConsumed(
                    clients(),
                    appId,
                    p.topics().news.name(),
                    p.news().lastOffsets(),
                    Duration.ofMinutes(2),
                    news::checkAlive);
            assertEquals(0, news.terminate(Duration.ofSeconds(45)), "SIGTERM after the news; log:\n" + news.tail());
        }
        // the first part of the ticks with no commit to come, killed once FINALs of it are out
        long seen;
        try (ServiceProcess open =
                ServiceProcess.start(stack().bootstrapServers(), stack().registryUrl(), longCommits, log)) {
            p.publisher().publish(InputFormat.TICKS, parts.get(0), false);
            boolean transactional = !guarantee.equals("at_least_once");
            awaitFinals(p.topics(), open, transactional);
            open.kill();
            // it started on the state a clean stop left: nothing in it may be taken for corrupted and wiped
            String runs = Files.readString(log);
            assertFalse(runs.contains("TaskCorruptedException"), "a task corrupted after a clean stop; log:\n" + runs);
            // what the kill cut: the FINALs of the transaction left open (none outside transactions)
            seen = finalsOnTopic(p.topics(), "read_uncommitted") - finalsOnTopic(p.topics(), "read_committed");
            assertTrue(!transactional || seen >= 5, "the kill cut " + seen + " uncommitted FINALs, not 5 or more");
        }
        try (ServiceProcess second =
                ServiceProcess.start(stack().bootstrapServers(), stack().registryUrl(), env, log)) {
            p.publisher().publish(InputFormat.TICKS, parts.get(1), false);
            EndMarkers.publish(clients(), p.topics().ticks.name(), PARTITIONS);
            List<MarketReaction> committed = EndMarkers.readUntilEnded(
                    clients(), p.topics().reactions, PARTITIONS, Duration.ofMinutes(3), second::checkAlive);
            Map<String, Object> uncommittedReader =
                    new java.util.HashMap<>(clients().committedReader());
            uncommittedReader.put("isolation.level", "read_uncommitted");
            List<MarketReaction> uncommitted = new java.util.ArrayList<>();
            EndMarkers.readUntilEnded(
                    uncommittedReader,
                    p.topics().reactions,
                    PARTITIONS,
                    Duration.ofMinutes(1),
                    second::checkAlive,
                    uncommitted::add);
            assertEquals(0, second.terminate(Duration.ofSeconds(45)), "SIGTERM; log:\n" + second.tail());
            return new Run(committed, uncommitted, seen);
        }
    }

    /**
     * Waits until at least five FINALs are on the topic; with {@code open}, five that are not committed yet (the
     * uncommitted view holds five more than the committed one), so that a kill now cuts them whatever the service
     * committed before: Streams commits on its own at times (a rebalance, a corrupted task revived), not only at the
     * interval.
     */
    private static void awaitFinals(com.marketreactions.common.Topics topics, ServiceProcess service, boolean open)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            service.checkAlive();
            long all = finalsOnTopic(topics, "read_uncommitted");
            long waiting = open ? all - finalsOnTopic(topics, "read_committed") : all;
            if (waiting >= 5) {
                return;
            }
            assertTrue(
                    System.nanoTime() < deadline,
                    "fewer than 5 " + (open ? "uncommitted " : "") + "FINALs within 2 minutes; log:\n"
                            + service.tail());
            Thread.sleep(20); // polling interval against the deadline
        }
    }

    /**
     * The FINALs a reader with this isolation level sees now, from the start to its end offsets: the high watermark
     * for read_uncommitted, the first offset of a transaction still open for read_committed.
     */
    private static long finalsOnTopic(com.marketreactions.common.Topics topics, String isolation) {
        Map<String, Object> reader = new java.util.HashMap<>(clients().committedReader());
        reader.put("isolation.level", isolation);
        long finals = 0;
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, MarketReaction> c =
                new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                        reader,
                        topics.reactions.keySerde().deserializer(),
                        topics.reactions.valueSerde().deserializer())) {
            var partitions = com.marketreactions.common.ClientConfigs.assignAllFromStart(c, topics.reactions.name());
            Map<org.apache.kafka.common.TopicPartition, Long> end = c.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (end.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
                assertTrue(System.nanoTime() < deadline, "cannot read " + topics.reactions.name() + " to " + end);
                for (var r : c.poll(Duration.ofMillis(100))) {
                    if (r.value() != null && r.value().getStatus() == ReactionStatus.FINAL) {
                        finals++;
                    }
                }
            }
        }
        return finals;
    }
}
