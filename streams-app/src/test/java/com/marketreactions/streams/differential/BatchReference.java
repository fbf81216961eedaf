package com.marketreactions.streams.differential;

import com.marketreactions.schema.Direction;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionModel;
import com.marketreactions.schema.ReactionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A second, independent implementation of the contract reaction-semantics.md (Definitions 1-10 and the Output
 * field list): a batch computation over the whole input, with plain lists and loops. Deliberately naive
 * (every reaction rescans every tick of its symbol) so that each rule reads like the spec.
 *
 * <p>It does not model the stream: it assumes no tick is late and no news is late (the generator guarantees
 * both), so the topology must produce exactly these FINAL reactions.
 */
final class BatchReference {

    static final long BUCKET_MS = 60_000L;
    static final double SIGNIFICANCE = 1.96;

    /** The spec's parameters, in epoch-ms units. */
    record Params(List<HorizonSpec> horizons, String benchmark, long estimationMs, int minPoints,
                  double directionThreshold) {
    }

    record HorizonSpec(String label, long millis) {
    }

    /** A tick with its position in the input: the tie-break for equal ts. */
    record SeqTick(String symbol, long ts, double price, long size, int position) {
    }

    private final Params params;
    /** Ticks per symbol, ordered by (ts, input position). */
    private final Map<String, List<SeqTick>> ticksBySymbol = new LinkedHashMap<>();
    private final List<MarketInput.News> news = new ArrayList<>();

    BatchReference(Params params, List<MarketInput> inputsInArrivalOrder) {
        this.params = params;
        int position = 0;
        for (MarketInput in : inputsInArrivalOrder) {
            if (in instanceof MarketInput.Tick t) {
                ticksBySymbol.computeIfAbsent(t.symbol(), k -> new ArrayList<>())
                        .add(new SeqTick(t.symbol(), t.ts(), t.price(), t.size(), position));
            } else if (in instanceof MarketInput.News n) {
                news.add(n);
            }
            position++;
        }
        for (List<SeqTick> list : ticksBySymbol.values()) {
            list.sort(Comparator.comparingLong(SeqTick::ts).thenComparingInt(SeqTick::position));
        }
    }

    static String key(String newsId, String ticker, String horizon) {
        return newsId + "|" + ticker + "|" + horizon;
    }

    /** Every FINAL reaction, by {@link #key}. */
    Map<String, MarketReaction> reactions() {
        Map<String, MarketReaction> out = new LinkedHashMap<>();
        Set<String> seenNews = new HashSet<>();
        for (MarketInput.News n : news) {
            if (!seenNews.add(n.id())) {
                continue; // a repeated news id is reacted to once
            }
            List<String> tickers = tickersOf(n);
            for (String s : tickers) {
                for (HorizonSpec h : params.horizons()) {
                    out.put(key(n.id(), s, h.label()), reaction(n, tickers, s, h));
                }
            }
        }
        return out;
    }

    /** Explicit tickers, upper case, de-duplicated, in first-seen order (no alias table here). */
    static List<String> tickersOf(MarketInput.News n) {
        LinkedHashSet<String> set = new LinkedHashSet<>();
        for (String t : n.tickers()) {
            String u = t.trim().toUpperCase(Locale.ROOT);
            if (!u.isEmpty()) {
                set.add(u);
            }
        }
        return List.copyOf(set);
    }

    private List<SeqTick> ticks(String symbol) {
        return ticksBySymbol.getOrDefault(symbol, List.of());
    }

    /** Ticks of {@code symbol} with {@code from <= ts <= to} (inclusive both ends), in order. */
    private List<SeqTick> closed(String symbol, long from, long to) {
        List<SeqTick> r = new ArrayList<>();
        for (SeqTick t : ticks(symbol)) {
            if (t.ts() >= from && t.ts() <= to) {
                r.add(t);
            }
        }
        return r;
    }

    /** Ticks of {@code symbol} with {@code from < ts <= to}, in order. */
    private List<SeqTick> openClosed(String symbol, long from, long to) {
        List<SeqTick> r = new ArrayList<>();
        for (SeqTick t : ticks(symbol)) {
            if (t.ts() > from && t.ts() <= to) {
                r.add(t);
            }
        }
        return r;
    }

