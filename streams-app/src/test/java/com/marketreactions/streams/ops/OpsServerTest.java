package com.marketreactions.streams.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the endpoint answers a client that asks wrongly. No Streams client is attached: the method, the path and its
 * encoding are checked before any query, and the queries themselves answer 503 until one is.
 */
class OpsServerTest {

    private final OpsServer ops = OpsServer.bind("127.0.0.1", 0, () -> true);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void close() {
        ops.close();
    }

    @Test
    void everyMethodButGetAndHeadIs405OnEveryEndpoint() throws Exception {
        String[] paths = {"/health/ready", "/metrics", "/reactions/ticker/X", "/reactions/news/n1", "/study", "/"};
        for (String path : paths) {
            for (String method : new String[] {"POST", "DELETE"}) {
                HttpResponse<String> r = send(method, path);
                assertEquals(405, r.statusCode(), method + " " + path);
                assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(null), method + " " + path);
                assertFalse(r.body().contains(method), "the reply does not repeat the method: " + r.body());
            }
        }
    }

    @Test
    void headIsAnsweredWithoutABody() throws Exception {
        HttpResponse<String> r = send("HEAD", "/health/live");
        assertEquals(503, r.statusCode(), "not alive before a Streams client is attached");
        assertEquals("", r.body());
    }

    /** The JDK server refuses a path that is not a valid URI before any handler; either way it is a 400 reply. */
    @Test
    void aBadPercentEncodingIsA400NotADroppedConnection() throws Exception {
        for (String path : new String[] {"/reactions/ticker/%zz", "/reactions/news/%", "/study/%zz", "/chart/%zz/X"}) {
            assertEquals(400, rawStatus(path), path);
        }
    }

    @Test
    void aNotFoundReplyDoesNotRepeatThePath() throws Exception {
        for (String path : new String[] {"/zq-probe-%3Cscript%3E", "/assets/zq-probe-%3Cscript%3E.js"}) {
            HttpResponse<String> r = send("GET", path);
            assertEquals(404, r.statusCode(), path);
            assertFalse(r.body().contains("zq-probe") || r.body().contains("script"), r.body());
        }
    }

    @Test
    void theLivePageShowsTimesInTheExchangesZone() throws Exception {
        assertTrue(send("GET", "/").body().contains("<html lang=\"en\" data-zone=\"America/New_York\">"), "default");
        ops.zone(java.time.ZoneId.of("Europe/London"));
        String page = send("GET", "/").body();
        assertTrue(page.contains("<html lang=\"en\" data-zone=\"Europe/London\">"), "the setting's zone");
        assertFalse(page.contains("{{"), "no placeholder left");
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a request written by hand: the HTTP client refuses to send a path that is not a valid URI. */
    private int rawStatus(String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", ops.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStreamReader reply = new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII);
            String status = new BufferedReader(reply).readLine();
            assertNotNull(status, path + ": the connection closed without a reply");
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
