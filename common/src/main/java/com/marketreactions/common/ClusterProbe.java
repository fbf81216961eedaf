package com.marketreactions.common;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
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
 * these settings), so a wrong port and a wrong {@code security.protocol} read differently. A plaintext port that
 * answers a Kafka request in HTTP (the registry's port given as a broker) is refused at once, before the admin client
 * reads "HTTP" as the size of a 1.2 GB answer and dies of an OutOfMemoryError with a stack trace.
 */
public final class ClusterProbe {

    /** Time past the timeout for a result the admin client already ended to be handed over. */
    private static final long HAND_OVER_MS = 500;

    private static final String ACCEPTS = "accepts connections but gave no Kafka answer";
    private static final String HTTP = "answers HTTP, not Kafka";

    /** Longest wait for a plaintext port to show it speaks HTTP before the admin client is let near it. */
    private static final long SNIFF_WAIT_MS = 1000;

    /**
     * A Kafka ApiVersions request, version 0, with client id "reactions-probe": size 25, api key 18, version 0,
     * correlation id 1, then the client id as a 16-bit length and its bytes; the body of version 0 is empty.
     */
    private static final byte[] API_VERSIONS_REQUEST = apiVersionsRequest();

    private ClusterProbe() {}

    /**
     * Returns once the cluster at {@code clients}' bootstrap servers has described itself, within {@code timeout}.
     *
     * @param timeoutName the setting {@code timeout} comes from, named in the message
     * @throws ClusterUnavailableException no answer within {@code timeout} (the servers tried and what a TCP connect
     *     to each found), or the cluster refused the client (its credentials, its certificate: what to check)
     */
    public static void requireReachable(ClientConfigs clients, Duration timeout, String timeoutName) {
        long start = System.nanoTime();
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Map<String, Object> config = new HashMap<>(clients.common());
        String servers = clients.bootstrapServers();
        String protocol = String.valueOf(config.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT"))
                .trim()
                .toUpperCase(Locale.ROOT);
        boolean plaintext = protocol.equals("PLAINTEXT") || protocol.equals("SASL_PLAINTEXT");
        List<Attempt> attempts =
                tcpAttempts(servers, start + TimeUnit.MILLISECONDS.toNanos(ms - HAND_OVER_MS), plaintext);
        if (plaintext) {
            refuseHttp(servers, attempts, start + TimeUnit.MILLISECONDS.toNanos(Math.min(SNIFF_WAIT_MS, ms / 2)));
        }
        // what is left of the timeout: the whole command waits the time its message states
        int left = (int) Math.max(1, ms - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, left);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, left);
        Admin admin;
        try {
            admin = Admin.create(config);
        } catch (KafkaException e) { // no resolvable address, a trust store that cannot be read, a bad setting
            attempts.forEach(a -> a.result().cancel(true));
            throw new ClusterUnavailableException(
                    "cannot connect to Kafka at " + servers + ": " + Problems.describe(e) + Problems.securityHint(e),
                    e);
        }
        boolean answered = false;
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(left))
                    .clusterId()
                    .get(left + HAND_OVER_MS, TimeUnit.MILLISECONDS);
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

    /**
     * Fails at once when a bootstrap server answers HTTP (a registry's or a web server's port given by mistake): a
     * Kafka client would read "HTTP" as the size of a 1.2 GB response and fail its thread with an OutOfMemoryError.
     * Waits for the TCP attempts until {@code deadline} at most; one still under way is left to the admin client.
     */
    private static void refuseHttp(String servers, List<Attempt> attempts, long deadline) {
        for (Attempt a : attempts) {
            try {
                String outcome = a.result().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (outcome.equals(HTTP)) {
                    attempts.forEach(other -> other.result().cancel(true));
                    throw new ClusterUnavailableException(
                            "no Kafka at " + servers + ": " + a.server() + " " + HTTP
                                    + " (a schema registry's or a web server's port?); check --bootstrap-servers",
                            null);
                }
            } catch (TimeoutException e) {
                return;
            } catch (ExecutionException e) {
                // no outcome for this one: the admin client finds out
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A TCP connect to one bootstrap server, under way while the admin client waits. */
    private record Attempt(String server, CompletableFuture<String> result) {}

    /** @param deadline {@link System#nanoTime()} by which every attempt has an outcome */
    private static List<Attempt> tcpAttempts(String servers, long deadline, boolean plaintext) {
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
            Thread t =
                    new Thread(() -> result.complete(tcpConnect(host, port, deadline, plaintext)), "probe-" + server);
            t.setDaemon(true); // never keeps the JVM up: a connect and a read end by their own timeouts
            t.start();
            attempts.add(new Attempt(server, result));
        }
        return attempts;
    }

    /**
     * What a plain TCP connect finds at {@code host:port}: whether anything listens there at all and, on a plaintext
     * listener, whether it answers a Kafka request (ApiVersions, which a broker answers before any authentication)
     * in HTTP.
     */
    static String tcpConnect(String host, int port, long deadline, boolean plaintext) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), millisTo(deadline));
            if (!plaintext) {
                return ACCEPTS;
            }
            s.getOutputStream().write(API_VERSIONS_REQUEST);
            s.getOutputStream().flush();
            s.setSoTimeout(millisTo(deadline));
            byte[] first = s.getInputStream().readNBytes(4);
            return new String(first, StandardCharsets.US_ASCII).equals("HTTP") ? HTTP : ACCEPTS;
        } catch (UnknownHostException e) {
            return "unknown host";
        } catch (ConnectException e) {
            return "connection refused";
        } catch (NoRouteToHostException e) {
            return "no route to host";
        } catch (SocketTimeoutException e) {
            return e.getMessage() != null && e.getMessage().contains("Read") ? ACCEPTS : "no TCP answer";
        } catch (IOException e) {
            return Problems.describe(e);
        }
    }

    private static int millisTo(long deadline) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static byte[] apiVersionsRequest() {
        byte[] clientId = "reactions-probe".getBytes(StandardCharsets.US_ASCII);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 2 + 2 + 4 + 2 + clientId.length);
        b.putInt(2 + 2 + 4 + 2 + clientId.length)
                .putShort((short) 18)
                .putShort((short) 0)
                .putInt(1)
                .putShort((short) clientId.length)
                .put(clientId);
        return b.array();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : (d.toMillis() / 1000.0) + " s";
    }
}