    /** Ticks of {@code symbol} with {@code from <= ts < to}, in order. */
    private List<SeqTick> closedOpen(String symbol, long from, long to) {
        List<SeqTick> r = new ArrayList<>();
        for (SeqTick t : ticks(symbol)) {
            if (t.ts() >= from && t.ts() < to) {
                r.add(t);
            }
        }
        return r;
    }

    private static SeqTick last(List<SeqTick> list) {
        return list.isEmpty() ? null : list.get(list.size() - 1);
    }

    private static Set<Long> buckets(List<SeqTick> list) {
        Set<Long> b = new HashSet<>();
        for (SeqTick t : list) {
            b.add(Math.floorDiv(t.ts(), BUCKET_MS));
        }
        return b;
    }

    /** close(k) = price of the last tick in bucket k (ticks iterated in order, later overwrite). */
    private static Map<Long, Double> closes(List<SeqTick> list) {
        Map<Long, Double> c = new TreeMap<>();
        for (SeqTick t : list) {
            c.put(Math.floorDiv(t.ts(), BUCKET_MS), t.price());
        }
        return c;
    }

    private static Instant instant(SeqTick t) {
        return t == null ? null : Instant.ofEpochMilli(t.ts());
    }

    private static Double price(SeqTick t) {
        return t == null ? null : t.price();
    }

