package com.marketreactions.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real KRaft Kafka node running in this JVM, listening on 127.0.0.1 only: a whole cluster of one
 * (broker and controller in one), or one node of a {@link BrokerCluster} in a JVM of its own. Ports are fixed at construction, so {@link #stop()} then {@link #start()} brings the
 * same broker back on the same address with the same data: topics and records survive.
 *
 * <p>Configured so that idempotent and transactional producers (Streams' exactly_once_v2) work on one
 * node. Topics are not auto-created: whoever uses a topic creates it.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final BrokerSpec spec;
    private KafkaRaftServer server;

    /**
     * A cluster of one node, broker and controller.
     *
     * @param logDir broker data; formatted on first start, reused afterwards
     * @param port client port on 127.0.0.1, 0 for a free one
     */
    public EmbeddedKafka(Path logDir, int port) {
        this(logDir, port, null);
    }

    /** A cluster of one node whose clients connect with SASL/PLAIN over TLS ({@code security} not null). */
    public EmbeddedKafka(Path logDir, int port, StackSecurity security) {
        this(single(logDir, port == 0 ? Ports.free() : Ports.requireFree(port, "Kafka"), security));
    }

    /** One node of a cluster, as {@link BrokerProcess} runs it in a JVM of its own. */
    EmbeddedKafka(BrokerSpec spec) {
        this.spec = spec;
        requireUnlocked(); // fail before the caller starts anything else
    }

    private static BrokerSpec single(Path logDir, int port, StackSecurity security) {
        int controllerPort = Ports.free();
        return new BrokerSpec(
                1,
                port,
                controllerPort,
                "1@" + Ports.HOST + ":" + controllerPort,
                Uuid.randomUuid().toString(),
                1,
                logDir,
                security);
    }

    /** Starts the broker, formatting the storage first if it was never formatted; returns once it serves. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        Ports.requireFree(spec.port(), "Kafka");
        if (spec.isController()) {
            Ports.requireFree(spec.controllerPort(), "Kafka controller");
        }
        requireUnlocked();
        long t0 = System.nanoTime();
        formatIfNeeded();
        KafkaRaftServer s = null;
        try {
            s = new KafkaRaftServer(new KafkaConfig(spec.properties(), false), Time.SYSTEM); // reads meta.properties
            s.startup(); // returns when the broker is unfenced, i.e. ready for clients
        } catch (RuntimeException e) {
            if (s != null) {
                s.shutdown();
            }
            throw new StackException(
                    "Kafka broker failed to start on " + bootstrapServers() + " with data in " + spec.logDir() + ": "
                            + e.getMessage(),
                    e);
        }
        server = s;
        log.debug("Kafka broker up on {} in {} ms", bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** Stops the broker (bounded in time); the data stays, so {@link #start()} resumes it. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        KafkaRaftServer s = server;
        server = null;
        // Shutdown normally takes well under a second; do not let a stuck one hang the caller.
        CompletableFuture<Void> done = CompletableFuture.runAsync(
                () -> {
                    s.shutdown();
                    s.awaitShutdown();
                },
                r -> {
                    Thread t = new Thread(r, "embedded-kafka-shutdown");
                    t.setDaemon(true);
                    t.start();
                });
        try {
            done.get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn(
                    "Kafka broker on {} did not stop within {} s; leaving it behind",
                    bootstrapServers(),
                    SHUTDOWN_TIMEOUT.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Kafka broker on {} failed while stopping: {}", bootstrapServers(), e.toString());
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** "127.0.0.1:PORT", valid before start and across restarts. */
    public String bootstrapServers() {
        return spec.bootstrapServers();
    }

    public int port() {
        return spec.port();
    }

    public Path logDir() {
        return spec.logDir();
    }

    /**
     * Kafka only notices another broker on the same dir once its controller has opened the shared
     * metadata log, which can wreck the running one: check its lock file first.
     */
    private void requireUnlocked() {
        Path lockFile = logDir().resolve(".lock");
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw dirInUse();
            }
            lock.release();
        } catch (OverlappingFileLockException e) { // held by a broker in this JVM
            throw dirInUse();
        } catch (IOException e) {
            throw new StackException(
                    "Cannot check whether Kafka data directory " + logDir() + " is in use: " + e.getMessage(), e);
        }
    }

    private StackException dirInUse() {
        return new StackException("Kafka data directory " + logDir() + " is in use by another running broker");
    }

    private void formatIfNeeded() {
        Path logDir = logDir();
        // Formatting a directory that was already used fails, and would lose its data anyway.
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(spec.nodeId())
                    .setClusterId(spec.clusterId())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(Optional.of(logDir.toString()))
                    .setControllerListenerName(BrokerSpec.CONTROLLER)
                    .run();
        } catch (Exception e) {
            throw new StackException("Cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }
}
