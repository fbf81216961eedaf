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
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Placebo z-scores tallied per horizon and time of day ({@link Bucket}): in each cell how many placebos had a z-score,
 * how many of them {@code |z| >= 1.96} (with a standard error that knows placebos of one ticker and day move
 * together), their mean z² (1 for a z-score of unit variance), and what the market planted, which the draw's luck
 * does not move: the mean of its variance of each abnormal return over the one the reaction states (the z² a
 * z-score has on average over the market's draws), the mean of stated over planted (1 when the stated variance is
 * right on average; its errors alone put the first above 1), and the rate the cell has over endless draws.
 */
final class RejectionRates {

    /** Placebo z-scores of one horizon and bucket. */
    static final class Cell {
        int n;
        int rejected;
        double sumSquares;
        double sumPlanted;
        double sumStated;
        double sumExpected;
        /** Per ticker and news date: placebos, and how many of them were significant. */
        final Map<String, int[]> clusters = new TreeMap<>();

        double rate() {
            return n == 0 ? Double.NaN : (double) rejected / n;
        }

        /** The mean of planted over stated variance: the z² a z-score has on average over the market's draws. */
        double plantedSquare() {
            return sumPlanted / n;
        }

        /** The mean of stated over planted variance: 1 when the stated variance is right on average. */
        double statedOverPlanted() {
            return sumStated / n;
        }

        /** The rate over endless draws of the market's moves: each z-score's as a normal of its planted variance. */
        double expectedRate() {
            return sumExpected / n;
        }

        /**
         * The rate's standard error with placebos of one ticker and date as a cluster (they share most of their
         * moves, so the cell's n overstates what it knows): {@code sqrt(sum_c (rejected_c - rate n_c)^2) / n}.
         */
        double clusteredError() {
            double p = rate();
            double sum = 0;
            for (int[] c : clusters.values()) {
                double d = c[1] - p * c[0];
                sum += d * d;
            }
            return Math.sqrt(sum) / n;
        }

        private void add(String draw, MarketInput.News news, MarketReaction r, double planted) {
            boolean significant = Math.abs(r.getZScore()) >= 1.96;
            n++;
            rejected += significant ? 1 : 0;
            sumSquares += r.getZScore() * r.getZScore();
            double stated = r.getSigma() * r.getSigma() * r.getVarianceMinutes();
            sumPlanted += planted / stated;
            sumStated += stated / planted;
            sumExpected += 2 * NORMAL.survivalProbability(1.96 / Math.sqrt(planted / stated));
            int[] cluster = clusters.computeIfAbsent(
                    draw + " " + news.tickers().get(0) + " " + Math.floorDiv(news.t0(), PlaceboMarket.DAY),
                    k -> new int[2]);
            cluster[0]++;
            cluster[1] += significant ? 1 : 0;
        }
    }

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private final Map<String, Map<Bucket, Cell>> cells = new TreeMap<>();

    private final List<Horizon> horizons;

    RejectionRates(List<Horizon> horizons) {
        this.horizons = horizons;
    }

    /**
     * Adds the FINALs of a market's placebos, from a run's FINALs by key; IllegalStateException when one is missing.
     * {@code draw} names the market: placebos of different draws are never one cluster, so the rates of several
     * markets can be pooled.
     */
    RejectionRates add(String draw, PlaceboMarket.Market market, Map<String, MarketReaction> finals) {
        for (MarketInput.News n : market.placebos()) {
            for (Horizon h : horizons) {
                MarketReaction r = finals.get(n.id() + "|" + n.tickers().get(0) + "|" + h.label());
                if (r == null) {
                    throw new IllegalStateException("no FINAL for " + n.id() + " " + h.label());
                }
                Cell c = cells.computeIfAbsent(h.label(), k -> new EnumMap<>(Bucket.class))
                        .computeIfAbsent(Bucket.of(n.t0()), k -> new Cell());
                if (r.getZScore() != null) {
                    c.add(
                            draw,
                            n,
                            r,
                            market.plantedVariance(
                                    n.tickers().get(0),
                                    r.getBaselineTime().toEpochMilli(),
                                    r.getEndTime().toEpochMilli(),
                                    n.t0(),
                                    n.t0() + h.length().toMillis(),
                                    r.getBeta()));
                }
            }
        }
        return this;
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
                                                " %.1f%% ± %.1f (n %d, z² %.2f, planted %.2f, stated %.2f, expected %.1f%%) |",
                                                100 * c.rate(),
                                                100 * c.clusteredError(),
                                                c.n,
                                                c.sumSquares / c.n,
                                                c.plantedSquare(),
                                                c.statedOverPlanted(),
                                                100 * c.expectedRate()));
                    }
                    sb.append('\n');
                });
        return sb.toString();
    }
}
