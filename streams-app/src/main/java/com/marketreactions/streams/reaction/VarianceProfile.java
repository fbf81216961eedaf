package com.marketreactions.streams.reaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the variance of a stock's abnormal return spreads over the trading day and the night, estimated on the
 * estimation window (docs/method.md#the-window-variance), in units of sigma squared: its own residual's ({@code
 * stock}), and the benchmark's move times beta ({@code market}), which counts where the stock's return and the
 * benchmark's cover different times (the benchmark's return runs from T0, the stock's from its baseline trade).
 *
 * <p>A part of the day's weight is its residuals' mean square over all points', shrunk toward the benchmark's own
 * profile by {@value #PRIOR_POINTS} points (five days give the first five minutes only 25 points); the weights average
 * 1 over the estimation points, so sigma keeps its meaning. A night's variance is the mean of the estimation
 * window's nights (each night's squared move, less what the extended-hours minutes inside it carry), shrunk toward
 * {@code nightRatio} times a trading day's variance by {@value #PRIOR_NIGHTS} nights: a week has four nights, too
 * few for a variance a z-score can rest on.
 */
public record VarianceProfile(Weights stock, Weights market) {

    static final double PRIOR_POINTS = 60;
    static final double PRIOR_NIGHTS = 10;
    /**
     * The most one night counts, in prior nights: a three-sigma night. One earnings night in the window (the demo's
     * sample has Amazon's, +10.4% after its results of 2025-10-30) would otherwise set the z-scores of a whole week.
     */
    static final double NIGHT_CAP = 9;
    /** How many numbers a record's {@code varianceWeights} holds: each part and the night, stock then market. */
    public static final int SIZE = 2 * (SessionClock.BUCKETS + 1);

    /**
     * Variances in units of sigma squared.
     *
     * @param minute the variance of one minute in each part of the day
     * @param night the variance of one night
     */
    public record Weights(double[] minute, double night) {

        /** The variance over {@code (from, to]}; 0 when it is empty. */
        double over(SessionClock clock, long from, long to) {
            return clock.varianceMinutes(from, to, minute, night);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Weights w && Arrays.equals(minute, w.minute) && Double.compare(night, w.night) == 0;
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(minute) + Double.hashCode(night);
        }

        @Override
        public String toString() {
            return "Weights[minute=" + Arrays.toString(minute) + ", night=" + night + "]";
        }

        /** A trading day's variance, 04:00-20:00. */
        double day() {
            double[] len = SessionClock.lengths();
            double d = 0;
            for (int b = 0; b < minute.length; b++) {
                d += minute[b] * len[b];
            }
            return d;
        }
    }

    /**
     * The variance of an abnormal return whose stock leg runs over {@code (s0, s1]} and whose benchmark leg over
     * {@code (m0, m1]}: the stock's residual over its leg, and the benchmark's move times beta over the times that
     * one leg covers and the other does not.
     */
    public double varianceMinutes(SessionClock clock, long s0, long s1, long m0, long m1) {
        double both = market.over(clock, Math.max(s0, m0), Math.min(s1, m1));
        double unhedged = market.over(clock, s0, s1) + market.over(clock, m0, m1) - 2 * both;
        return stock.over(clock, s0, s1) + Math.max(0, unhedged);
    }

    /** The record's {@code varianceWeights}: the stock's parts and night, then the market's. */
    public List<Double> asList() {
        List<Double> all = new ArrayList<>(SIZE);
        for (Weights w : List.of(stock, market)) {
            for (double x : w.minute()) {
                all.add(x);
            }
            all.add(w.night());
        }
        return all;
    }

    /** The profile a record's {@code varianceWeights} carry; null when they are empty. */
    public static VarianceProfile of(List<Double> varianceWeights) {
        if (varianceWeights == null || varianceWeights.size() != SIZE) {
            return null;
        }
        int half = SIZE / 2;
        return new VarianceProfile(
                weights(varianceWeights.subList(0, half)), weights(varianceWeights.subList(half, SIZE)));
    }

    private static Weights weights(List<Double> w) {
        double[] minute = new double[SessionClock.BUCKETS];
        for (int b = 0; b < minute.length; b++) {
            minute[b] = w.get(b);
        }
        return new Weights(minute, w.get(SessionClock.BUCKETS));
    }

