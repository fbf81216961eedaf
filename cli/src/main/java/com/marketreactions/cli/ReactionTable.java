package com.marketreactions.cli;

import com.marketreactions.schema.MarketReaction;
import com.marketreactions.streams.Horizon;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints reactions as a readable table, one block per news event. */
final class ReactionTable {

    private static final String ROW = "  %-6s %-6s %10s -> %-10s %8s %-5s %9s %7s %6s %-6s  %s%n";
    private static final String STORY_ROW = "  %-6s %-2s %-26s %-17s %-22s %6s %9s %9s%n";

    private ReactionTable() {}

    static void print(List<MarketReaction> reactions, PrintStream out) {
        Map<String, List<MarketReaction>> byNews = new LinkedHashMap<>();
        reactions.stream()
                .sorted(Comparator.comparing(MarketReaction::getEventTime).thenComparing(MarketReaction::getNewsId))
                .forEach(r -> byNews.computeIfAbsent(r.getNewsId(), k -> new java.util.ArrayList<>())
                        .add(r));
        for (List<MarketReaction> rs : byNews.values()) {
            MarketReaction first = rs.get(0);
            out.printf(
                    "%n%s  %s  [%s]%n  %s%n",
                    first.getEventTime(), first.getNewsId(), nz(first.getSource()), nz(first.getHeadline()));
            out.printf(
                    ROW,
                    "ticker",
                    "horiz",
                    "baseline",
                    "end",
                    "return",
                    "dir",
                    "abnormal",
                    "z",
                    "ticks",
                    "story",
                    "flags");
            // a ticker without a trade around the news has only dashes to show: one line names them all
            java.util.Set<String> tradeless = new java.util.TreeSet<>();
            rs.forEach(r -> tradeless.add(r.getTicker()));
            rs.stream().filter(ReactionTable::traded).forEach(r -> tradeless.remove(r.getTicker()));
            rs.stream()
                    .filter(r -> !tradeless.contains(r.getTicker()))
                    .sorted(Comparator.comparing(MarketReaction::getTicker)
                            .thenComparing(r -> Horizon.parse(r.getHorizon()).length()))
                    .forEach(r -> out.printf(
                            ROW,
                            r.getTicker(),
                            r.getHorizon(),
                            price(r.getBaselinePrice()),
                            price(r.getEndPrice()),
                            pct(r.getRawReturn()),
                            r.getDirection() == null ? "-" : r.getDirection().name(),
                            pct(r.getAbnormalReturn()),
                            r.getZScore() == null
                                    ? "-"
                                    : String.format(Locale.ROOT, "%.1f", r.getZScore())
                                            + (Boolean.TRUE.equals(r.getSignificant()) ? "*" : ""),
                            r.getTickCount(),
                            r.getRepeat() == null ? "-" : r.getRepeat() ? "repeat" : "first",
                            String.join(",", r.getFlags())));
            if (!tradeless.isEmpty()) {
                out.printf(
                        "  %s: no trades in the look-back or the windows (NO_BASELINE, NO_TICKS_IN_WINDOW)%n",
                        String.join(", ", tradeless));
            }
        }
        out.println();
        printFlags(reactions, out);
        printStories(reactions, out);
    }

    /** What each flag says, in a line (docs/reactions.md#flags has the whole rule). */
    private static final Map<String, String> FLAG_NOTES = Map.ofEntries(
            Map.entry("NO_BASELINE", "no trade of the ticker in the look-back before the news"),
            Map.entry("NO_TICKS_IN_WINDOW", "no trade of the ticker in the window"),
            Map.entry("NO_BENCHMARK", "no trade of the benchmark in the look-back: no model"),
            Map.entry("IS_BENCHMARK", "the ticker is the benchmark: no model"),
            Map.entry("LATE_NEWS", "the news arrived later than the lateness bound"),
            Map.entry("HISTORY_TRUNCATED", "part of the history before the news had been dropped"),
            Map.entry("BENCHMARK_STALLED", "finalized without the benchmark's trades, after waiting for them"),
            Map.entry(
                    "SHORT_ESTIMATION",
                    "fewer estimation points than min.points: the market model falls back to market-adjusted"),
            Map.entry("FEW_VOLUME_MINUTES", "normal volume from fewer estimation minutes than min.points"),
            Map.entry("INPUT_ENDED_EARLY", "the data ended before the window did: it holds what came before"));

