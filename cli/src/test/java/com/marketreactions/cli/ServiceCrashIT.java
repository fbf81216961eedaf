package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.producers.files.PublishResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once through a crash: the service (a child JVM running {@code serve}) is killed with SIGKILL in
 * the middle of the sample's 111k ticks and started again on the same state directory. Read with
 * read_committed, every FINAL reaction is there exactly once and equal to an uninterrupted replay's.
 */
class ServiceCrashIT extends ServiceScenario {

    private static final int PARTITIONS = 2;

    @Test
    void sigkillMidStreamThenRestartGivesEveryFinalExactlyOnce() throws Exception {
        List<String> expected = referenceFinals(PARTITIONS, "crash-reference");
        String appId = "crash-service";
        Prepared p = prepare("crash.", PARTITIONS);
        Map<String, String> env = Map.of("REACTIONS_APPLICATION_ID", appId, "REACTIONS_TOPIC_PREFIX", "crash.",
                "REACTIONS_TOPIC_PARTITIONS", Integer.toString(PARTITIONS),
                "REACTIONS_STATE_DIR", dir.resolve("state").toString(),
                // as in a replay: the end-of-input markers, not the wall clock, close the last windows
                "REACTIONS_IDLE_TIMEOUT", "P3650D",
                // the killed member's partitions move after its session times out: 10 s rather than 45
                "REACTIONS_STREAMS_SESSION_TIMEOUT_MS", "10000", "REACTIONS_HTTP_PORT", "0");
        Path log = dir.resolve("service.log");

        ServiceProcess first = ServiceProcess.start(stack().bootstrapServers(), stack().registryUrl(), env, log);
        try {
            EndMarkers.awaitConsumed(clients(), appId, p.topics().news.name(), p.news().lastOffsets(),
                    Duration.ofMinutes(2), first::checkAlive);
            PublishResult ticks = p.publisher().publish(InputFormat.TICKS, sample().ticks(), false);
            EndMarkers.publish(clients(), p.topics().ticks.name(), PARTITIONS);
            long committed = ServiceProcess.awaitCommitted(clients(), appId, p.topics().ticks.name(), 5_000, first);
            first.kill();
            assertTrue(committed < ticks.published(), "the kill came after the last tick (" + committed + " of "
                    + ticks.published() + " committed): nothing was interrupted");
        } finally {
            first.close();
        }

        try (ServiceProcess second = ServiceProcess.start(stack().bootstrapServers(), stack().registryUrl(), env,
                log)) {
            List<String> finals = finalsExactlyOnce(EndMarkers.readUntilEnded(clients(), p.topics().reactions,
                    PARTITIONS, Duration.ofMinutes(3), second::checkAlive));
            assertEquals(expected, finals);
            Integer exit = second.terminate(Duration.ofSeconds(45));
            assertEquals(0, exit, "SIGTERM: exit code (null = still running after 45 s); log:\n" + second.tail());
        }
    }
}
