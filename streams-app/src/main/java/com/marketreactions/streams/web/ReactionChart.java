package com.marketreactions.streams.web;

import com.marketreactions.common.Shares;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.reaction.SessionClock;
import com.marketreactions.streams.reaction.TickSeries;
import com.marketreactions.streams.reaction.VarianceProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the chart of one (news, ticker) shows, in one-minute bars aligned to T0 (bar k ends at T0 + k min,
 * so every horizon ends on a bar's end), from an hour before T0 to an eighth past the longest horizon: the ticker's and the benchmark's last price by each bar's end,
 * indexed to 0% at their baselines P0 and B0; the model's expected return {@code beta * benchmark} with a
 * band of {@code ±1.96 sigma sqrt(v)} around it (v: the variance minutes of the returns so far, from the baseline
 * trades to the last trades, from the reaction's {@code varianceWeights}, as the z-score counts them), so at each horizon the
 * ticker's line is outside the band exactly when the move is significant; the ticker's volume per bar
 * and its normal volume per minute; the trades of the ticker and the benchmark per bar (where the page draws
 * closed hours narrow); markers for T0, the other news on the ticker in view and the horizons.
 * The model's lines stop at the longest horizon.
 *
 * <p>A pure function of the ticks and the reactions: at each horizon's end the lines equal the reaction's
 * {@code rawReturn}, {@code benchmarkReturn} and {@code expectedReturn}.
 */
public record ReactionChart(
        String newsId,
        String ticker,
        String benchmark,
        long t0,
        long[] x,
        Double[] stock,
        Double[] bench,
        Double[] expected,
        Double[] lower,
        Double[] upper,
        double[] volume,
        int[] trades,
        Double normalVolume,
        List<Marker> markers,
        List<MarketReaction> reactions) {

    /** How far before T0 the chart starts. */
    public static final long BEFORE_MS = 60 * 60_000L;

    static final long BAR_MS = 60_000L;
    private static final double Z = 1.96;

    /** A vertical line: {@code kind} is {@code t0}, {@code news} (another news on the ticker) or {@code horizon}. */
    public record Marker(long t, String kind, String label) {}

    /** Another news on the same ticker, for a marker. */
    public record OtherNews(String id, long t, String label) {}

    /**
     * The time range a chart of these reactions covers: from {@link #BEFORE_MS} before T0 to an eighth past
     * the longest horizon (what followed, for context: the news of the next hours shows up).
     */
    public static long[] range(List<MarketReaction> reactions) {
        long t0 = reactions.get(0).getEventTime().toEpochMilli();
        long h = longest(reactions).millis();
        return new long[] {t0 - BEFORE_MS, t0 + h + h / 8};
    }

    /**
     * @param reactions the FINAL reactions of one (news, ticker), one per horizon
     * @param stock the ticker's ticks from the last one before the chart's start to its end, in processing order
     * @param bench the benchmark's, likewise (empty when the ticker is the benchmark)
     * @param clock the exchange's day, which the reactions' variance weights are by
     */
    public static ReactionChart of(
            List<MarketReaction> reactions,
            TickSeries stock,
            TickSeries bench,
            List<OtherNews> others,
            SessionClock clock) {
        List<MarketReaction> rs = reactions.stream()
                .sorted(Comparator.comparing(r -> Horizon.parse(r.getHorizon()).length()))
                .toList();
        MarketReaction longest = rs.get(rs.size() - 1);
        long t0 = longest.getEventTime().toEpochMilli();
        long end = t0 + Horizon.parse(longest.getHorizon()).millis();
        long viewEnd = range(rs)[1];
        int before = (int) (BEFORE_MS / BAR_MS);
        int bars = before + (int) Math.ceil((viewEnd - t0) / (double) BAR_MS) + 1;
        long[] x = new long[bars];
        Double[] s = new Double[bars];
        Double[] b = new Double[bars];
        Double[] exp = new Double[bars];
        Double[] lo = new Double[bars];
        Double[] hi = new Double[bars];
        long[] vol = new long[bars];
        int[] trades = new int[bars];
        Double p0 = longest.getBaselinePrice();
        Double b0 = longest.getBenchmarkReturn() == null ? null : lastAtOrBefore(bench, t0);
        Double beta = longest.getBeta();
        Double sigma = longest.getSigma();
        VarianceProfile profile = VarianceProfile.of(longest.getVarianceWeights());
        Long baselineTs = longest.getBaselineTime() == null
                ? null
                : longest.getBaselineTime().toEpochMilli();
        long lastStockTs = Long.MIN_VALUE;
        int benchBase = bench.lastAtOrBefore(t0);
        long benchBaseTs = benchBase < 0 ? Long.MIN_VALUE : bench.ts(benchBase);
        long lastBenchTs = Long.MIN_VALUE;
        int si = 0;
        int bi = 0;
        double lastStock = Double.NaN;
        double lastBench = Double.NaN;
        for (int k = 0; k < bars; k++) {
            long barEnd = Math.min(viewEnd, t0 + (k - before) * BAR_MS);
            x[k] = barEnd;
            long barStart = barEnd - BAR_MS;
            for (; si < stock.size() && stock.ts(si) <= barEnd; si++) {
                lastStock = stock.price(si);
                lastStockTs = stock.ts(si);
                if (stock.ts(si) > barStart) {
                    vol[k] = Shares.add(vol[k], stock.volume(si));
                    trades[k]++;
                }
            }
            for (; bi < bench.size() && bench.ts(bi) <= barEnd; bi++) {
                lastBench = bench.price(bi);
                lastBenchTs = bench.ts(bi);
                if (bench.ts(bi) > barStart) {
                    trades[k]++;
                }
            }
            s[k] = p0 == null || Double.isNaN(lastStock) ? null : lastStock / p0 - 1;
            b[k] = b0 == null || Double.isNaN(lastBench) ? null : lastBench / b0 - 1;
            if (barEnd > t0 && barEnd <= end && beta != null && b[k] != null) {
                exp[k] = beta * b[k];
                if (sigma != null && profile != null && baselineTs != null) {
                    // the returns so far: the stock's from its baseline trade to its last trade after T0, the
                    // benchmark's from its own
                    long s1 = lastStockTs > t0 ? lastStockTs : baselineTs;
                    long m1 = lastBenchTs > t0 ? lastBenchTs : benchBaseTs;
                    double v = profile.varianceMinutes(clock, baselineTs, s1, benchBaseTs, m1);
                    double half = Z * sigma * Math.sqrt(v);
                    lo[k] = exp[k] - half;
                    hi[k] = exp[k] + half;
                }
            }
        }
        List<Marker> markers = new ArrayList<>();
        markers.add(new Marker(t0, "t0", "news"));
        for (OtherNews o : others) {
            if (!o.id().equals(longest.getNewsId()) && o.t() >= x[0] && o.t() <= viewEnd) {
                markers.add(new Marker(o.t(), "news", o.label()));
            }
        }
        for (MarketReaction r : rs) {
            markers.add(new Marker(
                    t0 + Horizon.parse(r.getHorizon()).millis(),
                    "horizon",
                    Horizon.parse(r.getHorizon()).label()));
        }
        return new ReactionChart(
                longest.getNewsId(),
                longest.getTicker(),
                longest.getBenchmark(),
                t0,
                x,
                s,
                b,
                exp,
                lo,
                hi,
                Arrays.stream(vol).mapToDouble(Shares::of).toArray(),
                trades,
                normalVolume(longest, stock),
                markers,
                rs);
    }

    /**
     * B0, which the reaction does not carry: the benchmark's last tick at or before T0 (the series starts with
     * the last tick before the chart, so it holds it; a reaction with a benchmark return had one within E).
     */
    private static Double lastAtOrBefore(TickSeries series, long t) {
        int i = series.lastAtOrBefore(t);
        return i < 0 ? null : series.price(i);
    }

    /**
     * The ticker's normal volume per minute, as the abnormal-volume ratio has it:
     * {@code (volume / winMinutes) / abnormalVolumeRatio}, winMinutes the minutes with a tick in the window.
     */
    private static Double normalVolume(MarketReaction r, TickSeries stock) {
        if (r.getAbnormalVolumeRatio() == null || r.getAbnormalVolumeRatio() == 0) {
            return null;
        }
        long t0 = r.getEventTime().toEpochMilli();
        long end = t0 + Horizon.parse(r.getHorizon()).millis();
        Set<Long> minutes = new HashSet<>();
        for (int i = 0; i < stock.size(); i++) {
            if (stock.ts(i) > t0 && stock.ts(i) <= end) {
                minutes.add(Math.floorDiv(stock.ts(i), BAR_MS));
            }
        }
        return minutes.isEmpty() ? null : r.getVolume() / (double) minutes.size() / r.getAbnormalVolumeRatio();
    }

    private static Horizon longest(List<MarketReaction> reactions) {
        return reactions.stream()
                .map(r -> Horizon.parse(r.getHorizon()))
                .max(Comparator.comparing(Horizon::length))
                .orElseThrow();
    }
}
