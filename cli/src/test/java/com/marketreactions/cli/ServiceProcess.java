package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.core.ConditionTimeoutException;

/**
 * {@code reactions serve} in a child JVM, from the packaged jar, so a test can kill it the hard way
 * (SIGKILL) or the polite way (SIGTERM) and start it again on the same state directory. Tests close it (a
 * try-with-resources or a finally block), which a test's timeout also runs; a child still running when the test
 * JVM exits is killed by a shutdown hook.
 */
final class ServiceProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("reactions.jar", "target/reactions.jar"));
    /** The children still running, for the shutdown hook. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> RUNNING.forEach(p -> {
                            p.descendants().forEach(ProcessHandle::destroyForcibly);
                            p.destroyForcibly();
                        }),
                        "kill-service-processes"));
    }

    private final Process process;
    private final Path log;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code serve} against the given cluster; settings come as environment, as in a deployment. */
    static ServiceProcess start(String bootstrap, String registry, Map<String, String> env, Path log)
            throws IOException {
        return start(env, log, "--bootstrap-servers", bootstrap, "--registry-url", registry);
    }

    /** Starts {@code serve} with these flags (where the cluster is) and settings as environment. */
    static ServiceProcess start(Map<String, String> env, Path log, String... flags) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the integration tests with "
                    + "./mvnw verify, which packages it first");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(
                List.of(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toString(), "serve"));
        cmd.addAll(List.of(flags));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("REACTIONS_"));
        pb.environment().putAll(env);
        Process process = pb.start();
        RUNNING.add(process);
        process.onExit().thenRun(() -> RUNNING.remove(process));
        return new ServiceProcess(process, log);
    }

    /** Throws if the service has exited, with the end of its log. */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    "the service exited with " + process.exitValue() + "; its log ends:\n" + tail());
        }
    }

    /** SIGKILL: no shutdown hook, no commit, no clean close. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then the exit code, or null if it did not exit within {@code limit}. */
    Integer terminate(Duration limit) throws InterruptedException {
        process.destroy();
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** The exit code once the service has ended by itself, or null if it is still running after {@code limit}. */
    Integer awaitExit(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Asks {@code probe} every {@code interval} (in this thread, so it may use a consumer) until {@code done} holds
     * for its answer, and returns that answer; fails at once if the service exits meanwhile, and with the end of
     * its log if {@code atMost} passes first.
     */
    <T> T await(String what, Duration atMost, Duration interval, Callable<T> probe, Predicate<? super T> done) {
        try {
            return Waits.await(what)
                    .atMost(atMost)
                    .pollInSameThread()
                    .pollInterval(interval)
                    .until(
                            () -> {
                                checkAlive();
                                return probe.call();
                            },
                            done);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; log:\n" + tail(), e);
        }
    }

    /** Waits until the application has committed at least {@code atLeast} offsets of {@code topic}; returns how many. */
    static long awaitCommitted(
            ClientConfigs clients, String appId, String topic, long atLeast, ServiceProcess service) {
        try (Admin admin = Admin.create(clients.common())) {
            return service.await(
                    "the service committing " + atLeast + " offsets of " + topic,
                    Duration.ofMinutes(2),
                    Duration.ofMillis(20),
                    () -> admin
                            .listConsumerGroupOffsets(appId)
                            .partitionsToOffsetAndMetadata()
                            .get(10, TimeUnit.SECONDS)
                            .entrySet()
                            .stream()
                            .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                            .mapToLong(e -> e.getValue().offset())
                            .sum(),
                    sum -> sum >= atLeast);
        }
    }
}
