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
 */
public record StackOptions(int kafkaPort, int registryPort, Path dataDir, boolean keepData,
                           Duration registryStartTimeout) {

    public StackOptions {
        checkPort(kafkaPort, "Kafka");
        checkPort(registryPort, "Registry");
        if (registryStartTimeout == null) {
            registryStartTimeout = Duration.ofSeconds(60);
        } else if (registryStartTimeout.isNegative() || registryStartTimeout.isZero()) {
            throw new IllegalArgumentException("registryStartTimeout must be positive: " + registryStartTimeout);
        }
    }

    /** Free ports, a temporary data dir deleted on close, 60 s for the registry. */
    public static StackOptions defaults() {
        return new StackOptions(0, 0, null, false, null);
    }

    private static void checkPort(int port, String what) {
        if (port < 0 || port > 65_535) {
            throw new StackException(what + " port " + port + " is not a valid port (0-65535, 0 = any free port)");
        }
    }
}