    /** One line for each flag the reactions carry. */
    private static void printFlags(List<MarketReaction> reactions, PrintStream out) {
        java.util.Set<String> seen = new java.util.TreeSet<>();
        reactions.forEach(r -> r.getFlags().forEach(f -> seen.add(f.toString())));
        if (seen.isEmpty()) {
            return;
        }
        out.println("Flags:");
        seen.forEach(f -> out.printf("  %-19s %s%n", f, FLAG_NOTES.getOrDefault(f, "see docs/reactions.md#flags")));
        out.println();
    }

    private static boolean traded(MarketReaction r) {
        return r.getBaselinePrice() != null || r.getTickCount() > 0;
    }

    /**
     * The stories with more than one report, per ticker: the first report, then its repeats in time order, each
     * with its move over the longest horizon that carries a story (a repeat's is measured from its own, later T0).
     */
    static void printStories(List<MarketReaction> reactions, PrintStream out) {
        Map<String, MarketReaction> longest = new java.util.TreeMap<>();
        for (MarketReaction r : reactions) {
            if (r.getStoryId() == null) {
                continue;
            }
            String k = r.getTicker() + '|' + r.getNewsId();
            MarketReaction known = longest.get(k);
            if (known == null
                    || Horizon.parse(r.getHorizon())
                                    .length()
                                    .compareTo(Horizon.parse(known.getHorizon()).length())
                            > 0) {
                longest.put(k, r);
            }
        }
        Map<String, List<MarketReaction>> stories = new java.util.TreeMap<>();
        longest.values()
                .forEach(r -> stories.computeIfAbsent(
                                r.getTicker() + '|' + r.getStoryId(), k -> new java.util.ArrayList<>())
                        .add(r));
        stories.values().removeIf(rs -> rs.size() < 2);
        if (stories.isEmpty()) {
            return;
        }
        out.println("Stories (one event, many reports; per ticker, the first report then its repeats):");
        out.printf(STORY_ROW, "ticker", "", "news", "at", "source", "horiz", "return", "abnormal");
        for (List<MarketReaction> rs : stories.values()) {
            rs.sort(Comparator.comparing(MarketReaction::getEventTime).thenComparing(MarketReaction::getNewsId));
            for (MarketReaction r : rs) {
                boolean first = !r.getRepeat();
                out.printf(
                        STORY_ROW,
                        first ? r.getTicker() : "",
                        first ? "" : "+",
                        r.getNewsId(),
                        r.getEventTime().toString().substring(0, 16) + "Z",
                        nz(r.getSource()),
                        r.getHorizon(),
                        pct(r.getRawReturn()),
                        pct(r.getAbnormalReturn()));
            }
        }
        out.println("  (+ = a repeat: similar to an earlier report of the story within a day; stale news)");
        out.println();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String price(Double p) {
        return p == null ? "-" : String.format(Locale.ROOT, "%.2f", p);
    }

    static String pct(Double r) {
        return r == null ? "-" : String.format(Locale.ROOT, "%+.2f%%", r * 100);
    }

    /** The per-news impact: per horizon, the most affected ticker and the count of significant moves. */
    static void printImpacts(List<com.marketreactions.schema.NewsImpact> impacts, PrintStream out) {
        if (impacts.isEmpty()) {
            return;
        }
        out.println(
                "Per-news impact (most affected = largest |abnormal return|; a story's move is its first report's):");
        out.printf(
                "  %-24s %-6s %-8s %9s %-22s %s%n",
                "news", "horiz", "most", "abnormal", "significant (up/down)", "story: first report for");
        for (com.marketreactions.schema.NewsImpact i : impacts) {
            Double abnormal = i.getTickers().stream()
                    .filter(t -> t.getTicker().equals(i.getMostAffected()))
                    .map(t -> t.getAbnormalReturn())
                    .findFirst()
                    .orElse(null);
            List<String> firsts = i.getTickers().stream()
                    .filter(t -> Boolean.FALSE.equals(t.getRepeat()))
                    .map(com.marketreactions.schema.TickerImpact::getTicker)
                    .toList();
            boolean noStories = i.getTickers().stream().allMatch(t -> t.getRepeat() == null);
            out.printf(
                    "  %-24s %-6s %-8s %9s %-22s %s%n",
                    i.getNewsId(),
                    i.getHorizon(),
                    i.getMostAffected() == null ? "-" : i.getMostAffected(),
                    pct(abnormal),
                    String.format(
                            Locale.ROOT,
                            "%d of %d (%d/%d)",
                            i.getSignificantCount(),
                            i.getTickers().size(),
                            i.getSignificantUp(),
                            i.getSignificantDown()),
                    noStories ? "-" : firsts.isEmpty() ? "none (a repeat)" : String.join(",", firsts));
        }
        out.println();
    }
}
