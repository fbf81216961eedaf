package com.marketreactions.stack;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One node of a {@link BrokerCluster} in a JVM of its own ({@link BrokerMain}, see {@link #childClassPath}), so
 * that a test can kill it with SIGKILL and start it again on its data. The child stops when this JVM closes
 * the pipe to its standard input, which also happens when this JVM dies. Its output goes to
 * {@code kafka-N.log} next to its data.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);

    private final BrokerSpec spec;
    private final Path logFile;
    private Process process;
    private OutputStream lifeline;

    BrokerProcess(BrokerSpec spec) {
        this.spec = spec;
        this.logFile = spec.logDir().resolveSibling(spec.logDir().getFileName() + ".log");
    }

    static Path readyFile(BrokerSpec spec) {
        return spec.logDir().resolveSibling(spec.logDir().getFileName() + ".ready");
    }

    /** Launches the node's JVM and returns at once; {@link #awaitReady} waits for it to serve. */
    public synchronized void launch() {
        if (process != null && process.isAlive()) {
            return;
        }
        Ports.requireFree(spec.port(), "Kafka");
        try {
            Files.createDirectories(spec.logDir());
            Files.deleteIfExists(readyFile(spec));
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(
                    java,
                    "-Xmx384m",
                    "-XX:+UseSerialGC",
                    // the broker's own warnings and errors, not its info lines
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp",
                    childClassPath(),
                    BrokerMain.class.getName()));
            command.addAll(spec.toArgs());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
            process = builder.start();
            lifeline = process.getOutputStream();
        } catch (IOException e) {
            throw new StackException(
                    "Cannot start Kafka broker " + spec.nodeId() + " on " + bootstrapServers() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * This JVM's class path, and the stack's own jars when a class loader of their own holds them (the CLI
     * loads the stack so; the jar's manifest names the rest), for the node's JVM to find the broker.
     */
    static String childClassPath() {
        List<String> entries = new ArrayList<>(List.of(System.getProperty("java.class.path")));
        if (BrokerProcess.class.getClassLoader() instanceof URLClassLoader loader) {
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new StackException("Cannot pass the stack's class path entry " + url + " to a broker", e);
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Waits until the node serves.
     *
     * @throws StackException if its JVM exits or the time runs out first
     */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Process p = processOrFail();
        try {
            while (!Files.exists(readyFile(spec))) {
                if (!p.isAlive()) {
                    throw new StackException("Kafka broker " + spec.nodeId() + " exited with code " + p.exitValue()
                            + " while starting; log " + logFile + ": " + LogTail.of(logFile, 5));
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new StackException(
                            "Kafka broker " + spec.nodeId() + " on " + bootstrapServers() + " was not ready within "
                                    + timeout.toSeconds() + " s; log " + logFile + ": " + LogTail.of(logFile, 5));
                }
                p.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS); // the poll interval, cut short by an exit
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting for Kafka broker " + spec.nodeId(), e);
        }
    }

    /** Launches the node and waits until it serves. */
    public void start(Duration timeout) {
        launch();
        awaitReady(timeout);
    }

    /** SIGKILL: no shutdown, no flush; its data is as a power cut leaves it. */
    public synchronized void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A clean stop: the pipe closes, the node shuts down (bounded in time), then the JVM exits. */
    @Override
    public synchronized void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            lifeline.close();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int nodeId() {
        return spec.nodeId();
    }

    /** "127.0.0.1:PORT" of this node alone. */
    public String bootstrapServers() {
        return spec.bootstrapServers();
    }

    public long pid() {
        return processOrFail().pid();
    }

    public Path logFile() {
        return logFile;
    }

    private synchronized Process processOrFail() {
        if (process == null) {
            throw new IllegalStateException("Kafka broker " + spec.nodeId() + " was never launched");
        }
        return process;
    }
}
