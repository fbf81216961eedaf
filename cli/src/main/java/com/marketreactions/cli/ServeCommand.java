package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.SchemaRegistration;
import com.marketreactions.common.TopicAdmin;
import com.marketreactions.common.Topics;
import com.marketreactions.streams.app.ReactionApp;
import com.marketreactions.streams.ops.BrokerProbe;
import com.marketreactions.streams.ops.OpsServer;
import com.marketreactions.streams.ops.ReactionFeed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The long-running service. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        header = "Runs the analyzer as a long-running service until SIGTERM.",
        description = {
            "Runs the analyzer against the configured cluster until SIGTERM or Ctrl-C, then shuts down cleanly."
                    + " Start more instances with the same application.id to scale out.",
            "Settings come from a file (--config), the environment (REACTIONS_ and the key in capitals, dots as"
                    + " underscores) and the flags; every key, its default and meaning are in docs/configuration.md."
                    + " Kafka client, Streams and registry properties pass through with the prefixes kafka, streams"
                    + " and registry. Over HTTP: the live page at /, health at /health/live and /health/ready,"
                    + " metrics at /metrics."
        },
        footerHeading = "%nExample (with the flags ./reactions stack prints):%n",
        footer = {
            "  ./reactions serve \\",
            "      --bootstrap-servers 127.0.0.1:9092 \\",
            "      --registry-url http://127.0.0.1:8081"
        })
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ClusterOptions cluster;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "Directory of the local state stores (default: config state.dir, ./state); each instance"
                    + " on one machine needs its own")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        Settings given = cluster.settings().with(Settings.STATE_DIR, stateDir == null ? null : stateDir.toString());
        // a directory another instance holds: one line before anything connects, binds or starts
        StateDirLock.requireFree(Path.of(given.get(Settings.STATE_DIR)), given.get(Settings.APP_ID));
        ClusterOptions.Connected c = cluster.connect("serve", given);
        Settings s = c.settings();
        ClientConfigs clients = c.clients();
        Topics topics = c.topics();
        TopicAdmin.ensureTopics(clients, topics, s.partitions(), s.topicRetention());
        SchemaRegistration.registerAll(clients, topics);
        return serve(s, clients, topics, app -> {});
    }

    /**
     * Runs the service on {@code topics} until SIGTERM / Ctrl-C or until the streams client stops; the
     * HTTP endpoint (health, metrics, queries, the live page) on {@code http.host:http.port}.
     *
     * @param onRunning called once the client is running (the demo's dashboard publishes its sample then)
     * @return the exit code
     */
    static int serve(Settings s, ClientConfigs clients, Topics topics, java.util.function.Consumer<OpsServer> onRunning)
            throws Exception {
        s.checkGuarantee();
        CountDownLatch stopRequested = new CountDownLatch(1);
        Map<String, String> overrides = new HashMap<>(ReactionApp.deadLetterSettings(topics));
        overrides.putAll(s.withPrefix("streams."));
        String appId = overrides.getOrDefault(StreamsConfig.APPLICATION_ID_CONFIG, s.get(Settings.APP_ID));
        Path stateDir = Path.of(overrides.getOrDefault(StreamsConfig.STATE_DIR_CONFIG, s.get(Settings.STATE_DIR)));
        StateDirLock.requireFree(stateDir, appId);
        // bound first: a taken port is reported at once, and Streams must know this instance's address
        Ops ops = bindOps(s, clients);
        ReactionFeed feed = null;
        HostInfo self = ops == null ? null : advertised(s, ops.server().port());
        if (self != null) {
            overrides.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        }
        ReactionApp app;
        try {
            app = new ReactionApp(
                    s.reactionConfig(),
                    topics,
                    ReactionApp.properties(
                            clients, s.get(Settings.APP_ID), Path.of(s.get(Settings.STATE_DIR)), overrides));
        } catch (org.apache.kafka.common.config.ConfigException | IllegalArgumentException e) {
            if (ops != null) {
                ops.close();
            }
            // Kafka Streams refused its settings (a streams.* key, e.g. a commit interval above the transaction
            // timeout)
            throw new UserError("invalid Kafka Streams settings: " + e.getMessage());
        } catch (org.apache.kafka.streams.errors.StreamsException e) {
            if (ops != null) {
                ops.close();
            }
            Path appDir = StateDirLock.appDir(stateDir, appId);
            if (StateDirLock.taken(appDir)) {
                // another instance took the directory since the check above
                throw new UserError(StateDirLock.inUse(appDir, appId));
            }
            throw e;
        }
        try (app) {
            Shutdown.onSignal(
                    () -> {
                        LOG.info("shutdown requested; closing the streams client");
                        stopRequested.countDown();
                    },
                    Duration.ofSeconds(45));
            if (ops != null) {
                ops.server()
                        .attach(
                                app,
                                HostInfo.buildFromEndpoint(overrides.get(StreamsConfig.APPLICATION_SERVER_CONFIG)));
                feed = new ReactionFeed(clients, topics.reactions);
                ops.server().feed(feed);
                ops.server().zone(s.exchangeZone());
            }
            app.start();
            if (app.awaitRunning(Duration.ofMinutes(2))) {
                LOG.info(
                        "serving: application {} on {}, reactions to {}{}",
                        s.get(Settings.APP_ID),
                        clients.bootstrapServers(),
                        topics.reactions.name(),
                        self == null ? "" : "; live page at http://" + self.host() + ":" + self.port() + "/");
                if (ops != null) {
                    onRunning.accept(ops.server());
                }
            } else if (stopRequested.getCount() > 0) {
                LOG.warn("not running after 2 minutes (state {}); still trying", app.state());
            }
            Thread watcher = new Thread(
                    () -> {
                        try {
                            app.awaitStopped();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        stopRequested.countDown();
                    },
                    "streams-watch");
            watcher.setDaemon(true);
            watcher.start();
            stopRequested.await();
            if (app.failure() != null) {
                LOG.error(
                        "the streams client stopped after a failure: {}",
                        app.failure().toString());
                return 1;
            }
        } finally {
            if (feed != null) {
                feed.close();
            }
            if (ops != null) {
                ops.close();
            }
        }
        LOG.info("stopped cleanly");
        return 0;
    }

    /** The HTTP endpoint and the broker probe behind its readiness. */
    private record Ops(OpsServer server, BrokerProbe probe) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            probe.close();
        }
    }

    /**
     * Fails at once, before anything starts, when the HTTP port serve would bind is taken: the demo's live page comes
     * after a whole replay. (Another program may still take it in between; serve then says so the same way.)
     */
    static void checkHttpPort(Settings s) {
        int port = s.httpPort();
        if (port <= 0) {
            return;
        }
        String host = s.get(Settings.HTTP_HOST);
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(host, port));
        } catch (java.io.IOException e) {
            throw new UserError(OpsServer.cannotBind(host, port, e));
        }
    }

    private static Ops bindOps(Settings s, ClientConfigs clients) {
        int port = s.httpPort();
        if (port < 0) {
            return null;
        }
        BrokerProbe probe = new BrokerProbe(clients.common());
        try {
            return new Ops(OpsServer.bind(s.get(Settings.HTTP_HOST), port, probe), probe);
        } catch (IllegalStateException e) {
            probe.close();
            throw new UserError(e.getMessage());
        }
    }

    /** How other instances reach this one: http.host, or this machine's name when bound to every interface. */
    private static HostInfo advertised(Settings s, int port) {
        String host = s.get(Settings.HTTP_HOST);
        if (host.equals("0.0.0.0") || host.equals("::")) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "localhost";
            }
        }
        return new HostInfo(host, port);
    }
}
