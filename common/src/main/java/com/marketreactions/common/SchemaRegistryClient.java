package com.marketreactions.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLHandshakeException;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Confluent Schema Registry REST API, the one Confluent's registry, Apicurio's
 * {@code /apis/ccompat/v7}, Karapace and Redpanda all serve (where, {@link #apiBase()}): register a schema under a subject, find a schema by
 * id, look a schema or a version up under a subject, check a schema against a subject's compatibility rule, set
 * that rule. Answers are cached for the life of the client (a schema id never changes
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

    /** The URL as given: the API root, or a server root that serves the API at its root or under Apicurio's path. */
    private final String url;

    private final RegistryOptions options;
    private final HttpClient http;
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<Registration, Integer> ids = new ConcurrentHashMap<>();
    /** The API root, once known ({@link #apiBase()}). */
    private volatile String base;

    private record Registration(String subject, Schema schema) {}

    /** A schema as a subject holds it: its id (the same under every subject) and its version under this one. */
    public record Registered(String subject, int id, int version, Schema schema) {}

    /** One try of a request: its result, or null after setting {@code failure[0]} to what is worth retrying. */
    @FunctionalInterface
    private interface Attempt<T> {
        T attempt(String[] failure) throws IOException, InterruptedException;
    }

    /**
     * @param url the root of the Confluent API (e.g. {@code http://127.0.0.1:8081}, {@code
     *     https://psrc-0000.us-east-2.aws.confluent.cloud}, {@code http://127.0.0.1:8080/apis/ccompat/v7}); a URL
     *     without a path whose root does not serve the API is taken for an Apicurio server, whose API is under
     *     {@value RegistrySerdes#CCOMPAT_API} ({@link #apiBase()})
     */
    public SchemaRegistryClient(String url, RegistryOptions options) {
        this.url = RegistrySerdes.stripSlash(url);
        this.options = options;
        HttpClient.Builder b =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(options.requestTimeout());
        if (options.ssl() != null) {
            b.sslContext(options.ssl());
        }
        this.http = b.build();
        String path = URI.create(this.url).getPath();
        if (path != null && !path.isEmpty()) {
            base = this.url; // a path names the API's root itself
        }
    }

    /**
     * The root of the Confluent API. For a URL without a path, found with one request: the server's {@code GET
     * /config} answers the API's compatibility object when the API is at its root (Confluent's registry, Karapace,
     * Redpanda); Apicurio's server answers 404 there, and serves the API under {@value RegistrySerdes#CCOMPAT_API}
     * (earlier versions took its server root and always appended that path, so such a setting still works).
     */
    public String apiBase() {
        String b = base;
        if (b == null) {
            synchronized (this) {
                if (base == null) {
                    base = retrying("GET /config", url, failure -> {
                        HttpResponse<String> r =
                                http.send(request(url + "/config", "GET", null), HttpResponse.BodyHandlers.ofString());
                        int status = r.statusCode();
                        JsonNode body = json(r.body());
                        if (status / 100 == 2 && body != null && body.has("compatibilityLevel")) {
                            return url;
                        }
                        if (status == 401 || status == 403) {
                            throw refused("GET /config", url, status, body);
                        }
                        if (status == 404) {
                            return url + RegistrySerdes.CCOMPAT_API;
                        }
                        failure[0] = "HTTP " + status + (body == null ? " with a body that is not JSON" : "");
                        return null;
                    });
                    LOG.debug("schema registry API at {}", base);
                }
                b = base;
            }
        }
        return b;
    }

    /**
     * The id of {@code schema} under {@code subject}, registering it when the subject does not have it yet. Asks
     * first, as Confluent's serializer does with {@code use.latest.version}: a registry that lets this client read
     * but not write (schemas registered by an administrator) then serves it as well.
     */
    public int register(String subject, Schema schema) {
        Registration r = new Registration(subject, schema);
        Integer id = ids.get(r);
        if (id != null) {
            return id;
        }
        Optional<Registered> known = lookup(subject, schema);
        return known.isPresent() ? known.get().id() : add(subject, schema);
    }

    /** Registers {@code schema} under {@code subject}, which a {@link #lookup} found without it; returns its id. */
    public int add(String subject, Schema schema) {
        JsonNode answer =
                call("POST", "/subjects/" + encode(subject) + "/versions", Map.of("schema", schema.toString()));
        int registered = answer.path("id").asInt(-1);
        if (registered < 0) {
            throw new SchemaRegistryException(
                    "schema registry at " + apiBase() + " registered a schema under " + subject + " but named no id: "
                            + answer,
                    false);
        }
        ids.put(new Registration(subject, schema), registered);
        schemas.putIfAbsent(registered, schema); // records written with it are then read without asking
        return registered;
    }

    /** {@code schema} as {@code subject} holds it, or empty when the subject does not have it (or does not exist). */
    public Optional<Registered> lookup(String subject, Schema schema) {
        JsonNode answer = callOrAbsent("POST", "/subjects/" + encode(subject), Map.of("schema", schema.toString()));
        if (answer == null) {
            return Optional.empty();
        }
        Registered found = registered(subject, answer, schema);
        ids.put(new Registration(subject, schema), found.id());
        schemas.putIfAbsent(found.id(), schema);
        return Optional.of(found);
    }

    /** Version {@code version} of {@code subject} ({@code latest} or a number), or empty when it has none such. */
    public Optional<Registered> version(String subject, String version) {
        JsonNode answer = callOrAbsent("GET", "/subjects/" + encode(subject) + "/versions/" + encode(version), null);
        if (answer == null) {
            return Optional.empty();
        }
        Registered found =
                registered(subject, answer, parse(answer, answer.path("id").asInt(-1)));
        schemas.putIfAbsent(found.id(), found.schema());
        return Optional.of(found);
    }

    /**
     * Why {@code subject}'s compatibility rule refuses {@code schema} against its latest version, in the registry's
     * words: empty when it accepts it, or when the subject is new.
     */
    public List<String> incompatibilities(String subject, Schema schema) {
        JsonNode answer = callOrAbsent(
                "POST",
                "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                Map.of("schema", schema.toString()));
        if (answer == null
                || !answer.has("is_compatible")
                || answer.get("is_compatible").asBoolean()) {
            return List.of();
        }
        List<String> why = new ArrayList<>();
        answer.path("messages").forEach(m -> why.add(m.asText()));
        return why.isEmpty() ? List.of("the registry's compatibility check refused it, giving no reason") : why;
    }

    private Registered registered(String subject, JsonNode answer, Schema schema) {
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException(
                    "schema registry at " + apiBase() + " answered about " + subject + " without an id: " + answer,
                    false);
        }
        return new Registered(subject, id, answer.path("version").asInt(-1), schema);
    }

    private static Schema parse(JsonNode answer, int id) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new SchemaRegistryException("schema id " + id + " is a " + type + " schema, not Avro", false);
        }
        return new Schema.Parser().parse(answer.path("schema").asText());
    }

    /** The schema registered with {@code id}. */
    public Schema schema(int id) {
        Schema s = schemas.get(id);
        if (s != null) {
            return s;
        }
        JsonNode answer = call("GET", "/schemas/ids/" + id, null);
        Schema parsed = parse(answer, id);
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
        return call(method, path, payload, false);
    }

    /** {@link #call}, or null when the registry answers 404: the subject, version or schema asked for is not there. */
    private JsonNode callOrAbsent(String method, String path, Object payload) {
        JsonNode answer = call(method, path, payload, true);
        return answer.isMissingNode() ? null : answer;
    }

    private JsonNode call(String method, String path, Object payload, boolean absentIsAnAnswer) {
        String api = apiBase();
        HttpRequest request = request(api + path, method, payload);
        return retrying(method + " " + path, api, failure -> {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = json(response.body());
            int status = response.statusCode();
            if (status / 100 == 2 && body != null) {
                return body;
            }
            if (status == 404 && body != null && absentIsAnAnswer) {
                return MissingNode.getInstance();
            }
            if (status == 401 || status == 403 || (status != 429 && status / 100 == 4 && body != null)) {
                throw refused(method + " " + path, api, status, body);
            }
            failure[0] = "HTTP " + status + (body == null ? " with a body that is not the registry's JSON" : "");
            return null;
        });
    }

    private static SchemaRegistryException refused(String what, String at, int status, JsonNode body) {
        return new SchemaRegistryException(
                "schema registry at " + at + " refused " + what + ": HTTP " + status
                        + (body == null ? "" : " " + body.path("message").asText(body.toString()))
                        + (status == 401 || status == 403
                                ? " (check its credentials: basic.auth.user.info or bearer.auth.token in "
                                        + "--client-config, registry.basic.auth.user.info or registry.bearer.auth.token)"
                                : ""),
                false);
    }

    /**
     * Tries {@code attempt} until it gives a result, for at most the retry time: on no answer (a refused
     * connection, a timeout) or an answer {@code attempt} says is worth retrying, with a growing pause.
     */
    private <T> T retrying(String what, String at, Attempt<T> attempt) {
        long start = System.nanoTime();
        long deadline = start + options.retryFor().toNanos();
        long pause = FIRST_PAUSE_MS;
        long lastWarn = 0;
        for (int n = 1; ; n++) {
            String[] failure = {"no answer"};
            try {
                T result = attempt.attempt(failure);
                if (result != null) {
                    return result;
                }
            } catch (SSLHandshakeException e) { // no retry makes a certificate trusted
                throw new SchemaRegistryException(
                        "schema registry at " + at + ": TLS handshake failed (" + e.getMessage() + "); does the trust "
                                + "store, schema.registry.ssl.truststore.* in --client-config or registry.ssl.truststore.*,"
                                + " hold its CA?",
                        false);
            } catch (IOException e) { // a refused connection, a timeout (HttpTimeoutException), a closed connection
                failure[0] = e.getMessage() == null
                        ? e.getClass().getSimpleName()
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                throw new SchemaRegistryException(
                        "schema registry at " + at + " did not answer " + what + " within "
                                + options.retryFor().toSeconds() + " s (" + n + " attempts; last: " + failure[0] + ")",
                        true);
            }
            if (now - lastWarn >= Duration.ofSeconds(10).toNanos()) {
                LOG.warn(
                        "schema registry at {}: {} failed ({}); retrying for up to {} s",
                        at,
                        what,
                        failure[0],
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

    private HttpRequest request(String target, String method, Object payload) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target))
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
