package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.RecordJson;
import com.marketreactions.common.SchemaRegistration;
import com.marketreactions.common.TopicAdmin;
import com.marketreactions.common.Topics;
import com.marketreactions.producers.files.FilePublisher;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.producers.files.PublishResult;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsImpact;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.stack.EmbeddedStack;
import com.marketreactions.streams.ReactionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the service's integration tests share: a real embedded broker and registry (the test JVM's shared stack,
 * or one of the class's own for a class marked {@link StackExtension.OwnStack}), the sample data, an
 * uninterrupted replay of it as the reference, and the service's topics with the alias table and the news
 * already published (ticks are each test's business).
 */
@ExtendWith(StackExtension.class)
abstract class ServiceScenario {

    private static EmbeddedStack stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void useStack(EmbeddedStack forThisClass) {
        stack = forThisClass;
    }

    static EmbeddedStack stack() {
        return stack;
    }

    static ClientConfigs clients() {
        return ClientConfigs.of(stack.bootstrapServers(), stack.registryUrl());
    }

    static Replay.Inputs sample() {
        return SampleFiles.inputs(Path.of(System.getProperty("reactions.sample.dir", "../data/sample")));
    }

    /** The sample's FINAL reactions from an uninterrupted replay, as JSON, in replay order. */
    static List<String> referenceFinals(int partitions, String runId) throws InterruptedException {
        return new Replay(clients(), ReactionConfig.defaults(), partitions, Duration.ofMinutes(3))
                .run(sample(), runId).finals().stream().map(RecordJson::toJson).toList();
    }

    /**
     * The environment of a {@code serve} child process, as a deployment would set it: its application id,
     * topics and state directory; the end-of-input markers (not the wall clock) close the last windows, which the
     * service honours only because it is told to ({@code serve.end.markers}); a
     * killed member's partitions move after 10 s rather than 45; any free HTTP port.
     */
    Map<String, String> serviceEnv(String appId, String topicPrefix, int partitions, String stateName, String... more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "REACTIONS_APPLICATION_ID",
                appId,
                "REACTIONS_TOPIC_PREFIX",
                topicPrefix,
                "REACTIONS_TOPIC_PARTITIONS",
                Integer.toString(partitions),
                "REACTIONS_STATE_DIR",
                dir.resolve(stateName).toString(),
                "REACTIONS_IDLE_TIMEOUT",
                "P3650D",
                "REACTIONS_BENCHMARK_WAIT",
                "P3650D",
                "REACTIONS_STREAMS_SESSION_TIMEOUT_MS",
                "10000",
                "REACTIONS_HTTP_PORT",
                "0",
                "REACTIONS_SERVE_END_MARKERS",
                "true"));
        for (int i = 0; i + 1 < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    /** The service's topics, with the sample's aliases and news on them. */
    record Prepared(Topics topics, FilePublisher publisher, PublishResult news) {}

    static Prepared prepare(String topicPrefix, int partitions) {
        return prepare(topicPrefix, partitions, sample().aliases(), sample().news());
    }

    /** The service's topics, with these aliases and news on them. */
    static Prepared prepare(String topicPrefix, int partitions, Path aliases, Path news) {
        Topics topics = Topics.create(topicPrefix, clients().serdes());
        TopicAdmin.ensureTopics(clients(), topics, partitions);
        SchemaRegistration.registerAll(clients(), topics);
        FilePublisher publisher = FilePublisher.create(clients(), topics);
        publisher.publish(InputFormat.ALIASES, aliases, false);
        return new Prepared(topics, publisher, publisher.publish(InputFormat.NEWS, news, false));
    }

    /** Waits (at most two minutes) until application {@code appId} has consumed the prepared news. */
    static void awaitNewsConsumed(String appId, Prepared p, ServiceProcess service) throws InterruptedException {
        EndMarkers.awaitConsumed(
                clients(),
                appId,
                p.topics().news.name(),
                p.news().lastOffsets(),
                Duration.ofMinutes(2),
                service::checkAlive);
    }

    /**
     * The sample's ticks as consecutive files, each with the header: cut at these fractions of the lines (two
     * files for one fraction, three for two).
     */
    List<Path> splitTicks(double... fractions) throws IOException {
        List<String> lines = Files.readAllLines(sample().ticks());
        List<Path> parts = new ArrayList<>();
        int from = 1;
        for (int i = 0; i <= fractions.length; i++) {
            int to = i < fractions.length ? (int) (lines.size() * fractions[i]) : lines.size();
            List<String> part = new ArrayList<>(List.of(lines.get(0)));
            part.addAll(lines.subList(from, to));
            parts.add(Files.write(dir.resolve("ticks-" + (i + 1) + ".csv"), part));
            from = to;
        }
        return parts;
    }

    /**
     * Reads what a service wrote until its end markers (reactions within {@code within}, then the impacts) and
     * asserts the FINALs and impacts are the reference's; returns the FINALs in replay order.
     */
    static List<MarketReaction> assertServiceMatches(
            String what,
            Map<String, MarketReaction> reference,
            Topics topics,
            int partitions,
            Duration within,
            ServiceProcess service)
            throws InterruptedException {
        List<MarketReaction> all =
                EndMarkers.readUntilEnded(clients(), topics.reactions, partitions, within, service::checkAlive);
        List<NewsImpact> impacts = EndMarkers.readUntilEnded(
                clients(), topics.impact, partitions, Duration.ofMinutes(1), service::checkAlive);
        List<MarketReaction> finals = all.stream()
                .filter(r -> r.getStatus() == ReactionStatus.FINAL)
                .sorted(Replay.ORDER)
                .toList();
        ReferenceChecks.assertMatchesReference(what, reference, finals, impacts);
        return finals;
    }

    /** Asserts one FINAL per (news, ticker, horizon); returns the FINALs as JSON in replay order. */
    static List<String> finalsExactlyOnce(List<MarketReaction> reactions) {
        List<MarketReaction> finals = reactions.stream()
                .filter(r -> r.getStatus() == ReactionStatus.FINAL)
                .toList();
        Map<String, Long> perKey = finals.stream()
                .collect(Collectors.groupingBy(
                        r -> r.getNewsId() + '|' + r.getTicker() + '|' + r.getHorizon(),
                        TreeMap::new,
                        Collectors.counting()));
        perKey.forEach((key, n) -> assertEquals(1L, n, key + " has " + n + " FINAL reactions"));
        return finals.stream().sorted(Replay.ORDER).map(RecordJson::toJson).toList();
    }
}
