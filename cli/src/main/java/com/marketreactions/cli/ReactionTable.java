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

    private static final String ROW = "  %-6s %-6s %10s -> %-10s %8s %-5s %9s %7s %6s  %s%n";

    private ReactionTable() {
    }

    static void print(List<MarketReaction> reactions, PrintStream out) {
        Map<String, List<MarketReaction>> byNews = new LinkedHashMap<>();
        reactions.stream()
                .sorted(Comparator.comparing(MarketReaction::getEventTime).thenComparing(MarketReaction::getNewsId))
                .forEach(r -> byNews.computeIfAbsent(r.getNewsId(), k -> new java.util.ArrayList<>()).add(r));
        for (List<MarketReaction> rs : byNews.values()) {
            MarketReaction first = rs.get(0);
            out.printf("%n%s  %s  [%s]%n  %s%n", first.getEventTime(), first.getNewsId(), nz(first.getSource()),
                    nz(first.getHeadline()));
            out.printf(ROW, "ticker", "horiz", "baseline", "end", "return", "dir", "abnormal", "z", "ticks", "flags");
            rs.stream()
                    .sorted(Comparator.comparing(MarketReaction::getTicker)
                            .thenComparing(r -> Horizon.parse(r.getHorizon()).length()))
                    .forEach(r -> out.printf(ROW, r.getTicker(), r.getHorizon(), price(r.getBaselinePrice()),
                            price(r.getEndPrice()), pct(r.getRawReturn()),
                            r.getDirection() == null ? "-" : r.getDirection().name(), pct(r.getAbnormalReturn()),
                            r.getZScore() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.getZScore())
                                    + (Boolean.TRUE.equals(r.getSignificant()) ? "*" : ""),
                            r.getTickCount(), String.join(",", r.getFlags())));
        }
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
        out.println("Per-news impact (most affected = largest |abnormal return|):");
        out.printf("  %-22s %-6s %-8s %9s %s%n", "news", "horiz", "most", "abnormal", "significant (up/down)");
        for (com.marketreactions.schema.NewsImpact i : impacts) {
            Double abnormal = i.getTickers().stream().filter(t -> t.getTicker().equals(i.getMostAffected()))
                    .map(t -> t.getAbnormalReturn()).findFirst().orElse(null);
            out.printf("  %-22s %-6s %-8s %9s %d of %d (%d/%d)%n", i.getNewsId(), i.getHorizon(),
                    i.getMostAffected() == null ? "-" : i.getMostAffected(), pct(abnormal), i.getSignificantCount(),
                    i.getTickers().size(), i.getSignificantUp(), i.getSignificantDown());
        }
        out.println();
    }
}
