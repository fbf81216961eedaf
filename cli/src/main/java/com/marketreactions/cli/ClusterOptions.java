package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.ClusterProbe;
import com.marketreactions.common.Topics;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** Where the cluster and the registry are, and the config file: shared by every command that talks to Kafka. */
final class ClusterOptions {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterOptions.class);

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,..]",
            description = "Kafka bootstrap servers (default: config bootstrap.servers)")
    String bootstrapServers;

    @Option(
            names = "--registry-url",
            paramLabel = "URL",
            description = "Schema registry: the root of its Confluent API or an Apicurio server's root (default:"
                    + " config registry.url), e.g.%n  http://127.0.0.1:8081")
    String registryUrl;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file overriding the defaults")
    Path config;

    @Option(
            names = "--client-config",
            paramLabel = "FILE",
            description = "Kafka client properties as Confluent's clients take them (bootstrap.servers, "
                    + "security.protocol, sasl.*, ssl.*, schema.registry.url, basic.auth.*); --config, the "
                    + "environment and flags override them")
    Path clientConfig;

    Settings settings() {
        ClientProperties client = null;
        if (clientConfig != null) {
            client = ClientProperties.read(clientConfig);
            for (String key : client.ignored()) {
                LOG.warn("{}: '{}' is not a Kafka client or schema registry key; ignored", clientConfig, key);
            }
        }
        return Settings.load(client, config, System.getenv())
                .with(Settings.BOOTSTRAP, bootstrapServers)
                .with(Settings.REGISTRY, registryUrl);
    }

    /** True when the settings name an external cluster; false means "use the embedded stack". */
    static boolean external(Settings s) {
        boolean kafka = !s.get(Settings.BOOTSTRAP).isBlank();
        boolean registry = !s.get(Settings.REGISTRY).isBlank();
        if (kafka != registry) {
            throw new UserError(
                    "give both --bootstrap-servers and --registry-url (or neither, for the embedded stack)");
        }
        return kafka;
    }

    /**
     * The clients of the external cluster the settings name, once it has answered within {@code connect.timeout}:
     * a dead broker is one line naming the servers tried within seconds, before the command does anything.
     */
    static ClientConfigs reach(Settings s) {
        ClientConfigs clients = s.clients(s.get(Settings.BOOTSTRAP), s.get(Settings.REGISTRY));
        ClusterProbe.requireReachable(clients, s.connectTimeout(), Settings.CONNECT_TIMEOUT.name());
        return clients;
    }

    /** What a command that talks to a running cluster needs: the settings, the clients and the topics. */
    record Connected(Settings settings, ClientConfigs clients, Topics topics) {}

    /** For commands that need a running cluster (no embedded stack): fails with one line when none is given. */
    Connected connect(String command) {
        return connect(command, settings());
    }

    /** As {@link #connect(String)}, with these settings (the options' own, with a command's flags applied). */
    Connected connect(String command, Settings s) {
        if (!external(s)) {
            throw new UserError(command + " needs a cluster: give --bootstrap-servers and --registry-url "
                    + "(start one with ./reactions stack)");
        }
        ClientConfigs clients = reach(s);
        return new Connected(s, clients, Topics.create(s.get(Settings.TOPIC_PREFIX), clients.serdes()));
    }
}
