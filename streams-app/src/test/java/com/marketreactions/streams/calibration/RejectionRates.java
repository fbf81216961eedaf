package com.marketreactions.streams.calibration;

import com.marketreactions.schema.MarketReaction;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.calibration.PlaceboMarket.Bucket;
import com.marketreactions.streams.differential.MarketInput;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Placebo z-scores tallied per horizon and time of day ({@link Bucket}): in each cell how many placebos had a z-score,
 * how many of them {@code |z| >= 1.96}, and their mean z² (1 for a z-score of unit variance).
 */
final class RejectionRates {

    /** Placebo z-scores of one horizon and bucket: how many had one, how many were significant. */
    static final class Cell {
        int n;
        int rejected;
        double sumSquares;

        double rate() {
            return n == 0 ? Double.NaN : (double) rejected / n;
        }
    }

    private final Map<String, Map<Bucket, Cell>> cells = new TreeMap<>();

    private RejectionRates() {}

    /**
     * The FINALs of {@code placebos} over each of {@code horizons}, from a run's FINALs by key; IllegalStateException
     * when one is missing.
     */
    static RejectionRates of(
            List<Horizon> horizons, List<MarketInput.News> placebos, Map<String, MarketReaction> finals) {
        RejectionRates rates = new RejectionRates();
        for (MarketInput.News n : placebos) {
            for (Horizon h : horizons) {
                MarketReaction r = finals.get(n.id() + "|" + n.tickers().get(0) + "|" + h.label());
                if (r == null) {
                    throw new IllegalStateException("no FINAL for " + n.id() + " " + h.label());
                }
                Cell c = rates.cells
                        .computeIfAbsent(h.label(), k -> new EnumMap<>(Bucket.class))
                        .computeIfAbsent(Bucket.of(n.t0()), k -> new Cell());
                if (r.getZScore() != null) {
                    c.n++;
                    c.rejected += Math.abs(r.getZScore()) >= 1.96 ? 1 : 0;
                    c.sumSquares += r.getZScore() * r.getZScore();
                }
            }
        }
        return rates;
    }

    /** The cells by horizon label, then by bucket. */
    Map<String, Map<Bucket, Cell>> cells() {
        return cells;
    }

    /** The share rejected over all cells together. */
    double overall() {
        int all = 0;
        int rejected = 0;
        for (Map<Bucket, Cell> byBucket : cells.values()) {
            for (Cell c : byBucket.values()) {
                all += c.n;
                rejected += c.rejected;
            }
        }
        return (double) rejected / all;
    }

    /** The highest rate of any cell. */
    double worst() {
        return cells.values().stream()
                .flatMap(b -> b.values().stream())
                .mapToDouble(Cell::rate)
                .max()
                .orElse(Double.NaN);
    }

    /** The cells as a markdown table, a row per horizon (shortest first), a column per bucket. */
    String table() {
        StringBuilder sb = new StringBuilder("| horizon |");
        for (Bucket b : Bucket.values()) {
            sb.append(' ')
                    .append(b.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append(" |");
        }
        sb.append("\n|---|").append("---:|".repeat(Bucket.values().length)).append('\n');
        cells.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(
                        Comparator.comparing(h -> Horizon.parse(h).length())))
                .forEach(e -> {
                    sb.append("| ").append(e.getKey()).append(" |");
                    for (Bucket b : Bucket.values()) {
                        Cell c = e.getValue().get(b);
                        sb.append(
                                c == null
                                        ? " - |"
                                        : String.format(
                                                Locale.ROOT,
                                                " %.1f%% (n %d, z² %.2f) |",
                                                100 * c.rate(),
                                                c.n,
                                                c.sumSquares / c.n));
                    }
                    sb.append('\n');
                });
        return sb.toString();
    }
}
