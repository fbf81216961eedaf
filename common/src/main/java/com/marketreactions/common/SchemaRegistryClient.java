package com.marketreactions.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Confluent Schema Registry REST API, the one Confluent's registry, Apicurio's
 * {@code /apis/ccompat/v7}, Karapace and Redpanda all serve: register a schema under a subject, find a schema by
 * id, set a subject's compatibility. Answers are cached for the life of the client (a schema id never changes
 * meaning).
 *
 * <p>Every request has a timeout ({@link RegistryOptions#requestTimeout}). A registry that does not answer, answers
 * 5xx or 429, or answers with a page that is not the API's JSON (a proxy's error page) is retried with a growing
 * pause for {@link RegistryOptions#retryFor}; then the call fails naming the registry and the last failure. An
 * answer of the registry itself (an unknown id, an incompatible schema, a refused credential) is not retried.
 * Apicurio's own client, used before, had no request timeout: one request the registry never answered held a
 * thread for good.
 */
public final class SchemaRegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final long FIRST_PAUSE_MS = 200;
    private static final long MAX_PAUSE_MS = 5_000;

    private final String base;
    private final RegistryOptions options;
    private final HttpClient http;
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<Registration, Integer> ids = new ConcurrentHashMap<>();

    private record Registration(String subject, Schema schema) {}

    /** @param apiBase the root of the Confluent API, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7} */
    public SchemaRegistryClient(String apiBase, RegistryOptions options) {
        this.base = RegistrySerdes.stripSlash(apiBase);
        this.options = options;
        HttpClient.Builder b =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(options.requestTimeout());
        if (options.ssl() != null) {
            b.sslContext(options.ssl());
        }
        this.http = b.build();
    }

    public String apiBase() {
        return base;
    }

    /** The id of {@code schema} under {@code subject}, registering it when the subject does not have it yet. */
    public int register(String subject, Schema schema) {
        Registration r = new Registration(subject, schema);
        Integer id = ids.get(r);
        if (id != null) {
            return id;
        }
        JsonNode answer =
                call("POST", "/subjects/" + encode(subject) + "/versions", Map.of("schema", schema.toString()));
        int registered = answer.path("id").asInt(-1);
        if (registered < 0) {
            throw new SchemaRegistryException(
                    "schema registry at " + base + " registered a schema under " + subject + " but named no id: "
                            + answer,
                    false);
        }
        ids.put(r, registered);
        return registered;
    }

    /** The schema registered with {@code id}. */
    public Schema schema(int id) {
        Schema s = schemas.get(id);
        if (s != null) {
            return s;
        }
        JsonNode answer = call("GET", "/schemas/ids/" + id, null);
        String type = answer.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new SchemaRegistryException("schema id " + id + " is a " + type + " schema, not Avro", false);
        }
        Schema parsed = new Schema.Parser().parse(answer.path("schema").asText());
        schemas.put(id, parsed);
        return parsed;
    }

    /** Sets the compatibility level of {@code subject} (e.g. {@code BACKWARD}). */
    public void compatibility(String subject, String level) {
        call("PUT", "/config/" + encode(subject), Map.of("compatibility", level));
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode call(String method, String path, Object payload) {
        HttpRequest request = request(method, path, payload);
        long start = System.nanoTime();
        long deadline = start + options.retryFor().toNanos();
        long pause = FIRST_PAUSE_MS;
        long lastWarn = 0;
        for (int attempt = 1; ; attempt++) {
            String failure;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                JsonNode body = json(response.body());
                int status = response.statusCode();
                if (status / 100 == 2 && body != null) {
                    return body;
                }
                if (status == 401 || status == 403 || (status != 429 && status / 100 == 4 && body != null)) {
                    throw new SchemaRegistryException(
                            "schema registry at " + base + " refused " + method + " " + path + ": HTTP " + status
                                    + (body == null
                                            ? ""
                                            : " " + body.path("message").asText(body.toString())),
                            false);
                }
                failure = "HTTP " + status + (body == null ? " with a body that is not the registry's JSON" : "");
            } catch (IOException e) { // a refused connection, a timeout (HttpTimeoutException), a closed connection
                failure = e.getMessage() == null
                        ? e.getClass().getSimpleName()
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                throw new SchemaRegistryException(
                        "schema registry at " + base + " did not answer " + method + " " + path + " within "
                                + options.retryFor().toSeconds() + " s (" + attempt + " attempts; last: " + failure
                                + ")",
                        true);
            }
            if (now - lastWarn >= Duration.ofSeconds(10).toNanos()) {
                LOG.warn(
                        "schema registry at {}: {} {} failed ({}); retrying for up to {} s",
                        base,
                        method,
                        path,
                        failure,
                        options.retryFor().toSeconds());
                lastWarn = now;
            }
            try {
                // backoff between attempts, bounded by the retry deadline
                Thread.sleep(Math.min(pause, Math.max(1, (deadline - now) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
            pause = Math.min(MAX_PAUSE_MS, pause * 2);
        }
    }

    private HttpRequest request(String method, String path, Object payload) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(options.requestTimeout())
                .header("Accept", CONTENT_TYPE);
        if (options.authorization() != null) {
            b.header("Authorization", options.authorization());
        }
        if (payload == null) {
            return b.GET().build();
        }
        try {
            return b.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(payload)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a registry request as JSON: " + e.getMessage(), e);
        }
    }

    /** The body as JSON, or null when it is not (an HTML error page of a server in front of the registry). */
    private static JsonNode json(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n == null || n.isMissingNode() || !n.isObject() ? null : n;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
