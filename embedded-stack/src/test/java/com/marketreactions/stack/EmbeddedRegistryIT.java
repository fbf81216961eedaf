package com.marketreactions.stack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The registry child process: its failure message, and that it never outlives its parent. */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // each test; the slowest took 11 s in a full build
class EmbeddedRegistryIT {

    @TempDir
    Path tmp;

    @Test
    void notReadyInTimeIsOneLineWithTheLogAndLeavesNoProcess() {
        StackException e =
                assertThrows(StackException.class, () -> EmbeddedRegistry.start(0, tmp, Duration.ofMillis(300)));

        assertTrue(e.getMessage().startsWith("Schema registry at http://127.0.0.1:"), e.getMessage());
        assertTrue(
                e.getMessage().contains("not ready within 0.3 s; log " + tmp.resolve("registry.log")), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void registryDiesWithAParentKilledBySigkill() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process parent = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-D" + EmbeddedRegistry.HOME_PROPERTY + "=" + EmbeddedRegistry.findHome(),
                        RegistryHolder.class.getName(),
                        tmp.toString())
                .redirectError(tmp.resolve("holder.log").toFile())
                .start();
        long registryPid = -1;
        try {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream()))) {
                String line = out.readLine(); // the pid, printed once the registry answers
                assertNotNull(line, () -> "holder JVM failed: " + read(tmp.resolve("holder.log")));
                registryPid = Long.parseLong(line.trim());
            }
            long pid = registryPid;
            List<ProcessHandle> all = parent.descendants().toList();
            assertEquals(2, all.size(), "the registry and its watchdog: " + all);
            assertTrue(all.stream().anyMatch(p -> p.pid() == pid && p.isAlive()), "registry is running");

            parent.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no close()

            await().atMost(Duration.ofSeconds(20)).until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            parent.destroyForcibly();
            ProcessHandle.of(registryPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /**
     * Stands in for a CLI or test JVM that gets killed: starts a registry, prints its pid, waits until the test
     * kills it (as a crash would) or its standard input closes, which happens when the test JVM itself is gone
     * without having killed it: then this process must not stay behind, registry and all.
     */
    public static final class RegistryHolder {
        public static void main(String[] args) throws IOException {
            EmbeddedRegistry registry = EmbeddedRegistry.start(0, Path.of(args[0]), Duration.ofSeconds(90));
            System.out.println(registry.pid());
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream()); // nothing comes: returns when the pipe closes
            registry.close();
        }
    }
}
