package com.marketreactions.streams.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Another instance as {@link Peers} reaches it, played by a small HTTP server: what it answers is read up to a bound,
 * and what it says when it fails goes to this instance's log, quoted on one line, never to the client's reply.
 */
class PeersTest {

    /** What the other instance answers. */
    private record Reply(int status, byte[] body, Map<String, String> headers) {}

    private final Peers peers = new Peers();
    private HttpServer other;
    private HostInfo at;
    private volatile Reply reply;

    @BeforeEach
    void start() throws IOException {
        other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", ex -> {
            Reply r = reply;
            r.headers().forEach((name, value) -> ex.getResponseHeaders().set(name, value));
            ex.sendResponseHeaders(r.status(), r.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            } catch (IOException e) {
                // the client stopped reading: what it does beyond its bound
            }
        });
        other.start();
        at = new HostInfo("127.0.0.1", other.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        other.stop(0);
    }

    @Test
    void anAnswerWithinTheBoundIsReadWithWhetherItWasCut() throws Exception {
        reply = new Reply(200, bytes("[{\"a\":1}]"), Map.of(Answer.TRUNCATED, "true"));
        Answer a = peers.forward(at, "/reactions/ticker/X");
        assertEquals("[{\"a\":1}]", a.json());
        assertTrue(a.truncated());

        reply = new Reply(200, bytes("[]"), Map.of());
        assertFalse(peers.forward(at, "/reactions/ticker/X").truncated());

        reply = new Reply(404, bytes("nothing here\n"), Map.of());
        assertNull(peers.forward(at, "/chart/n1/X"), "its 404 is nothing there, not a failure");
    }

    @Test
    void anAnswerLargerThanTheBoundFailsThatCall() {
        byte[] huge = new byte[Peers.MAX_ANSWER_BYTES + 64 * 1024];
        Arrays.fill(huge, (byte) 'x');
        reply = new Reply(200, huge, Map.of());
        IOException e = assertThrows(IOException.class, () -> peers.forward(at, "/reactions/ticker/X"));
        assertFalse(e instanceof Peers.NotReady, e.toString());
        assertTrue(e.getMessage().contains("answered more than " + Peers.MAX_ANSWER_BYTES + " bytes"), e.getMessage());
    }

    @Test
    void anErrorBodyIsLoggedQuotedOnOneLineAndNeverReplied() {
        reply = new Reply(500, bytes("secret\r\ninternal \u001b[31mdetail"), Map.of());
        IOException e = assertThrows(IOException.class, () -> peers.forward(at, "/reactions/ticker/X"));
        assertTrue(e.getMessage().contains(at.host() + ":" + at.port()), "names the instance: " + e.getMessage());
        assertTrue(e.getMessage().contains("answered 500: 'secret internal  [31mdetail'"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
        assertEquals("the instance that holds the data did not answer; try again\n", OpsServer.peerFailure(e));

        reply = new Reply(503, bytes("secret: the store is moving"), Map.of());
        Peers.NotReady later = assertThrows(Peers.NotReady.class, () -> peers.forward(at, "/reactions/ticker/X"));
        assertTrue(later.getMessage().contains("answered 503: 'secret: the store is moving'"), later.getMessage());
        assertEquals("the instance that holds the data is not ready; try again\n", OpsServer.peerFailure(later));
    }

    @Test
    void anInstanceThatDoesNotAnswerIsNamedForTheLog() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        HostInfo gone = new HostInfo("127.0.0.1", closed);
        IOException e = assertThrows(IOException.class, () -> peers.forward(gone, "/study"));
        assertTrue(e.getMessage().startsWith("http://127.0.0.1:" + closed + "/study"), e.getMessage());
        assertEquals("the instance that holds the data did not answer; try again\n", OpsServer.peerFailure(e));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
