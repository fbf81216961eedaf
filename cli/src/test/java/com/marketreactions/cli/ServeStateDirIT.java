package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A second {@code serve} on the state directory of a running one, both from the packaged jar as a user starts them:
 * one line naming the directory and what to do, exit code 2, and nothing announced before it (it used to print the
 * live page's URL, then Kafka Streams' 20-line stack trace, and exit 1).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServeStateDirIT extends ServiceScenario {

    @Test
    void aSecondServiceOnATakenStateDirectoryIsOneLineAndExitCodeTwo() throws Exception {
        Map<String, String> env = serviceEnv("state-dir-service", "statedir.", 1, "state");
        Path firstLog = dir.resolve("first.log");
        Path secondLog = dir.resolve("second.log");
        String[] cluster = {"--bootstrap-servers", stack().bootstrapServers(), "--registry-url", stack().registryUrl()};
        try (ServiceProcess first = ServiceProcess.start(env, firstLog, cluster)) {
            first.await(
                    "the first service running",
                    Duration.ofMinutes(2),
                    Duration.ofMillis(100),
                    () -> Files.readString(firstLog),
                    log -> log.contains("serving: application state-dir-service"));
            try (ServiceProcess second = ServiceProcess.start(env, secondLog, cluster)) {
                Integer code = second.awaitExit(Duration.ofMinutes(1));
                List<String> printed = Files.readAllLines(secondLog);
                assertEquals(2, code, "exit code; it printed:\n" + String.join("\n", printed));
                Path appDir = dir.resolve("state").resolve("state-dir-service").toAbsolutePath();
                assertEquals(
                        List.of("error: the state directory " + appDir + " is in use by another running instance of"
                                + " application state-dir-service: stop that instance, or give this one a directory of"
                                + " its own (--state-dir DIR, or the setting state.dir)"),
                        printed);
            }
            first.checkAlive(); // the first one goes on
        }
    }
}