    /**
     * The profile of a model fitted on the estimation window, from the one-minute closes of the stock ({@code cs}) and
     * of the benchmark ({@code cm}) in it; null without a sigma.
     */
    static VarianceProfile estimate(
            SessionClock clock,
            ModelFit fit,
            EstimationPoints points,
            MinuteCloses cs,
            MinuteCloses cm,
            double nightRatio) {
        if (fit.sigma() == null || fit.sigma() == 0) {
            return null;
        }
        double sigma2 = fit.sigma() * fit.sigma();
        double beta = fit.beta();
        double[] benchMinute = benchMinuteVariance(clock, cm);
        double[] stockMinute = dayWeights(clock, fit, points, benchMinute);
        // the stock's nights: its move from its last close of a day to its first of the next, less beta times the
        // benchmark's between its closes of the same minutes (or the latest before)
        double stockNight = night(clock, cs, stockMinute, nightRatio, (before, first) -> {
            int m0 = cm.lastAtOrBefore(cs.bucket(before));
            int m1 = cm.lastAtOrBefore(cs.bucket(first));
            if (m0 < 0) {
                return Double.NaN;
            }
            double g = cs.close(first) / cs.close(before) - 1 - beta * (cm.close(m1) / cm.close(m0) - 1);
            return g * g / sigma2;
        });
        double[] marketMinute = new double[SessionClock.BUCKETS];
        for (int b = 0; b < marketMinute.length; b++) {
            marketMinute[b] = beta * beta * benchMinute[b] / sigma2;
        }
        double marketNight = night(clock, cm, marketMinute, nightRatio, (before, first) -> {
            double g = cm.close(first) / cm.close(before) - 1;
            return beta * beta * g * g / sigma2;
        });
        return new VarianceProfile(new Weights(stockMinute, stockNight), new Weights(marketMinute, marketNight));
    }

    /** What one night adds, from the closes before and after it; NaN to leave it out. */
    private interface NightMove {
        double squared(int before, int first);
    }

    /**
     * A night's variance from the nights between consecutive closes of {@code c} one night apart (each from the end of
     * its last minute of a day to the end of its first minute of the next), each less the extended-hours minutes
     * inside it and at most {@value #NIGHT_CAP} prior nights, shrunk toward {@code nightRatio} trading days; at least 0.
     */
    private static double night(
            SessionClock clock, MinuteCloses c, double[] minute, double nightRatio, NightMove move) {
        double prior = nightRatio * new Weights(minute, 0).day();
        double sum = 0;
        int nights = 0;
        long dateEnds = Long.MIN_VALUE; // the midnight after the date of the close before: a later close is a new date
        for (int i = 0; i < c.n(); i++) {
            long end = c.end(i);
            if (end < dateEnds) {
                continue;
            }
            dateEnds = clock.nextMidnight(end);
            if (i == 0 || clock.nights(c.end(i - 1), end) != 1) {
                continue;
            }
            double g2 = move.squared(i - 1, i);
            if (!Double.isNaN(g2)) {
                sum += Math.min(NIGHT_CAP * prior, g2 - clock.varianceMinutes(c.end(i - 1), end, minute, 0));
                nights++;
            }
        }
        return Math.max(0, (sum + PRIOR_NIGHTS * prior) / (nights + PRIOR_NIGHTS));
    }

    /**
     * Each part's weight, from the model's residuals, shrunk toward the benchmark's profile; mean 1 over the points.
     */
    private static double[] dayWeights(SessionClock clock, ModelFit fit, EstimationPoints points, double[] bench) {
        int n = points.n();
        double[] sq = new double[SessionClock.BUCKETS];
        int[] count = new int[SessionClock.BUCKETS];
        double[] e = fit.residuals(points.rs(), points.rm(), n);
        double total = 0;
        for (int i = 0; i < n; i++) {
            int b = clock.bucket(points.minute(i));
            sq[b] += e[i] * e[i];
            count[b]++;
            total += e[i] * e[i];
        }
        double mean = total / n;
        // the benchmark's profile, scaled to average 1 over this stock's points
        double benchOverPoints = 0;
        for (int b = 0; b < bench.length; b++) {
            benchOverPoints += count[b] * bench[b];
        }
        double[] w = new double[SessionClock.BUCKETS];
        double norm = 0;
        for (int b = 0; b < w.length; b++) {
            double prior = benchOverPoints > 0 ? bench[b] * n / benchOverPoints : 1;
            w[b] = (sq[b] / mean + PRIOR_POINTS * prior) / (count[b] + PRIOR_POINTS);
            norm += count[b] * w[b];
        }
        for (int b = 0; b < w.length; b++) {
            w[b] *= n / norm;
        }
        return w;
    }

    /**
     * The variance of the benchmark's one-minute returns in each part of the day (about their mean over all parts);
     * a part without a return gets the variance over all.
     */
    private static double[] benchMinuteVariance(SessionClock clock, MinuteCloses cm) {
        int[] count = new int[SessionClock.BUCKETS];
        double[] sum = new double[SessionClock.BUCKETS];
        double[] r = new double[cm.n()];
        int[] part = new int[cm.n()];
        int n = 0;
        double mean = 0;
        for (int j = 1; j < cm.n(); j++) {
            if (cm.bucket(j - 1) == cm.bucket(j) - 1) {
                r[n] = cm.close(j) / cm.close(j - 1) - 1;
                part[n] = clock.bucket(cm.bucket(j) * SessionClock.MINUTE_MS);
                mean += r[n];
                n++;
            }
        }
        mean = n > 0 ? mean / n : 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double d = (r[i] - mean) * (r[i] - mean);
            sum[part[i]] += d;
            count[part[i]]++;
            total += d;
        }
        double[] v = new double[SessionClock.BUCKETS];
        for (int b = 0; b < v.length; b++) {
            v[b] = count[b] == 0 ? (n == 0 ? 0 : total / n) : sum[b] / count[b];
        }
        return v;
    }
}
