package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.RecordJson;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsImpact;
import com.marketreactions.schema.TickerImpact;
import com.marketreactions.stack.EmbeddedStack;
import com.marketreactions.streams.differential.BatchReference;
import com.marketreactions.streams.differential.ReactionDiff;
import com.marketreactions.streams.differential.ReferenceComparison;
import com.marketreactions.streams.differential.ScenarioFiles;
import com.marketreactions.streams.differential.SyntheticMarket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long synthetic market ({@link SyntheticMarket#generateLong}: 60 trading days of seven stocks and SPY,
 * about 0.9 million ticks and 120 news) written as files and replayed through the real topology on the
 * embedded stack, on 1, 2 and 4 partitions, and on 4 partitions with the inputs published by a
 * librdkafka-style partitioner ({@link Crc32Partitioner}): every FINAL reaction must equal the batch
 * reference's field by field, every news impact must agree with those reactions, and a repeated replay must
 * write the same lines. System property {@code reactions.long.days} shortens the market for local runs. Each
 * replay has topics and an application id of its own, so the class runs on the test JVM's shared stack.
 */
@ExtendWith(StackExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES) // each test; the slowest took 60 s (two replays) in a full build
class LongReplayIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final int MAX_REPORTED = 40;

    @TempDir
    static Path dir;

    private static EmbeddedStack stack;
    private static SyntheticMarket.Scenario scenario;
    private static Replay.Inputs inputs;
    private static Map<String, MarketReaction> expected;

    @BeforeAll
    static void writeTheMarket(EmbeddedStack shared) {
        stack = shared;
        long t = System.nanoTime();
        scenario = SyntheticMarket.generateLong(1, Integer.getInteger("reactions.long.days", 60));
        ScenarioFiles.Written files = ScenarioFiles.write(scenario, dir);
        inputs = new Replay.Inputs(files.news(), files.ticks(), files.aliases());
        expected = scenario.reference().reactions();
        System.out.printf(
                "[long-replay] %s; %d reference reactions; generated, written and computed in %.1f s%n",
                scenario.description(), expected.size(), (System.nanoTime() - t) / 1e9);
    }

    private static ClientConfigs clients() {
        return ClientConfigs.of(stack.bootstrapServers(), stack.registryUrl());
    }

    private static Replay.Result replay(ClientConfigs clients, int partitions, String runId) throws Exception {
        Replay.Result r = new Replay(clients, scenario.config(), partitions, RUN_TIMEOUT).run(inputs, runId);
        System.out.printf(
                "[long-replay] %s: %d partitions, %d ticks, %d news, %d reactions (%d FINAL),"
                        + " %d impacts, %.1f s%n",
                runId,
                partitions,
                r.ticksPublished(),
                r.newsPublished(),
                r.reactions().size(),
                r.finals().size(),
                r.impacts().size(),
                r.took().toMillis() / 1000.0);
        return r;
    }

    @Test
    void onOnePartitionEveryFinalEqualsTheReference() throws Exception {
        assertMatchesReference("1 partition", replay(clients(), 1, "long-p1"));
    }

    @Test
    void onTwoPartitionsEveryFinalEqualsTheReferenceAndARepeatWritesTheSameLines() throws Exception {
        Replay.Result first = replay(clients(), 2, "long-p2-a");
        assertMatchesReference("2 partitions", first);
        Replay.Result second = replay(clients(), 2, "long-p2-b");
        List<String> a = first.finals().stream().map(RecordJson::toJson).toList();
        List<String> b = second.finals().stream().map(RecordJson::toJson).toList();
        assertEquals(a.size(), b.size(), "FINAL reactions of two replays of the same input");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), "line " + (i + 1) + " of two replays of the same input");
        }
    }

    @Test
    void onFourPartitionsEveryFinalEqualsTheReference() throws Exception {
        assertMatchesReference("4 partitions", replay(clients(), 4, "long-p4"));
    }

    @Test
    void onFourPartitionsPublishedWithALibrdkafkaPartitionerEveryFinalEqualsTheReference() throws Exception {
        ClientConfigs crc = new ClientConfigs(
                stack.bootstrapServers(),
                stack.registryUrl(),
                Map.of("partitioner.class", Crc32Partitioner.class.getName()),
                Map.of());
        assertMatchesReference("4 partitions, CRC32-partitioned inputs", replay(crc, 4, "long-p4-crc32"));
    }

    private static void assertMatchesReference(String run, Replay.Result r) {
        List<String> problems = new ArrayList<>();
        Map<String, MarketReaction> got = new LinkedHashMap<>();
        for (MarketReaction f : r.finals()) {
            String key = BatchReference.key(f.getNewsId(), f.getTicker(), f.getHorizon());
            if (got.put(key, f) != null) {
                problems.add(key + ": more than one FINAL reaction");
            }
        }
        ReferenceComparison.Outcome outcome = ReferenceComparison.compare(expected, got);
        problems.addAll(outcome.problems());
        problems.addAll(impactProblems(r.impacts()));
        if (!problems.isEmpty()) {
            fail(String.format(
                    "%s, %s: %d disagreement(s) with the batch reference (%d FINAL expected, %d got):%n  %s%s",
                    scenario.description(),
                    run,
                    problems.size(),
                    expected.size(),
                    got.size(),
                    problems.stream().limit(MAX_REPORTED).collect(Collectors.joining("\n  ")),
                    problems.size() > MAX_REPORTED ? "\n  ..." : ""));
        }
    }

    /**
     * Loosely: one impact per (news, horizon) of the reference, holding exactly the news' tickers with their
     * reactions' raw and abnormal returns, z-scores and significance, and the significant counts.
     */
    private static List<String> impactProblems(List<NewsImpact> impacts) {
        Map<String, Map<String, MarketReaction>> byNewsAndHorizon = new TreeMap<>();
        for (MarketReaction e : expected.values()) {
            byNewsAndHorizon
                    .computeIfAbsent(e.getNewsId() + "|" + e.getHorizon(), k -> new TreeMap<>())
                    .put(e.getTicker().toString(), e);
        }
        Map<String, NewsImpact> got = new TreeMap<>();
        for (NewsImpact i : impacts) {
            got.put(i.getNewsId() + "|" + i.getHorizon(), i);
        }
        List<String> out = new ArrayList<>();
        TreeSet<String> missing = new TreeSet<>(byNewsAndHorizon.keySet());
        missing.removeAll(got.keySet());
        TreeSet<String> extra = new TreeSet<>(got.keySet());
        extra.removeAll(byNewsAndHorizon.keySet());
        missing.forEach(k -> out.add("impact " + k + ": expected, none emitted"));
        extra.forEach(k -> out.add("impact " + k + ": emitted for no reaction of the reference"));
        for (Map.Entry<String, Map<String, MarketReaction>> e : byNewsAndHorizon.entrySet()) {
            NewsImpact impact = got.get(e.getKey());
            if (impact == null) {
                continue;
            }
            Map<String, TickerImpact> tickers = new TreeMap<>();
            impact.getTickers().forEach(t -> tickers.put(t.getTicker().toString(), t));
            if (!tickers.keySet().equals(e.getValue().keySet())) {
                out.add("impact " + e.getKey() + ": tickers " + tickers.keySet() + ", expected "
                        + e.getValue().keySet());
                continue;
            }
            int significant = 0;
            int up = 0;
            int down = 0;
            for (MarketReaction r : e.getValue().values()) {
                TickerImpact t = tickers.get(r.getTicker().toString());
                String where = "impact " + e.getKey() + " " + r.getTicker();
                same(out, where + " rawReturn", r.getRawReturn(), t.getRawReturn());
                same(out, where + " abnormalReturn", r.getAbnormalReturn(), t.getAbnormalReturn());
                same(out, where + " zScore", r.getZScore(), t.getZScore());
                if (!Objects.equals(r.getSignificant(), t.getSignificant())) {
                    out.add(where + " significant: expected " + r.getSignificant() + ", got " + t.getSignificant());
                }
                if (Boolean.TRUE.equals(r.getSignificant())) {
                    significant++;
                    if (r.getAbnormalReturn() > 0) {
                        up++;
                    } else if (r.getAbnormalReturn() < 0) {
                        down++;
                    }
                }
            }
            if (impact.getSignificantCount() != significant
                    || impact.getSignificantUp() != up
                    || impact.getSignificantDown() != down) {
                out.add("impact " + e.getKey() + " significant count/up/down: expected " + significant + "/" + up
                        + "/" + down + ", got " + impact.getSignificantCount() + "/" + impact.getSignificantUp() + "/"
                        + impact.getSignificantDown());
            }
        }
        return out;
    }

    private static void same(List<String> out, String what, Double e, Double a) {
        boolean agree = e == null || a == null ? e == null && a == null : ReactionDiff.closeEnough(e, a);
        if (!agree) {
            out.add(what + ": expected " + e + ", got " + a);
        }
    }
}
