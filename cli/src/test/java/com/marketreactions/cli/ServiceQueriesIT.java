package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.RecordJson;
import com.marketreactions.common.Topics;
import com.marketreactions.producers.files.FilePublisher;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.producers.files.PublishResult;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.app.ReactionApp;
import com.marketreactions.streams.ops.OpsServer;
import com.marketreactions.streams.ops.ReactionFeed;
import com.marketreactions.web.HeadlessChromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Interactive queries across two instances of the service: whichever instance is asked, a ticker's
 * reactions come from the instance that owns it (forwarded), and a news event's from all of them. And the
 * live page of one instance in a real headless Chromium: the list fills while the ticks are processed, with
 * every reaction of both instances, and a reaction's chart draws from the owner's tick history.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // each test; it took 20 s in a full build
class ServiceQueriesIT extends ServiceScenario {

    private static final int PARTITIONS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void anyInstanceAnswersForEveryTickerAndNews() throws Exception {
        ClientConfigs clients = clients();
        Prepared p = prepare("iq.", PARTITIONS);
        Topics topics = p.topics();
        FilePublisher publisher = p.publisher();
        PublishResult news = p.news();
        ReactionConfig config =
                ReactionConfig.defaults().withIdleTimeout(Duration.ofDays(3650)).withEndMarkers(true);

        try (OpsServer opsA = OpsServer.bind("127.0.0.1", 0, () -> true);
                OpsServer opsB = OpsServer.bind("127.0.0.1", 0, () -> true);
                ReactionFeed feedA = new ReactionFeed(clients, topics.reactions);
                ReactionFeed feedB = new ReactionFeed(clients, topics.reactions);
                ReactionApp a = app(config, topics, clients, opsA, "a");
                ReactionApp b = app(config, topics, clients, opsB, "b");
                HeadlessChromium browser = new HeadlessChromium()) {
            opsA.feed(feedA);
            opsB.feed(feedB);
            // the live page of instance B is open before the instances start (its queries answer 503 until they
            // run) and before the first tick
            browser.driver().get("http://127.0.0.1:" + opsB.port() + "/");
            LivePageChecks.waitsQuietlyWhileNotReady(browser);
            a.start();
            b.start();
            EndMarkers.awaitConsumed(
                    clients,
                    "iq-service",
                    topics.news.name(),
                    news.lastOffsets(),
                    Duration.ofMinutes(2),
                    () -> Replay.failIfStopped(a));
            assertEquals("0", browser.js("return document.body.dataset.reactions || '0'"));
            publisher.publish(InputFormat.TICKS, sample().ticks(), false);
            EndMarkers.publish(clients, topics.ticks.name(), PARTITIONS);
            List<MarketReaction> finals = EndMarkers.readUntilEnded(
                            clients, topics.reactions, PARTITIONS, Duration.ofMinutes(3), () -> Replay.failIfStopped(a))
                    .stream()
                    .filter(r -> r.getStatus() == ReactionStatus.FINAL)
                    .toList();
            awaitRunning(a, b);
            LivePageChecks.fillsAndDraws(browser, finals, "aws-openai-wire", "AMZN");

            String baseA = "http://127.0.0.1:" + opsA.port();
            String baseB = "http://127.0.0.1:" + opsB.port();
            Map<String, List<MarketReaction>> byTicker =
                    finals.stream().collect(Collectors.groupingBy(MarketReaction::getTicker));
            for (Map.Entry<String, List<MarketReaction>> e : byTicker.entrySet()) {
                Set<JsonNode> expected = nodes(RecordJson.toJsonArray(e.getValue()));
                String path = "/reactions/ticker/" + e.getKey();
                assertEquals(expected, nodes(get(baseA + path)), "asked A for " + e.getKey());
                assertEquals(expected, nodes(get(baseB + path)), "asked B for " + e.getKey());
                // exactly one instance holds the ticker, so the other one's answer above was forwarded
                boolean onA = !nodes(get(baseA + path + "?local=true")).isEmpty();
                boolean onB = !nodes(get(baseB + path + "?local=true")).isEmpty();
                assertTrue(onA != onB, e.getKey() + " held by A: " + onA + ", by B: " + onB);
            }

            Map<String, List<MarketReaction>> byNews =
                    finals.stream().collect(Collectors.groupingBy(MarketReaction::getNewsId));
            for (Map.Entry<String, List<MarketReaction>> e : byNews.entrySet()) {
                Set<JsonNode> expected = nodes(RecordJson.toJsonArray(e.getValue()));
                assertEquals(expected, nodes(get(baseA + "/reactions/news/" + e.getKey())), e.getKey());
                assertEquals(expected, nodes(get(baseB + "/reactions/news/" + e.getKey())), e.getKey());
            }
            assertEquals("[]", get(baseA + "/reactions/ticker/NOPE"));

            // the event study, gathered from both instances: equal to a batch over the FINALs
            EndMarkers.readUntilEnded(
                    clients, topics.study, PARTITIONS, Duration.ofMinutes(2), () -> Replay.failIfStopped(a));
            Map<String, com.marketreactions.schema.EventStudy> study =
                    com.marketreactions.streams.differential.ReferenceStudy.all(finals);
            for (String base : List.of(baseA, baseB)) {
                Set<JsonNode> got = nodes(get(base + "/study"));
                assertEquals(study.size(), got.size(), "one per group and horizon, asked " + base);
                for (JsonNode n : got) {
                    com.marketreactions.schema.EventStudy e = study.get(
                            n.get("group").asText() + "|" + n.get("horizon").asText());
                    assertEquals(e.getN(), n.get("n").asInt(), n.toString());
                    if (e.getCaar() == null) {
                        assertTrue(n.get("caar").isNull(), n.toString());
                    } else {
                        assertEquals(e.getCaar(), n.get("caar").asDouble(), 1e-12, n.toString());
                    }
                }
                assertEquals(4, nodes(get(base + "/study/story:first")).size(), "story:first over four horizons");
            }
            // ./reactions study, as a user runs it against the service's cluster: the same groups, as JSON lines
            java.nio.file.Path props = java.nio.file.Files.writeString(
                    dir.resolve("study.properties"), "topic.prefix=" + topics.prefix() + "\n");
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.PrintStream was = System.out;
            CliRun run;
            try {
                System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
                run = CliRun.of(
                        "study",
                        "--group",
                        "story:",
                        "--json",
                        "--config",
                        props.toString(),
                        "--bootstrap-servers",
                        stack().bootstrapServers(),
                        "--registry-url",
                        stack().registryUrl());
            } finally {
                System.setOut(was);
            }
            assertEquals(0, run.code(), run.err());
            List<String> lines = out.toString(java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            assertEquals(
                    study.keySet().stream().filter(k -> k.startsWith("story:")).count(),
                    lines.size(),
                    String.join("\n", lines));
            for (String line : lines) {
                JsonNode n = new ObjectMapper().readTree(line);
                assertEquals(
                        study.get(n.get("group").asText() + "|"
                                        + n.get("horizon").asText())
                                .getN(),
                        n.get("n").asInt(),
                        line);
            }

            // the live page shows the study too: its table, and the CAAR paths over the longest horizon
            Waits.await("the live page's study")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> String.valueOf(study.size())
                            .equals(browser.js("return document.body.dataset.study || ''")));
            assertEquals(
                    List.of("all", "story:first", "story:repeat"),
                    ReportBrowserChecks.studyCharts(browser).stream()
                            .map(m -> m.get("group"))
                            .toList());
            assertEquals(
                    List.of(),
                    ReportBrowserChecks.check(browser, "return checks.studyProblems()"),
                    "the event study's table");
            // both: the chart's owner is one of them, so one answers a missing chart locally, the other forwards
            LivePageChecks.endpoints(http, baseA);
            LivePageChecks.endpoints(http, baseB);
            assertEquals(List.of(), LivePageChecks.consoleErrors(browser), "errors in the browser console");
        }
    }

    private ReactionApp app(ReactionConfig config, Topics topics, ClientConfigs clients, OpsServer ops, String name) {
        Map<String, String> settings = new HashMap<>(ReactionApp.deadLetterSettings(topics));
        settings.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + ops.port());
        ReactionApp app = new ReactionApp(
                config, topics, ReactionApp.properties(clients, "iq-service", dir.resolve("state-" + name), settings));
        ops.attach(app, new HostInfo("127.0.0.1", ops.port()));
        return app;
    }

    private static void awaitRunning(ReactionApp... apps) throws InterruptedException {
        for (ReactionApp app : apps) {
            assertTrue(app.awaitRunning(Duration.ofMinutes(1)), "state " + app.state());
        }
    }

    private String get(String url) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }

    private static Set<JsonNode> nodes(String jsonArray) throws Exception {
        List<JsonNode> list = new ArrayList<>();
        JSON.readTree(jsonArray).forEach(list::add);
        Set<JsonNode> set = new HashSet<>(list);
        assertEquals(list.size(), set.size(), "no reaction twice");
        return set;
    }
}
