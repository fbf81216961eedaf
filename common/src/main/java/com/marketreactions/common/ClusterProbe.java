package com.marketreactions.common;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.utils.Utils;

/**
 * The first thing a command does with a cluster: one request, a description of the cluster, through a Kafka admin
 * client with the command's own settings (so TLS and SASL are exercised as the command's clients will use them),
 * answered within a short, stated timeout. Without it a dead broker showed only when a command's first real call
 * gave up: 30 s for a consumer's metadata, 60 s for an admin client's call (its {@code default.api.timeout.ms},
 * which its close waits for too).
 *
 * <p>When the cluster does not answer, the message names every bootstrap server tried and what a plain TCP connect
 * to it found, checked meanwhile (refused, no answer, unknown host, or a port that answers but not as Kafka with
 * these settings), so a wrong port and a wrong {@code security.protocol} read differently.
 */
public final class ClusterProbe {

    /** Time past the timeout for a result the admin client already ended to be handed over. */
    private static final long HAND_OVER_MS = 500;

    private ClusterProbe() {}

    /**
     * Returns once the cluster at {@code clients}' bootstrap servers has described itself, within {@code timeout}.
     *
     * @param timeoutName the setting {@code timeout} comes from, named in the message
     * @throws ClusterUnavailableException no answer within {@code timeout} (the servers tried and what a TCP connect
     *     to each found), or the cluster refused the client (its credentials, its certificate: what to check)
     */
    public static void requireReachable(ClientConfigs clients, Duration timeout, String timeoutName) {
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Map<String, Object> config = new HashMap<>(clients.common());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        String servers = clients.bootstrapServers();
        Admin admin;
        try {
            admin = Admin.create(config);
        } catch (KafkaException e) { // no resolvable address, a trust store that cannot be read, a bad setting
            throw new ClusterUnavailableException(
                    "cannot connect to Kafka at " + servers + ": " + Problems.describe(e) + Problems.securityHint(e),
                    e);
        }
        List<Attempt> attempts = tcpAttempts(servers, ms);
        boolean answered = false;
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms))
                    .clusterId()
                    .get(ms + HAND_OVER_MS, TimeUnit.MILLISECONDS);
            answered = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException("interrupted while connecting to Kafka at " + servers, e);
        } catch (TimeoutException e) {
            throw noAnswer(servers, timeout, timeoutName, attempts, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw noAnswer(servers, timeout, timeoutName, attempts, e);
            }
            throw new ClusterUnavailableException(
                    "Kafka at " + servers + " refused the connection: " + Problems.describe(e)
                            + Problems.securityHint(e),
                    e);
        } finally {
            // nothing is pending after an answer; after none, nothing more is worth waiting for
            admin.close(answered ? Duration.ofSeconds(5) : Duration.ZERO);
            attempts.forEach(a -> a.result().cancel(true));
        }
    }

    private static ClusterUnavailableException noAnswer(
            String servers, Duration timeout, String timeoutName, List<Attempt> attempts, Exception cause) {
        List<String> found = new ArrayList<>();
        boolean listening = false;
        for (Attempt a : attempts) {
            String outcome;
            try {
                outcome = a.result().get(HAND_OVER_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = "not checked";
            } catch (ExecutionException | TimeoutException e) {
                outcome = "no TCP answer";
            }
            listening |= outcome.equals(ACCEPTS);
            found.add(a.server() + " (" + outcome + ")");
        }
        String hint = listening
                ? "is that port a Kafka listener, and is security.protocol (--client-config) the one it expects?"
                : "is the broker running? check --bootstrap-servers";
        return new ClusterUnavailableException(
                "no answer from Kafka within " + seconds(timeout) + " (" + timeoutName + "); tried "
                        + String.join(", ", found) + ": " + hint,
                cause);
    }

    private static final String ACCEPTS = "accepts connections but gave no Kafka answer";

    /** A TCP connect to one bootstrap server, under way while the admin client waits. */
    private record Attempt(String server, CompletableFuture<String> result) {}

    private static List<Attempt> tcpAttempts(String servers, int timeoutMs) {
        List<Attempt> attempts = new ArrayList<>();
        for (String raw : servers.split(",")) {
            String server = raw.trim();
            if (server.isEmpty()) {
                continue;
            }
            String host = Utils.getHost(server);
            Integer port = Utils.getPort(server);
            if (host == null || port == null) {
                attempts.add(new Attempt(server, CompletableFuture.completedFuture("is no host:port")));
                continue;
            }
            CompletableFuture<String> result = new CompletableFuture<>();
            Thread t = new Thread(() -> result.complete(tcpConnect(host, port, timeoutMs)), "probe-" + server);
            t.setDaemon(true); // never keeps the JVM up: a connect ends by its own timeout
            t.start();
            attempts.add(new Attempt(server, result));
        }
        return attempts;
    }

    /** What a plain TCP connect finds at {@code host:port}: whether anything listens there at all. */
    static String tcpConnect(String host, int port, int timeoutMs) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMs);
            return ACCEPTS;
        } catch (UnknownHostException e) {
            return "unknown host";
        } catch (ConnectException e) {
            return "connection refused";
        } catch (NoRouteToHostException e) {
            return "no route to host";
        } catch (SocketTimeoutException e) {
            return "no TCP answer";
        } catch (IOException e) {
            return Problems.describe(e);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : (d.toMillis() / 1000.0) + " s";
    }
}
