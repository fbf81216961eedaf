package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.RecordJson;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.producers.files.PublishResult;
import com.marketreactions.schema.MarketReaction;
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
 * uninterrupted replay's, and no record emitted before the crash shows twice.
 */
class ServiceCrashIT extends ServiceScenario {

    private static final int PARTITIONS = 2;

    @Test
    void sigkillMidStreamThenRestartGivesEveryFinalExactlyOnce() throws Exception {
        List<String> expected = referenceFinals(PARTITIONS, "crash-reference");
        String appId = "crash-service";
        Prepared p = prepare("crash.", PARTITIONS);
        Map<String, String> env = serviceEnv(appId, "crash.", PARTITIONS, "state");
        Path log = dir.resolve("service.log");

        ServiceProcess first = ServiceProcess.start(stack().bootstrapServers(), stack().registryUrl(), env, log);
        try {
            EndMarkers.awaitConsumed(clients(), appId, p.topics().news.name(), p.news().lastOffsets(),
                    Duration.ofMinutes(2), first::checkAlive);
            // most of the ticks first (up to the afternoon of the announcement, with reaction windows open) ...
            List<Path> parts = splitTicks(0.78);
            PublishResult before = p.publisher().publish(InputFormat.TICKS, parts.get(0), false);
            ServiceProcess.awaitCommitted(clients(), appId, p.topics().ticks.name(), before.published(), first);
            // ... then the rest, and the kill as soon as the service has committed some of it
            PublishResult after = p.publisher().publish(InputFormat.TICKS, parts.get(1), false);
            EndMarkers.publish(clients(), p.topics().ticks.name(), PARTITIONS);
            long total = before.published() + after.published();
            long committed = ServiceProcess.awaitCommitted(clients(), appId, p.topics().ticks.name(),
                    before.published() + 1, first);
            first.kill();
            assertTrue(committed < total, "the kill came after the last tick (" + committed + " of " + total
                    + " committed): nothing was interrupted");
        } finally {
            first.close();
        }

        try (ServiceProcess second = ServiceProcess.start(stack().bootstrapServers(), stack().registryUrl(), env,
                log)) {
            List<MarketReaction> all = EndMarkers.readUntilEnded(clients(), p.topics().reactions, PARTITIONS,
                    Duration.ofMinutes(3), second::checkAlive);
            assertEquals(expected, finalsExactlyOnce(all));
            // what was emitted before the kill and not committed must not show: no update appears twice
            List<String> json = all.stream().map(RecordJson::toJson).toList();
            assertEquals(json.size(), new HashSet<>(json).size(), "a reaction record appears twice");
            Integer exit = second.terminate(Duration.ofSeconds(45));
            assertEquals(0, exit, "SIGTERM: exit code (null = still running after 45 s); log:\n" + second.tail());
        }
    }
}
