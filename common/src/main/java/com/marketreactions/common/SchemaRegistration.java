package com.marketreactions.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.NewsImpact;
import com.marketreactions.schema.StockTick;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Registers the value schemas of the topics under the usual {@code <topic>-value} subjects, with
 * BACKWARD compatibility, through the registry's Confluent-compatible API. Registering up front lets a
 * consumer in any language fetch the contract before the first record exists.
 */
public final class SchemaRegistration {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaRegistration() {}

    /** Subject name to schema, for every Avro-valued topic. */
    public static Map<String, Schema> subjects(Topics topics) {
        Map<String, Schema> s = new LinkedHashMap<>();
        s.put(topics.news.name() + "-value", NewsEvent.getClassSchema());
        s.put(topics.ticks.name() + "-value", StockTick.getClassSchema());
        s.put(topics.reactions.name() + "-value", MarketReaction.getClassSchema());
        s.put(topics.impact.name() + "-value", NewsImpact.getClassSchema());
        s.put(topics.study.name() + "-value", com.marketreactions.schema.EventStudy.getClassSchema());
        return s;
    }

    /** @return subject to registered schema id */
    public static Map<String, Integer> registerAll(String registryRoot, Topics topics) {
        String base = RegistrySerdes.stripSlash(registryRoot) + RegistrySerdes.CCOMPAT_API;
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, Integer> ids = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Schema> e : subjects(topics).entrySet()) {
                String subject = e.getKey();
                send(http, "PUT", base + "/config/" + subject, Map.of("compatibility", "BACKWARD"));
                String body = send(
                        http,
                        "POST",
                        base + "/subjects/" + subject + "/versions",
                        Map.of("schema", e.getValue().toString()));
                ids.put(subject, JSON.readTree(body).path("id").asInt());
            }
        } catch (IOException e) {
            throw new ClusterUnavailableException(
                    "cannot register schemas at " + base + ": "
                            + (e.getMessage() != null
                                    ? e.getMessage()
                                    : e.getClass().getSimpleName())
                            + " (is the registry running? check --registry-url)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering schemas", e);
        }
        return ids;
    }

    private static String send(HttpClient http, String method, String url, Object payload)
            throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(payload)))
                .build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() / 100 != 2) {
            throw new IOException(method + " " + url + " answered " + resp.statusCode() + ": " + resp.body());
        }
        return resp.body();
    }
}
