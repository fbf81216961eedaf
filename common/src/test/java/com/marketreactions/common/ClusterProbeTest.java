package com.marketreactions.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the probe says of a cluster that does not answer: the servers tried, what each is, the timeout used. */
class ClusterProbeTest {

    @Test
    void aPortNothingListensOnIsRefusedWithinTheTimeout() throws IOException {
        int dead = deadPort();
        ClusterUnavailableException e = assertThrows(
                ClusterUnavailableException.class,
                () -> ClusterProbe.requireReachable(
                        ClientConfigs.of("127.0.0.1:" + dead, "http://127.0.0.1:1"), Duration.ofSeconds(1), "t"));
        assertEquals(
                "no answer from Kafka within 1 s (t); tried 127.0.0.1:" + dead
                        + " (connection refused): is the broker running? check --bootstrap-servers",
                e.getMessage());
    }

    @Test
    void aPortThatAcceptsButIsNoKafkaListenerIsToldApart() throws IOException {
        int dead = deadPort();
        // a listener that never answers: a TLS listener to a plaintext client looks the same
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String servers = "127.0.0.1:" + silent.getLocalPort() + ",127.0.0.1:" + dead;
            ClusterUnavailableException e = assertThrows(
                    ClusterUnavailableException.class,
                    () -> ClusterProbe.requireReachable(
                            ClientConfigs.of(servers, "http://127.0.0.1:1"), Duration.ofMillis(1500), "t"));
            assertEquals(
                    "no answer from Kafka within 1.5 s (t); tried 127.0.0.1:" + silent.getLocalPort()
                            + " (accepts connections but gave no Kafka answer), 127.0.0.1:" + dead
                            + " (connection refused): is that port a Kafka listener, and is security.protocol"
                            + " (--client-config) the one it expects?",
                    e.getMessage());
        }
    }

    @Test
    void aPortThatAnswersHttpIsRefusedAtOnceBeforeAKafkaClientReadsItsAnswerAsASize() throws Exception {
        try (ServerSocket web = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (java.net.Socket s = web.accept()) {
                    s.getInputStream().readNBytes(4); // the request's size, then an HTTP server's answer to anything
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the test fails on the message below
                }
            });
            server.setDaemon(true);
            server.start();
            String servers = "127.0.0.1:" + web.getLocalPort();
            long t0 = System.nanoTime();
            ClusterUnavailableException e = assertThrows(
                    ClusterUnavailableException.class,
                    () -> ClusterProbe.requireReachable(
                            ClientConfigs.of(servers, "http://127.0.0.1:1"), Duration.ofSeconds(30), "t"));
            assertEquals(
                    "no Kafka at " + servers + ": " + servers + " answers HTTP, not Kafka (a schema registry's or a web"
                            + " server's port?); check --bootstrap-servers",
                    e.getMessage());
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos(), "at once, not after the 30 s");
        }
    }

    @Test
    void aHostThatDoesNotResolveIsOneLine() {
        ClusterUnavailableException e = assertThrows(
                ClusterUnavailableException.class,
                () -> ClusterProbe.requireReachable(
                        ClientConfigs.of("no-such-host.invalid:9092", "http://127.0.0.1:1"),
                        Duration.ofSeconds(1),
                        "t"));
        assertTrue(e.getMessage().startsWith("cannot connect to Kafka at no-such-host.invalid:9092: "), e.getMessage());
    }

    private static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
