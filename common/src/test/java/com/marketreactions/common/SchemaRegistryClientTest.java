package com.marketreactions.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.schema.StockTick;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The registry client against a small HTTP server on 127.0.0.1 that answers as a registry would, or does not:
 * what a real registry cannot be made to do on demand (hang, fail for a while, refuse credentials). That the
 * serdes work against a real registry is what every integration test on the embedded stack shows.
 */
@org.junit.jupiter.api.Timeout(60) // a client without its own timeouts would hang here
class SchemaRegistryClientTest {

    private static final RegistryOptions QUICK =
            new RegistryOptions(null, null, Duration.ofMillis(300), Duration.ofSeconds(3));

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch never = new CountDownLatch(1);

    /** How the fake registry answers a request: status and body, or null to never answer. */
    interface Answer {
        String[] of(HttpExchange ex, int n) throws IOException;
    }

    private static final StockTick TICK = StockTick.newBuilder()
            .setSymbol("AMZN")
            .setTs(Instant.parse("2025-11-03T14:31:00Z"))
            .setPrice(254.0)
            .setSize(100)
            .build();

    private static final String[] NOT_FOUND = {"404", "{\"error_code\": 40403, \"message\": \"Schema not found\"}"};

    /** The fake registry's API root: a path, so that the client takes it as it is. */
    private static final String API = "/api";

