package com.marketreactions.stack;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run an {@link EmbeddedStack}.
 *
 * @param kafkaPort broker port on 127.0.0.1; 0 picks a free one
 * @param registryPort registry HTTP port on 127.0.0.1; 0 picks a free one
 * @param dataDir where broker logs, registry database and registry log go; null creates a temporary dir
 * @param keepData false deletes {@code dataDir} on close
 * @param registryStartTimeout how long to wait for the registry to answer; null means 60 s
 * @param brokers how many Kafka brokers: one runs in this JVM, more run each in its own process
 *        ({@link BrokerCluster}); with a fixed {@code kafkaPort} the others take the ports after it
 * @param secure SASL/PLAIN over TLS on the broker, HTTPS with basic authentication on the registry, and a client
 *        properties file for both ({@link StackSecurity}); one broker only
 */
public record StackOptions(
        int kafkaPort,
        int registryPort,
        Path dataDir,
        boolean keepData,
        Duration registryStartTimeout,
        int brokers,
        boolean secure) {

    /** Most brokers a stack runs: more would not fit a developer's machine, and prove nothing three do not. */
    public static final int MAX_BROKERS = 9;

    public StackOptions {
        if (brokers < 1 || brokers > MAX_BROKERS) {
            throw new StackException("the stack runs 1 to " + MAX_BROKERS + " brokers, not " + brokers);
        }
        if (secure && brokers > 1) {
            throw new StackException("a secured stack runs one broker, not " + brokers);
        }
        checkPort(kafkaPort, "Kafka");
        checkPort(registryPort, "Registry");
        if (registryStartTimeout == null) {
            registryStartTimeout = Duration.ofSeconds(60);
        } else if (registryStartTimeout.isNegative() || registryStartTimeout.isZero()) {
            throw new IllegalArgumentException("registryStartTimeout must be positive: " + registryStartTimeout);
        }
    }

    /** A plaintext stack. */
    public StackOptions(
            int kafkaPort,
            int registryPort,
            Path dataDir,
            boolean keepData,
            Duration registryStartTimeout,
            int brokers) {
        this(kafkaPort, registryPort, dataDir, keepData, registryStartTimeout, brokers, false);
    }

    /** One broker in this JVM. */
    public StackOptions(
            int kafkaPort, int registryPort, Path dataDir, boolean keepData, Duration registryStartTimeout) {
        this(kafkaPort, registryPort, dataDir, keepData, registryStartTimeout, 1);
    }

    /** Free ports, a temporary data dir deleted on close, 60 s for the registry, one broker. */
    public static StackOptions defaults() {
        return new StackOptions(0, 0, null, false, null);
    }

    public StackOptions withBrokers(int count) {
        return new StackOptions(kafkaPort, registryPort, dataDir, keepData, registryStartTimeout, count, secure);
    }

    private static void checkPort(int port, String what) {
        if (port < 0 || port > 65_535) {
            throw new StackException(what + " port " + port + " is not a valid port (0-65535, 0 = any free port)");
        }
    }
}
