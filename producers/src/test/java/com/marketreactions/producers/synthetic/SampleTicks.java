package com.marketreactions.producers.synthetic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ticks.csv read back, per symbol in file order, with the event-study arithmetic of
 * the reaction contract, docs/reactions.md (rules 1, 3, 5–8, market model) to check the sample tells the story it should.
 */
final class SampleTicks {

    record Tick(long ts, double price) {}

    record Study(
            double rawReturn,
            double benchmarkReturn,
            double beta,
            double sigma,
            int points,
            int marketMinutes,
            double abnormalReturn,
            double zScore) {}

    private final Map<String, List<Tick>> bySymbol = new HashMap<>();

    SampleTicks(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            bySymbol.computeIfAbsent(c[0], s -> new ArrayList<>())
                    .add(new Tick(Instant.parse(c[1]).toEpochMilli(), Double.parseDouble(c[2])));
        }
    }

    List<Tick> of(String symbol) {
        return bySymbol.get(symbol);
    }

    /** The last tick of a symbol on a New York date. */
    Tick close(String symbol, LocalDate date) {
        Tick last = null;
        for (Tick t : of(symbol)) {
            if (TradingCalendar.dateOf(Instant.ofEpochMilli(t.ts)).equals(date)) {
                last = t;
            }
        }
        return last;
    }

    /** Lowest and highest regular-session price of a symbol on a date. */
    double[] range(String symbol, LocalDate date) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Tick t : of(symbol)) {
            Instant at = Instant.ofEpochMilli(t.ts);
            if (TradingCalendar.dateOf(at).equals(date) && TradingCalendar.sessionAt(at) == Session.REGULAR) {
                lo = Math.min(lo, t.price);
                hi = Math.max(hi, t.price);
            }
        }
        return new double[] {lo, hi};
    }

    /** The reaction of {@code s} against {@code m} to news at {@code t0} over {@code h}, estimated over 5 days. */
    Study study(String s, String m, Instant t0, Duration h) {
        long from = t0.minus(Duration.ofDays(5)).toEpochMilli();
        long at = t0.toEpochMilli();
        long end = t0.plus(h).toEpochMilli();
        double raw = last(of(s), from, end) / last(of(s), from, at) - 1;
        double bench = last(of(m), from, end) / last(of(m), from, at) - 1;
        TreeMap<Long, Double> cs = minuteCloses(of(s), from, at);
        TreeMap<Long, Double> cm = minuteCloses(of(m), from, at);
        List<double[]> points = new ArrayList<>();
        for (Map.Entry<Long, Double> e : cs.entrySet()) {
            long k = e.getKey();
            if (cm.containsKey(k) && cs.containsKey(k - 1) && cm.containsKey(k - 1)) {
                points.add(new double[] {cm.get(k) / cm.get(k - 1) - 1, e.getValue() / cs.get(k - 1) - 1});
            }
        }
        int n = points.size();
        double mx = 0;
        double my = 0;
        for (double[] p : points) {
            mx += p[0] / n;
            my += p[1] / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sxx += (p[0] - mx) * (p[0] - mx);
            sxy += (p[0] - mx) * (p[1] - my);
        }
        double beta = sxy / sxx;
        double alpha = my - beta * mx;
        double sse = 0;
        for (double[] p : points) {
            double e = p[1] - alpha - beta * p[0];
            sse += e * e;
        }
        double sigma = Math.sqrt(sse / (n - 2));
        int minutes = (int) of(m).stream()
                .filter(t -> t.ts > at && t.ts <= end)
                .map(t -> t.ts / 60_000)
                .distinct()
                .count();
        double abnormal = raw - beta * bench;
        return new Study(raw, bench, beta, sigma, n, minutes, abnormal, abnormal / (sigma * Math.sqrt(minutes)));
    }

    private static double last(List<Tick> ticks, long from, long to) {
        double p = Double.NaN;
        for (Tick t : ticks) {
            if (t.ts >= from && t.ts <= to) {
                p = t.price;
            }
        }
        return p;
    }

    private static TreeMap<Long, Double> minuteCloses(List<Tick> ticks, long from, long before) {
        TreeMap<Long, Double> out = new TreeMap<>();
        for (Tick t : ticks) {
            if (t.ts >= from && t.ts < before) {
                out.put(t.ts / 60_000, t.price);
            }
        }
        return out;
    }
}
