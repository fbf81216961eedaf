package com.marketreactions.common.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A running Kafka cluster and schema registry on 127.0.0.1 that this process started and owns, as the
 * commands use it. The one implementation is the embedded stack, which the CLI loads only when a command
 * needs it ({@link LocalStackProvider}), so that the broker's jars stay off the application's class path.
 */
public interface LocalStack extends AutoCloseable {

    /** "127.0.0.1:PORT" for Kafka clients, every broker's address when there are several. */
    String bootstrapServers();

    /** The registry's server root "http://127.0.0.1:PORT"; append /apis/ccompat/v7 for the Confluent API. */
    String registryUrl();

    /** Where the brokers' logs, the registry database and the registry log are. */
    Path dataDir();

    /**
     * One line per broker node when they run in processes of their own, e.g.
     * "broker 2: 127.0.0.1:9093, pid 4711, log /tmp/x/kafka-2.log"; empty with the one broker in this JVM.
     */
    List<String> brokerNodes();

    /**
     * A secured stack's client properties file (Java client and Confluent registry client names) with its CA
     * certificate as {@code ca.pem} beside it; empty for a plaintext stack.
     */
    default Optional<Path> clientConfig() {
        return Optional.empty();
    }

    /** Stops the registry and the brokers, each bounded in time, and deletes the data unless kept. Idempotent. */
    @Override
    void close();
}