    private String start(Answer answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger n = new AtomicInteger();
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " "
                    + ex.getRequestHeaders().getFirst("Authorization"));
            String[] a = answer.of(ex, n.incrementAndGet());
            if (a == null) {
                try {
                    never.await(); // holds the request open: the client must give up on it by itself
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            byte[] body = a[1].getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(Integer.parseInt(a[0]), body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        never.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aRequestTheRegistryNeverAnswersIsAbandonedAndRetried() throws IOException {
        String url = start((ex, n) -> n == 1 ? null : new String[] {"200", "{\"id\": 7}"});
        SchemaRegistryClient client = new SchemaRegistryClient(url + API, QUICK);
        assertEquals(7, client.register("ticks-value", StockTick.getClassSchema()));
        assertEquals(2, requests.size(), requests.toString());
        assertEquals(7, client.register("ticks-value", StockTick.getClassSchema()), "cached");
        assertEquals(2, requests.size(), "a registered schema is not registered again");
    }

    @Test
    void aRegistryThatNeverAnswersFailsTheCallNamingItAfterTheRetryTime() throws IOException {
        String url = start((ex, n) -> n % 2 == 0 ? new String[] {"503", "<html>busy</html>"} : null);
        SchemaRegistryClient client = new SchemaRegistryClient(url + API, QUICK);
        long t = System.nanoTime();
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.schema(3));
        assertTrue(e.unavailable());
        assertTrue(
                e.getMessage().contains(url) && e.getMessage().contains("did not answer GET /schemas/ids/3"),
                e.getMessage());
        assertTrue(requests.size() >= 3, "retried: " + requests);
        assertTrue(System.nanoTime() - t < Duration.ofSeconds(30).toNanos(), "bounded by the retry time");
    }

    @Test
    void anAnswerOfTheRegistryIsNotRetried() throws IOException {
        String url =
                start((ex, n) -> new String[] {"404", "{\"error_code\": 40403, \"message\": \"Schema not found\"}"});
        SchemaRegistryClient client = new SchemaRegistryClient(url + API, QUICK);
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.schema(42));
        assertFalse(e.unavailable());
        assertTrue(e.getMessage().contains("HTTP 404 Schema not found"), e.getMessage());
        assertEquals(1, requests.size());
    }

    @Test
    void credentialsGoInEveryRequestAndARefusalIsNotRetried() throws IOException {
        String url = start((ex, n) -> new String[] {"401", "Unauthorized"});
        SchemaRegistryClient client = new SchemaRegistryClient(
                url + API, RegistryOptions.of(Map.of(RegistryOptions.USER_INFO, "reactions:s3cret")));
        assertThrows(SchemaRegistryException.class, () -> client.compatibility("news-value", "BACKWARD"));
        assertEquals(List.of("PUT /api/config/news-value Basic cmVhY3Rpb25zOnMzY3JldA=="), requests);
    }

    /**
     * A URL without a path: the API at the server's root (Confluent's registry, Karapace, Redpanda answer {@code GET
     * /config}) or, where the root has no such resource, under Apicurio's {@code /apis/ccompat/v7}; found once.
     */
    @Test
    void aServerRootIsTheApiWhereItAnswersElseApicuriosPathUnderIt() throws IOException {
        String confluent = start((ex, n) -> ex.getRequestURI().getPath().equals("/config")
                ? new String[] {"200", "{\"compatibilityLevel\": \"BACKWARD\"}"}
                : new String[] {"200", "{\"id\": 5}"});
        SchemaRegistryClient atRoot = new SchemaRegistryClient(confluent + "/", QUICK);
        assertEquals(5, atRoot.register("news-value", StockTick.getClassSchema()));
        assertEquals(confluent, atRoot.apiBase());
        assertEquals(List.of("GET /config null", "POST /subjects/news-value null"), requests);
        stop();
        requests.clear();

        String apicurio = start((ex, n) -> ex.getRequestURI().getPath().startsWith("/apis/ccompat/v7/")
                ? new String[] {"200", "{\"id\": 6}"}
                : new String[] {"404", "{\"detail\": \"Could not find resource\"}"});
        SchemaRegistryClient server = new SchemaRegistryClient(apicurio, QUICK);
        assertEquals(6, server.register("news-value", StockTick.getClassSchema()));
        assertEquals(6, server.register("ticks-value", StockTick.getClassSchema()));
        assertEquals(apicurio + "/apis/ccompat/v7", server.apiBase());
        assertEquals(
                List.of(
                        "GET /config null",
                        "POST /apis/ccompat/v7/subjects/news-value null",
                        "POST /apis/ccompat/v7/subjects/ticks-value null"),
                requests,
                "the server is asked where its API is once");
    }

    @Test
    void anUnknownRegistrySettingIsRefusedByName() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> RegistryOptions.of(Map.of("basic.auth.user.infos", "a:b")));
        assertTrue(e.getMessage().contains("registry.basic.auth.user.infos"), e.getMessage());
    }

    @Test
    void theSerdesWriteTheConfluentWireFormatAndReadItBack() throws IOException {
        String schema = new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(Map.of("schema", StockTick.getClassSchema().toString()));
        String url = start((ex, n) -> ex.getRequestURI().getPath().endsWith("/versions")
                ? new String[] {"200", "{\"id\": 258}"}
                : ex.getRequestMethod().equals("POST") ? NOT_FOUND : new String[] {"200", schema});
        Serde<StockTick> serde = new RegistrySerdes(new SchemaRegistryClient(url + API, QUICK)).avro(StockTick.class);
        StockTick tick = TICK;
        byte[] bytes = serde.serializer().serialize("ticks", tick);
        assertArrayEquals(new byte[] {0, 0, 0, 1, 2}, java.util.Arrays.copyOf(bytes, 5), "byte 0, then id 258");
        assertEquals(tick, serde.deserializer().deserialize("ticks", bytes));
        assertEquals(
                List.of("POST /api/subjects/ticks-value null", "POST /api/subjects/ticks-value/versions null"),
                requests,
                "the schema it registered is read back without asking");
        org.apache.kafka.common.errors.SerializationException e = assertThrows(
                org.apache.kafka.common.errors.SerializationException.class,
                () -> serde.deserializer()
                        .deserialize("ticks", "{\"symbol\":\"AMZN\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("not in the Confluent wire format"), e.getMessage());
    }

    /** A producer still on the first StockTick (size a long) goes on working: its records read through the promotion. */
    @Test
    void aTickWrittenWithTheFirstSchemaReadsWithItsWholeSizeAsADouble() throws IOException {
        org.apache.avro.Schema v1;
        try (java.io.InputStream in = getClass().getResourceAsStream("/schema-history/StockTick-1.avsc")) {
            v1 = new org.apache.avro.Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(
                org.apache.avro.Schema.Type.LONG, v1.getField("size").schema().getType());
        String schema =
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("schema", v1.toString()));
        String url = start(
                (ex, n) -> ex.getRequestURI().getPath().endsWith("/ids/5") ? new String[] {"200", schema} : NOT_FOUND);
        org.apache.avro.generic.GenericRecord old = new org.apache.avro.generic.GenericData.Record(v1);
        old.put("symbol", "AMZN");
        old.put("ts", TICK.getTs().toEpochMilli());
        old.put("price", 254.0);
        old.put("size", 100L);
        old.put("venue", null);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(new byte[] {0, 0, 0, 0, 5}); // the Confluent framing: byte 0, then schema id 5
        org.apache.avro.io.BinaryEncoder e =
                org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
        new org.apache.avro.generic.GenericDatumWriter<org.apache.avro.generic.GenericRecord>(v1).write(old, e);
        e.flush();
        Serde<StockTick> serde = new RegistrySerdes(new SchemaRegistryClient(url + API, QUICK)).avro(StockTick.class);
        assertEquals(TICK, serde.deserializer().deserialize("ticks", out.toByteArray()));
    }

    @Test
    void aServiceReadsAndWritesItsSchemasWithoutTheRegistryOnceRegistered() throws IOException {
        String url = start((ex, n) -> ex.getRequestMethod().equals("POST")
                ? new String[] {"200", "{\"id\": " + n + "}"}
                : new String[] {"200", "{}"});
        Topics topics = Topics.create("t.", new RegistrySerdes(new SchemaRegistryClient(url + API, QUICK)));
        SchemaRegistration.registerAll(ClientConfigs.of("127.0.0.1:9", url + API), topics);
        server.stop(0); // the registry goes away
        StockTick tick = TICK;
        byte[] bytes = topics.ticks.valueSerde().serializer().serialize(topics.ticks.name(), tick);
        assertEquals(tick, topics.ticks.valueSerde().deserializer().deserialize(topics.ticks.name(), bytes));
    }

    @Test
    void aSubjectIsAskedBeforeItIsWrittenAndARefusalIsInTheRegistrysWords() throws IOException {
        String latest = new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(Map.of(
                        "subject",
                        "t.news-value",
                        "id",
                        9,
                        "version",
                        3,
                        "schema",
                        StockTick.getClassSchema().toString()));
        String url = start((ex, n) -> {
            String path = ex.getRequestURI().getPath();
            if (path.startsWith(API + "/compatibility/")) {
                return new String[] {"200", "{\"is_compatible\": false, \"messages\": [\"field 'x' has no default\"]}"};
            }
            return path.endsWith("/versions/latest") ? new String[] {"200", latest} : NOT_FOUND;
        });
        SchemaRegistryClient client = new SchemaRegistryClient(url + API, QUICK);
        assertEquals(Optional.empty(), client.lookup("t.news-value", StockTick.getClassSchema()));
        assertEquals(
                Optional.of(new SchemaRegistryClient.Registered("t.news-value", 9, 3, StockTick.getClassSchema())),
                client.version("t.news-value", "latest"));
        assertEquals(
                List.of("field 'x' has no default"),
                client.incompatibilities("t.news-value", StockTick.getClassSchema()));

        requests.clear();
        Topics topics = Topics.create("t.", new RegistrySerdes(client));
        SchemaRegistryException e = assertThrows(
                SchemaRegistryException.class,
                () -> SchemaRegistration.registerAll(ClientConfigs.of("127.0.0.1:9", url + API), topics));
        assertTrue(
                e.getMessage().contains("t.news-value") && e.getMessage().contains("field 'x' has no default"),
                e.getMessage());
        assertTrue(
                requests.stream().noneMatch(r -> r.startsWith("PUT") || r.contains("/versions ")), requests.toString());
    }

    @Test
    void schemasAlreadyThereNeedNoWrite() throws IOException {
        String url = start((ex, n) -> ex.getRequestMethod().equals("POST")
                        && !ex.getRequestURI().getPath().endsWith("/versions")
                ? new String[] {"200", "{\"id\": " + n + ", \"version\": 1}"}
                : new String[] {"403", "{\"error_code\": 40301, \"message\": \"read only\"}"});
        Topics topics = Topics.create("t.", new RegistrySerdes(new SchemaRegistryClient(url + API, QUICK)));
        assertEquals(
                5,
                SchemaRegistration.registerAll(ClientConfigs.of("127.0.0.1:9", url + API), topics)
                        .size());
        assertTrue(
                requests.stream().allMatch(r -> r.startsWith("POST /api/subjects/t.") && !r.contains("/versions")),
                requests.toString());
    }
}
