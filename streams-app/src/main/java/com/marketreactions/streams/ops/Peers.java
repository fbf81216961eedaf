package com.marketreactions.streams.ops;

import com.marketreactions.common.Problems;
import com.marketreactions.common.RecordChecks;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
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
 *
 * <p>A failure's message names the instance, its status and what it said (quoted, cut short): it is for this
 * instance's log, never for the client's reply.
 */
final class Peers {

    static final String LOCAL = "local=true";

    /**
     * The most bytes read of another instance's answer: twice the most an instance sends for a list
     * ({@link Answer#MAX_LIST_BYTES}; a chart is a few hundred KB), so a healthy instance's answer always fits, and
     * one that misbehaves (or a stranger at its address) costs this instance at most this much memory per question.
     */
    static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

    /** The instance asked is starting or its store is moving in a rebalance: the question may be asked again. */
    static final class NotReady extends IOException {
        NotReady(String message) {
            super(message);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * This instance's JSON array with every other instance's local answer to {@code path} spliced in, truncated when
     * any part was. Not cut again: each part is at most {@link Answer#MAX_LIST_BYTES} from a healthy instance and
     * {@link #MAX_ANSWER_BYTES} from any, so the whole is bounded by that times the number of instances, which the
     * operator chooses.
     */
    Answer gathered(HttpExchange ex, ReactionQueries q, HostInfo self, Answer local, String path)
            throws IOException, InterruptedException {
        if (isLocal(ex)) {
            return local;
        }
        StringBuilder merged = new StringBuilder(local.json());
        boolean truncated = local.truncated();
        for (HostInfo other : q.others(self)) {
            Answer part = forward(other, path);
            if (part == null) {
                continue;
            }
            truncated |= part.truncated();
            String json = part.json();
            if (json.length() > 2) { // not "[]": splice the arrays together
                merged.setLength(merged.length() - 1);
                merged.append(merged.length() > 1 ? "," : "").append(json, 1, json.length());
            }
        }
        return new Answer(merged.toString(), truncated);
    }

    /**
     * Asks another instance for its local answer ({@code local=true}: no further forwarding); null when it has
     * nothing there (its 404 is this instance's 404, not a failure to answer).
     *
     * @throws NotReady it answered 503
     * @throws IOException it did not answer, answered another error, or more than {@link #MAX_ANSWER_BYTES}
     */
    Answer forward(HostInfo to, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + to.host() + ":" + to.port() + path + "?" + LOCAL);
        HttpResponse<InputStream> r;
        try {
            r = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IOException(uri + " did not answer: " + Problems.describe(e), e);
        }
        String body = bounded(uri, r.body());
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() == 503) {
            throw new NotReady(uri + " answered 503: " + RecordChecks.quote(body.strip()));
        }
        if (r.statusCode() != 200) {
            throw new IOException(uri + " answered " + r.statusCode() + ": " + RecordChecks.quote(body.strip()));
        }
        boolean truncated =
                r.headers().firstValue(Answer.TRUNCATED).map("true"::equals).orElse(false);
        return new Answer(body, truncated);
    }

    /** {@code in} as UTF-8, failing when it is longer than {@link #MAX_ANSWER_BYTES}: the rest is not read. */
    private static String bounded(URI from, InputStream in) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (bytes.length > MAX_ANSWER_BYTES) {
                throw new IOException(from + " answered more than " + MAX_ANSWER_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
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
