package com.marketreactions.stack;

import com.marketreactions.common.stack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster and schema registry on 127.0.0.1 with no setup: what the CLI's {@code demo} and
 * {@code stack}, the integration tests and the benchmark run against. One broker runs in this JVM
 * ({@link EmbeddedKafka}); several run each in a process of their own ({@link BrokerCluster}), so that one
 * can be killed.
 *
 * <p>Layout of the data dir: {@code kafka/} (the one broker's logs) or {@code kafka-N/} and
 * {@code kafka-N.log} (node N of a cluster), {@code registry/} (registry database), {@code registry.log}
 * (registry output). Closing stops all and deletes the dir unless it is kept.
 */
public final class EmbeddedStack implements LocalStack {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);
    private static final Duration BROKERS_START_TIMEOUT = Duration.ofSeconds(90);

    private final EmbeddedKafka kafka; // null when the brokers are processes
    private final BrokerCluster cluster; // null when one broker runs here
    private volatile EmbeddedRegistry registry; // replaced by restartRegistry
    private final StackSecurity security; // null for a plaintext stack
    private final Path clientConfig; // the secured stack's client properties, else null
    private final Path dataDir;
    private final boolean keepData;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedStack(
            EmbeddedKafka kafka,
            BrokerCluster cluster,
            EmbeddedRegistry registry,
            StackSecurity security,
            Path dataDir,
            boolean keepData) {
        this.kafka = kafka;
        this.cluster = cluster;
        this.registry = registry;
        this.security = security;
        this.dataDir = dataDir;
        this.keepData = keepData;
        this.clientConfig = security == null ? null : writeClientConfig(dataDir.resolve("secure"));
    }

    /**
     * Starts the broker and the registry (the registry boots in its own process while the broker starts
     * here) and returns when both answer.
     *
     * @throws StackException for what the user can fix: a port in use, no JDK 21+, no registry
     *         distribution, a registry not ready in time
     */
    public static EmbeddedStack start(StackOptions options) {
        long t0 = System.nanoTime();
        boolean created = options.dataDir() == null || !Files.exists(options.dataDir());
        Path dataDir = createDataDir(options.dataDir());
        EmbeddedKafka kafka = null;
        BrokerCluster cluster = null;
        EmbeddedRegistry registry = null;
        try {
            StackSecurity security = options.secure() ? StackSecurity.generate(dataDir.resolve("secure")) : null;
            if (options.brokers() == 1) { // checks the port first
                kafka = new EmbeddedKafka(dataDir.resolve("kafka"), options.kafkaPort(), security);
            }
            registry = EmbeddedRegistry.launch(options.registryPort(), dataDir, security);
            if (kafka != null) {
                kafka.start();
            } else {
                cluster = BrokerCluster.start(dataDir, options.brokers(), options.kafkaPort(), BROKERS_START_TIMEOUT);
            }
            long kafkaMs = millisSince(t0);
            registry.awaitReady(options.registryStartTimeout());
            EmbeddedStack stack = new EmbeddedStack(kafka, cluster, registry, security, dataDir, options.keepData());
            log.info(
                    "Stack up in {} ms (Kafka ready after {} ms): Kafka {}, schema registry {}, data in {}",
                    millisSince(t0),
                    kafkaMs,
                    stack.bootstrapServers(),
                    registry.url(),
                    dataDir);
            return stack;
        } catch (RuntimeException e) {
            if (registry != null) {
                registry.close();
            }
            if (kafka != null) {
                kafka.stop();
            }
            if (cluster != null) {
                cluster.close();
            }
            if (created && !options.keepData()) { // never delete a dir the user had before on a failed start
                deleteRecursively(dataDir);
            }
            throw e;
        }
    }

    /** "127.0.0.1:PORT" for Kafka clients, every broker's address when there are several. */
    @Override
    public String bootstrapServers() {
        return kafka != null ? kafka.bootstrapServers() : cluster.bootstrapServers();
    }

    /** The registry's server root "http://127.0.0.1:PORT"; append /apis/registry/v3 or /apis/ccompat/v7. */
    @Override
    public String registryUrl() {
        return registry.url();
    }

    /** The one broker, e.g. to stop and start it again in a restart test. */
    public EmbeddedKafka kafka() {
        if (kafka == null) {
            throw new IllegalStateException("this stack's brokers are processes of their own: see cluster()");
        }
        return kafka;
    }

    /** The brokers of a stack started with several, e.g. to kill one in a failover test. */
    public BrokerCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("this stack has one broker, in this JVM: see kafka()");
        }
        return cluster;
    }

    public EmbeddedRegistry registry() {
        return registry;
    }

    /** Stops the registry, as an outage would; {@link #restartRegistry} brings it back. */
    public void stopRegistry() {
        registry.close();
    }

    /**
     * Starts the registry again on the same port and database (same URL, same schemas and ids) and waits until it
     * answers. A no-op while it runs.
     */
    public void restartRegistry(Duration timeout) {
        EmbeddedRegistry stopped = registry;
        if (stopped.isAlive()) {
            return;
        }
        registry = EmbeddedRegistry.start(URI.create(stopped.url()).getPort(), dataDir, security, timeout);
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public List<String> brokerNodes() {
        return cluster == null
                ? List.of()
                : cluster.nodes().stream()
                        .map(n -> "broker " + n.nodeId() + ": " + n.bootstrapServers() + ", pid " + n.pid() + ", log "
                                + n.logFile())
                        .toList();
    }

    @Override
    public Optional<Path> clientConfig() {
        return Optional.ofNullable(clientConfig);
    }

    /** The secured stack's user, password and trust; null for a plaintext stack. */
    public StackSecurity security() {
        return security;
    }

    /**
     * The properties a client of the secured stack needs, as Confluent's clients and this project's
     * {@code --client-config} read them, in {@code dir/client.properties}, readable by its owner only.
     */
    private Path writeClientConfig(Path dir) {
        Path file = dir.resolve("client.properties");
        String text = String.join(
                "\n",
                "# The embedded stack's secured cluster, written at its start (the password changes at every start).",
                "# Java clients and ./reactions --client-config take this file as it is; other clients trust ca.pem.",
                "bootstrap.servers=" + bootstrapServers(),
                "security.protocol=SASL_SSL",
                "sasl.mechanism=PLAIN",
                "sasl.jaas.config=" + security.clientJaas(),
                "ssl.truststore.location=" + security.trustStore(),
                "ssl.truststore.type=PKCS12",
                "ssl.truststore.password=" + security.storePassword(),
                "schema.registry.url=" + registryUrl() + EmbeddedRegistry.CONFLUENT_API, // any client's, as it is
                "basic.auth.credentials.source=USER_INFO",
                "basic.auth.user.info=" + security.user() + ":" + security.password(),
                "schema.registry.ssl.truststore.location=" + security.trustStore(),
                "schema.registry.ssl.truststore.type=PKCS12",
                "schema.registry.ssl.truststore.password=" + security.storePassword(),
                "");
        StackSecurity.writeSecret(file, text.replace("\\", "\\\\")); // a backslash is an escape there
        return file;
    }

    /** Stops the registry and the broker, each bounded in time, and deletes the data unless kept. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            registry.close();
        } finally {
            if (kafka != null) {
                kafka.stop();
            } else {
                cluster.close();
            }
            if (!keepData) {
                deleteRecursively(dataDir);
            }
        }
    }

    private static Path createDataDir(Path requested) {
        try {
            return requested == null
                    ? Files.createTempDirectory("reactions-stack-")
                    : Files.createDirectories(requested.toAbsolutePath());
        } catch (IOException e) {
            throw new StackException(
                    "Cannot create the data directory "
                            + (requested == null ? "in " + System.getProperty("java.io.tmpdir") : requested) + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete the stack's data directory {}: {}", dir, e.getMessage());
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
