package com.marketreactions.common.stack;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run a {@link LocalStack}. Plain data: the implementation checks the values and says what is wrong
 * with a {@link LocalStackException}.
 *
 * @param kafkaPort broker port on 127.0.0.1 (the first broker's with several); 0 picks a free one
 * @param registryPort registry HTTP port on 127.0.0.1; 0 picks a free one
 * @param dataDir where broker logs, registry database and registry log go; null creates a temporary dir
 * @param keepData false deletes {@code dataDir} on close
 * @param registryStartTimeout how long to wait for the registry to answer; null means the implementation's
 *        default
 * @param brokers how many Kafka brokers: one runs in this JVM, more run each in a process of its own
 * @param secure SASL over TLS on the broker and an authenticated registry on TLS, with a client properties file
 */
public record LocalStackOptions(
        int kafkaPort,
        int registryPort,
        Path dataDir,
        boolean keepData,
        Duration registryStartTimeout,
        int brokers,
        boolean secure) {

    /** Free ports, a temporary data dir deleted on close, one broker. */
    public static LocalStackOptions temporary(Duration registryStartTimeout) {
        return new LocalStackOptions(0, 0, null, false, registryStartTimeout, 1, false);
    }
}
