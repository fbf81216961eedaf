package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.marketreactions.common.RecordJson;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsImpact;
import com.marketreactions.schema.TickerImpact;
import com.marketreactions.streams.differential.BatchReference;
import com.marketreactions.streams.differential.ReactionDiff;
import com.marketreactions.streams.differential.ReferenceComparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the differential replay ITs check of a replay of a generated market: every FINAL reaction once and equal to
 * the batch reference's field by field ({@link ReferenceComparison}), every news impact agreeing with those
 * reactions, and two replays of the same input writing the same lines.
 */
final class ReferenceChecks {

    private static final int MAX_REPORTED = 40;

    private ReferenceChecks() {}

    /** Prints what a replay of a test did, tagged, and returns it. */
    static Replay.Result logged(String tag, String runId, int partitions, Replay.Result r) {
        System.out.printf(
                "[%s] %s: %d partitions, %d ticks, %d news, %d reactions (%d FINAL), %d impacts, %.1f s%n",
                tag,
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

    /**
     * Fails, listing the first disagreements, unless the replay's FINAL reactions and impacts agree with the
     * reference's reactions.
     *
     * @param what the market and the run, for the message
     */
    static void assertMatchesReference(String what, Map<String, MarketReaction> expected, Replay.Result r) {
        assertMatchesReference(what, expected, r.finals(), r.impacts());
    }

    /** As above, for the FINAL reactions and impacts of any run of the topology. */
    static void assertMatchesReference(
            String what, Map<String, MarketReaction> expected, List<MarketReaction> finals, List<NewsImpact> impacts) {
        List<String> problems = new ArrayList<>();
        Map<String, MarketReaction> got = new LinkedHashMap<>();
        for (MarketReaction f : finals) {
            String key = BatchReference.key(f.getNewsId(), f.getTicker(), f.getHorizon());
            if (got.put(key, f) != null) {
                problems.add(key + ": more than one FINAL reaction");
            }
        }
        ReferenceComparison.Outcome outcome = ReferenceComparison.compare(expected, got);
        problems.addAll(outcome.problems());
        problems.addAll(impactProblems(expected, impacts));
        if (!problems.isEmpty()) {
            fail(String.format(
                    "%s: %d disagreement(s) with the batch reference (%d FINAL expected, %d got):%n  %s%s",
                    what,
                    problems.size(),
                    expected.size(),
                    got.size(),
                    problems.stream().limit(MAX_REPORTED).collect(Collectors.joining("\n  ")),
                    problems.size() > MAX_REPORTED ? "\n  ..." : ""));
        }
    }

    /** Fails unless two replays of the same input wrote the same FINAL lines, in the same order. */
    static void assertSameLines(Replay.Result first, Replay.Result second) {
        List<String> a = first.finals().stream().map(RecordJson::toJson).toList();
        List<String> b = second.finals().stream().map(RecordJson::toJson).toList();
        assertEquals(a.size(), b.size(), "FINAL reactions of two replays of the same input");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), "line " + (i + 1) + " of two replays of the same input");
        }
    }

    /**
     * Loosely: one impact per (news, horizon) of the reference, holding exactly the news' tickers with their
     * reactions' raw and abnormal returns, z-scores and significance, and the significant counts.
     */
    private static List<String> impactProblems(Map<String, MarketReaction> expected, List<NewsImpact> impacts) {
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