    MarketReaction reaction(MarketInput.News n, List<String> newsTickers, String s, HorizonSpec h) {
        String m = params.benchmark();
        long t0 = n.t0();
        long from = t0 - params.estimationMs();
        long to = t0 + h.millis();
        List<String> flags = new ArrayList<>();

        // 1. baseline: last tick of s with T0 - E <= ts <= T0
        SeqTick base = last(closed(s, from, t0));
        // 2. window: T0 < ts <= T0 + h
        List<SeqTick> window = openClosed(s, t0, to);
        long tickCount = window.size();
        long volume = 0;
        Double high = null;
        Double low = null;
        for (SeqTick t : window) {
            volume += t.size();
            high = high == null ? t.price() : Math.max(high, t.price());
            low = low == null ? t.price() : Math.min(low, t.price());
        }
        SeqTick first = window.isEmpty() ? null : window.get(0);
        // 3. end: last tick of s with T0 - E <= ts <= T0 + h (the baseline itself when W is empty)
        SeqTick end = last(closed(s, from, to));
        if (window.isEmpty()) {
            end = base;
        }

        if (base == null) {
            flags.add("NO_BASELINE");
        }
        if (window.isEmpty()) {
            flags.add("NO_TICKS_IN_WINDOW");
        }
        // 5. benchmark: rules 1 and 3 applied to m
        SeqTick b0 = last(closed(m, from, t0));
        SeqTick b1 = last(closed(m, from, to));
        if (b0 == null) {
            flags.add("NO_BENCHMARK");
        }
        boolean isBenchmark = s.equals(m);
        if (isBenchmark) {
            flags.add("IS_BENCHMARK");
        }

        // 4. returns (price-derived: only with a baseline)
        Double rawReturn = null;
        Double maxRunup = null;
        Double maxDrawdown = null;
        Direction direction = null;
        if (base != null) {
            double p0 = base.price();
            rawReturn = end.price() / p0 - 1;
            maxRunup = high == null ? null : high / p0 - 1;
            maxDrawdown = low == null ? null : low / p0 - 1;
            // 10. direction
            if (rawReturn > params.directionThreshold()) {
                direction = Direction.UP;
            } else if (rawReturn < -params.directionThreshold()) {
                direction = Direction.DOWN;
            } else {
                direction = Direction.FLAT;
            }
        }

        // 9. volume
        List<SeqTick> est = closedOpen(s, from, t0);
        long estVolume = 0;
        for (SeqTick t : est) {
            estVolume += t.size();
        }
        long estMinutes = buckets(est).size();
        long winMinutes = buckets(window).size();
        Double abnormalVolumeRatio = null;
        if (volume != 0 && winMinutes != 0 && estVolume != 0 && estMinutes != 0) {
            abnormalVolumeRatio = ((double) volume / winMinutes) / ((double) estVolume / estMinutes);
        }

        // 7. model
        ReactionModel model = ReactionModel.NONE;
        Double benchmarkReturn = null;
        Double alpha = null;
        Double beta = null;
        Double sigma = null;
        Integer points = null;
        Integer marketMinutes = null;
        Double expectedReturn = null;
        Double abnormalReturn = null;
        Double zScore = null;
        Boolean significant = null;
        if (base != null && b0 != null && !isBenchmark) {
            benchmarkReturn = b1.price() / b0.price() - 1;

            // 6. estimation points
            Map<Long, Double> cs = closes(closedOpen(s, from, t0));
            Map<Long, Double> cm = closes(closedOpen(m, from, t0));
            List<Double> rs = new ArrayList<>();
            List<Double> rm = new ArrayList<>();
            for (long k : cs.keySet()) {
                if (cs.containsKey(k - 1) && cm.containsKey(k) && cm.containsKey(k - 1)) {
                    rs.add(cs.get(k) / cs.get(k - 1) - 1);
                    rm.add(cm.get(k) / cm.get(k - 1) - 1);
                }
            }
            int np = rs.size();
            points = np;
            boolean rmConstant = true;
            for (double x : rm) {
                if (x != rm.get(0)) {
                    rmConstant = false;
                    break;
                }
            }
            if (np >= params.minPoints() && !rmConstant) {
                model = ReactionModel.MARKET_MODEL;
                double mx = mean(rm);
                double my = mean(rs);
                double sxx = 0;
                double sxy = 0;
                for (int i = 0; i < np; i++) {
                    sxx += (rm.get(i) - mx) * (rm.get(i) - mx);
                    sxy += (rm.get(i) - mx) * (rs.get(i) - my);
                }
                beta = sxy / sxx;
                alpha = my - beta * mx;
                double sse = 0;
                for (int i = 0; i < np; i++) {
                    double e = rs.get(i) - alpha - beta * rm.get(i);
                    sse += e * e;
                }
                sigma = Math.sqrt(sse / (np - 2));
            } else {
                model = ReactionModel.MARKET_ADJUSTED;
                alpha = 0.0;
                beta = 1.0;
                if (np >= 2) {
                    List<Double> d = new ArrayList<>();
                    for (int i = 0; i < np; i++) {
                        d.add(rs.get(i) - rm.get(i));
                    }
                    double md = mean(d);
                    double ss = 0;
                    for (double x : d) {
                        ss += (x - md) * (x - md);
                    }
                    sigma = Math.sqrt(ss / (np - 1));
                }
            }

            // 8. market clock, expected and abnormal return, z-score
            marketMinutes = buckets(openClosed(m, t0, to)).size();
            expectedReturn = beta * benchmarkReturn;
            abnormalReturn = rawReturn - expectedReturn;
            if (sigma != null && sigma != 0.0 && marketMinutes != 0) {
                zScore = abnormalReturn / (sigma * Math.sqrt(marketMinutes));
                significant = Math.abs(zScore) >= SIGNIFICANCE;
            }
        }

        return MarketReaction.newBuilder()
                .setNewsId(n.id())
                .setTicker(s)
                .setHorizon(h.label())
                .setStatus(ReactionStatus.FINAL)
                .setEventTime(Instant.ofEpochMilli(t0))
                .setBaselinePrice(price(base))
                .setBaselineTime(instant(base))
                .setEndPrice(price(end))
                .setEndTime(instant(end))
                .setFirstPrice(price(first))
                .setFirstTime(instant(first))
                .setRawReturn(rawReturn)
                .setHigh(high)
                .setLow(low)
                .setMaxRunup(maxRunup)
                .setMaxDrawdown(maxDrawdown)
                .setTickCount(tickCount)
                .setVolume(volume)
                .setBenchmark(m)
                .setBenchmarkReturn(benchmarkReturn)
                .setModel(model)
                .setAlpha(alpha)
                .setBeta(beta)
                .setSigma(sigma)
                .setEstimationPoints(points)
                .setMarketMinutes(marketMinutes)
                .setExpectedReturn(expectedReturn)
                .setAbnormalReturn(abnormalReturn)
                .setZScore(zScore)
                .setSignificant(significant)
                .setAbnormalVolumeRatio(abnormalVolumeRatio)
                .setDirection(direction)
                .setFlags(flags)
                .setHeadline(n.headline())
                .setSource(n.source())
                .setSentiment(n.sentiment())
                .setNewsTickers(newsTickers)
                .build();
    }

    private static double mean(List<Double> xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.size();
    }
}
