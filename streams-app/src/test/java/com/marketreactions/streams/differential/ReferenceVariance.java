package com.marketreactions.streams.differential;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The batch reference's own reading of a window's variance (docs/method.md#the-window-variance), written apart from
 * the topology's {@code VarianceProfile} and {@code SessionClock}: parts of the day by comparing clock times,
 * variance minutes by walking the interval a minute at a time, nights by walking its dates.
 */
final class ReferenceVariance {

    private static final LocalTime[] PART_START = {
        LocalTime.of(4, 0),
        LocalTime.of(9, 30),
        LocalTime.of(9, 35),
        LocalTime.of(9, 45),
        LocalTime.of(10, 0),
        LocalTime.of(10, 30),
        LocalTime.of(11, 0),
        LocalTime.of(11, 30),
        LocalTime.of(12, 0),
        LocalTime.of(12, 30),
        LocalTime.of(13, 0),
        LocalTime.of(13, 30),
        LocalTime.of(14, 0),
        LocalTime.of(14, 30),
        LocalTime.of(15, 0),
        LocalTime.of(15, 30),
        LocalTime.of(15, 45),
        LocalTime.of(15, 55),
        LocalTime.of(16, 0)
    };
    private static final LocalTime DAY_END = LocalTime.of(20, 0);
    private static final int PARTS = PART_START.length;
    private static final double SHRINK_POINTS = 60;
    private static final double SHRINK_NIGHTS = 10;
    private static final long MINUTE = 60_000L;

    /** A night of the estimation window: the stock's last trade of a day and its first of the next. */
    record Night(
            long lastTs, double lastPrice, long firstTs, double firstPrice, double benchAtLast, double benchAtFirst) {}

    /**
     * The result, in sigma squared: the stock residual's weight per part and per night, and those of the benchmark's
     * move times beta.
     */
    record Profile(double[] weights, double night, double[] marketWeights, double marketNight) {

        List<Double> asList() {
            List<Double> all = new ArrayList<>();
            for (double w : weights) {
                all.add(w);
            }
            all.add(night);
            for (double w : marketWeights) {
                all.add(w);
            }
            all.add(marketNight);
            return all;
        }
    }

    private final ZoneId zone;
    private final double nightRatio;

    ReferenceVariance(ZoneId zone, double nightRatio) {
        this.zone = zone;
        this.nightRatio = nightRatio;
    }

    /** Which part of the day the minute starting at {@code ts} is in: before 04:00 the first, after 16:00 the last. */
    int part(long ts) {
        LocalTime t = Instant.ofEpochMilli(ts).atZone(zone).toLocalTime();
        int p = 0;
        for (int i = 0; i < PARTS; i++) {
            if (!t.isBefore(PART_START[i])) {
                p = i;
            }
        }
        return p;
    }

    boolean tradingDay(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The start of the day after the one {@code ts} is in. */
    long nextMidnight(long ts) {
        return Instant.ofEpochMilli(ts)
                .atZone(zone)
                .toLocalDate()
                .plusDays(1)
                .atStartOfDay(zone)
                .toInstant()
                .toEpochMilli();
    }

    int nights(long from, long to) {
        LocalDate a = Instant.ofEpochMilli(from).atZone(zone).toLocalDate();
        LocalDate b = Instant.ofEpochMilli(to).atZone(zone).toLocalDate();
        int n = 0;
        for (LocalDate d = a.plusDays(1); !d.isAfter(b); d = d.plusDays(1)) {
            if (tradingDay(d)) {
                n++;
            }
        }
        return n;
    }

    /** Walks {@code (from, to]} in pieces that end at minute boundaries, weighting each trading piece by its part. */
    double varianceMinutes(long from, long to, double[] weights, double night) {
        if (to <= from) {
            return 0;
        }
        double w = 0;
        long at = from;
        while (at < to) {
            long next = Math.min(to, Math.floorDiv(at, MINUTE) * MINUTE + MINUTE);
            ZonedDateTime local = Instant.ofEpochMilli(at).atZone(zone);
            LocalTime time = local.toLocalTime();
            if (tradingDay(local.toLocalDate()) && !time.isBefore(PART_START[0]) && time.isBefore(DAY_END)) {
                w += weights[part(at)] * (next - at) / (double) MINUTE;
            }
            at = next;
        }
        return w + night * nights(from, to);
    }

    /**
     * The profile of residuals {@code e} at {@code pointMinutes} (minute starts), with sigma {@code sigma} and slope
     * {@code beta}, shrunk toward the benchmark's profile of its minute closes {@code benchCloses} (by minute number);
     * {@code nights} are the stock's, {@code benchNights} the benchmark's (its own moves, no benchmark under them).
     */
    Profile estimate(
            List<Long> pointMinutes,
            List<Double> e,
            double sigma,
            double beta,
            Map<Long, Double> benchCloses,
            List<Night> nights,
            List<Night> benchNights) {
        int n = e.size();
        // the benchmark: variance of its minute returns per part (about the mean of all of them)
        double[] benchSq = new double[PARTS];
        int[] benchN = new int[PARTS];
        double benchSum = 0;
        int benchCount = 0;
        for (Map.Entry<Long, Double> c : benchCloses.entrySet()) {
            Double before = benchCloses.get(c.getKey() - 1);
            if (before != null) {
                benchSum += c.getValue() / before - 1;
                benchCount++;
            }
        }
        double benchMean = benchCount == 0 ? 0 : benchSum / benchCount;
        double benchTotal = 0;
        for (Map.Entry<Long, Double> c : benchCloses.entrySet()) {
            Double before = benchCloses.get(c.getKey() - 1);
            if (before != null) {
                double d = c.getValue() / before - 1 - benchMean;
                int p = part(c.getKey() * MINUTE);
                benchSq[p] += d * d;
                benchN[p]++;
                benchTotal += d * d;
            }
        }
        double[] benchVar = new double[PARTS];
        for (int p = 0; p < PARTS; p++) {
            if (benchN[p] > 0) {
                benchVar[p] = benchSq[p] / benchN[p];
            } else {
                benchVar[p] = benchCount == 0 ? 0 : benchTotal / benchCount;
            }
        }
        // the stock's residuals per part
        double[] sq = new double[PARTS];
        int[] count = new int[PARTS];
        double all = 0;
        for (int i = 0; i < n; i++) {
            int p = part(pointMinutes.get(i));
            sq[p] += e.get(i) * e.get(i);
            count[p]++;
            all += e.get(i) * e.get(i);
        }
        double benchOverPoints = 0;
        for (int p = 0; p < PARTS; p++) {
            benchOverPoints += count[p] * benchVar[p];
        }
        double[] w = new double[PARTS];
        double overPoints = 0;
        for (int p = 0; p < PARTS; p++) {
            double prior = benchOverPoints > 0 ? benchVar[p] * n / benchOverPoints : 1.0;
            w[p] = (sq[p] / (all / n) + SHRINK_POINTS * prior) / (count[p] + SHRINK_POINTS);
            overPoints += count[p] * w[p];
        }
        for (int p = 0; p < PARTS; p++) {
            w[p] = w[p] * n / overPoints;
        }
        double sigma2 = sigma * sigma;
        double[] market = new double[PARTS];
        for (int p = 0; p < PARTS; p++) {
            market[p] = beta * beta * benchVar[p] / sigma2;
        }
        List<Double> stockMoves = new ArrayList<>();
        for (Night x : nights) {
            double g = (x.firstPrice() / x.lastPrice() - 1) - beta * (x.benchAtFirst() / x.benchAtLast() - 1);
            stockMoves.add(g * g / sigma2);
        }
        List<Double> benchMoves = new ArrayList<>();
        for (Night x : benchNights) {
            double g = x.firstPrice() / x.lastPrice() - 1;
            benchMoves.add(beta * beta * g * g / sigma2);
        }
        return new Profile(w, night(w, nights, stockMoves), market, night(market, benchNights, benchMoves));
    }

    /** The nights' squared moves less their extended-hours minutes, shrunk toward the prior by ten nights. */
    private double night(double[] w, List<Night> nights, List<Double> squaredMoves) {
        double day = 0;
        for (int p = 0; p < PARTS; p++) {
            LocalTime end = p + 1 < PARTS ? PART_START[p + 1] : DAY_END;
            day += w[p] * (end.toSecondOfDay() - PART_START[p].toSecondOfDay()) / 60.0;
        }
        double priorNight = nightRatio * day;
        double sum = 0;
        for (int i = 0; i < nights.size(); i++) {
            double excess = squaredMoves.get(i)
                    - varianceMinutes(nights.get(i).lastTs(), nights.get(i).firstTs(), w, 0);
            sum += Math.min(excess, 9 * priorNight); // a night counts at most as a three-sigma one
        }
        return Math.max(0, (sum + SHRINK_NIGHTS * priorNight) / (nights.size() + SHRINK_NIGHTS));
    }

    /**
     * The variance of an abnormal return whose stock leg covers {@code (s0, s1]} and benchmark leg {@code (m0, m1]}:
     * the stock's over its leg, and the market's over the minutes and nights exactly one of the legs covers, found by
     * walking both legs' span piece by piece.
     */
    double abnormalVariance(Profile p, long s0, long s1, long m0, long m1) {
        double v = varianceMinutes(s0, s1, p.weights(), p.night());
        long from = Math.min(s0, m0);
        long to = Math.max(s1, m1);
        long at = from;
        while (at < to) {
            long next = Math.min(to, Math.floorDiv(at, MINUTE) * MINUTE + MINUTE);
            for (long cut : new long[] {s0, s1, m0, m1}) {
                if (cut > at && cut < next) {
                    next = cut;
                }
            }
            boolean inStock = at >= s0 && next <= s1;
            boolean inBench = at >= m0 && next <= m1;
            if (inStock != inBench) {
                v += varianceMinutes(at, next, p.marketWeights(), 0);
            }
            at = next;
        }
        // a night belongs to a leg when the midnight starting its next trading day is inside the leg
        LocalDate last = Instant.ofEpochMilli(to).atZone(zone).toLocalDate();
        for (LocalDate d = Instant.ofEpochMilli(from).atZone(zone).toLocalDate().plusDays(1);
                !d.isAfter(last);
                d = d.plusDays(1)) {
            long midnight = d.atStartOfDay(zone).toInstant().toEpochMilli();
            if (tradingDay(d) && (s0 < midnight && midnight <= s1) != (m0 < midnight && midnight <= m1)) {
                v += p.marketNight();
            }
        }
        return v;
    }
}
