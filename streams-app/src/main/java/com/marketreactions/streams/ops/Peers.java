package com.marketreactions.streams.ops;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The other instances of the application, as the queries reach them: a question for data another instance holds is
 * forwarded to it, marked {@value #LOCAL} so that it answers from its own stores and forwards no further; a question
 * over all data gathers every instance's local answer.
 */
final class Peers {

    static final String LOCAL = "local=true";

    /** The instance asked is starting or its store is moving in a rebalance: the question may be asked again. */
    static final class NotReady extends IOException {
        NotReady(String message) {
            super(message);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** This instance's JSON array with every other instance's local answer to {@code path} spliced in. */
    String gathered(HttpExchange ex, ReactionQueries q, HostInfo self, String local, String path)
            throws IOException, InterruptedException {
        if (isLocal(ex)) {
            return local;
        }
        StringBuilder merged = new StringBuilder(local);
        for (HostInfo other : q.others(self)) {
            String part = forward(other, path);
            if (part != null && part.length() > 2) { // not "[]": splice the arrays together
                merged.setLength(merged.length() - 1);
                merged.append(merged.length() > 1 ? "," : "").append(part, 1, part.length());
            }
        }
        return merged.toString();
    }

    /**
     * Asks another instance for its local answer ({@code local=true}: no further forwarding); null when it has
     * nothing there (its 404 is this instance's 404, not a failure to answer).
     */
    String forward(HostInfo to, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + to.host() + ":" + to.port() + path + "?" + LOCAL);
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() == 503) {
            throw new NotReady(uri + " is not ready: " + r.body().strip());
        }
        if (r.statusCode() != 200) {
            throw new IOException(
                    uri + " answered " + r.statusCode() + ": " + r.body().strip());
        }
        return r.body();
    }

    /** The request came from another instance: answer from this one's stores only. */
    static boolean isLocal(HttpExchange ex) {
        String q = ex.getRequestURI().getRawQuery();
        return q != null && q.contains(LOCAL);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
