package com.marketreactions.streams.reaction;

import com.marketreactions.common.Shares;
import com.marketreactions.schema.Direction;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionModel;
import com.marketreactions.schema.ResidualHours;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The reaction of one ticker to one news event over one horizon, computed from tick history exactly as
 * docs/reactions.md defines it (sections 1-10). A pure function: no state, no I/O.
 *
 * <p>It fills the computed fields of a {@link MarketReaction.Builder}; the caller sets identity fields
 * (news id, ticker, horizon label, status, headline) and may add flags such as {@code LATE_NEWS}.
 */
public final class ReactionCalculator {

    public static final String NO_BASELINE = "NO_BASELINE";
    public static final String NO_TICKS_IN_WINDOW = "NO_TICKS_IN_WINDOW";
    public static final String NO_BENCHMARK = "NO_BENCHMARK";
    public static final String IS_BENCHMARK = "IS_BENCHMARK";
    public static final String LATE_NEWS = "LATE_NEWS";
    /**
     * Not in the spec's list: the news arrived later than the lateness bound, when some of the history before
     * its T0 had already been dropped; its estimate may miss ticks.
     */
    public static final String HISTORY_TRUNCATED = "HISTORY_TRUNCATED";
    /**
     * Not in the spec's list: a service finalized the reaction without the benchmark's ticks of its window,
     * after waiting the configured benchmark wait for them while the stock's ticks went on (the benchmark's
     * partition restoring, failing over or lagging); benchmarkReturn, the model's numbers and marketMinutes
     * may miss ticks.
     */
    public static final String BENCHMARK_STALLED = "BENCHMARK_STALLED";
    /**
     * Not in the spec's list: the model stands on fewer estimation points than {@code min.points} (so the market model
     * falls back to market-adjusted, and any model's sigma, when there is one, rests on those few points).
     */
    public static final String SHORT_ESTIMATION = "SHORT_ESTIMATION";
    /**
     * Not in the spec's list: {@code abnormalVolumeRatio} divides by the volume of fewer estimation minutes than
     * {@code min.points}: a normal volume that few minutes cannot tell.
     */
    public static final String FEW_VOLUME_MINUTES = "FEW_VOLUME_MINUTES";
    /**
     * Not in the spec's list: a FINAL of a window that ends after the benchmark's last trade of an input that has
     * ended; the data stopped before the horizon, so the window holds only what came before.
     */
    public static final String INPUT_ENDED_EARLY = "INPUT_ENDED_EARLY";

    static final long BAR_MS = 60_000L;

    private final long estimationMs;
    private final int minPoints;
    private final NormalModel model;
    private final double directionThreshold;
    private final SessionClock clock;
    private final double nightRatio;

    /**
     * @param estimationMs the estimation window E, also the baseline look-back
     * @param minPoints fewest estimation points for the market model, and for a sigma not flagged SHORT_ESTIMATION
     * @param model the normal-return model to fit
     * @param directionThreshold |rawReturn| above which the direction is UP or DOWN, e.g. 0.005
     * @param session the exchange's day, for the variance of a window ({@link VarianceProfile})
     */
    public ReactionCalculator(
            long estimationMs, int minPoints, NormalModel model, double directionThreshold, SessionConfig session) {
        this.estimationMs = estimationMs;
        this.minPoints = minPoints;
        this.model = model;
        this.directionThreshold = directionThreshold;
        this.clock = new SessionClock(session.zone());
        this.nightRatio = session.nightRatio();
    }

    public long estimationMs() {
        return estimationMs;
    }

    /**
     * Everything that depends only on history up to T0 (spec 1, 5-7, 9): the baseline, the benchmark's
     * baseline, the fitted model and the estimation volume. It is the same for every horizon of a
     * (news, ticker), so the topology computes it once per pair.
     *
     * @param stock ticks of s covering at least {@code [t0 - E, t0]}; later ticks are ignored
     * @param bench ticks of the benchmark over the same range; null when s is the benchmark
     */
    public Estimate estimate(long t0, TickSeries stock, TickSeries bench) {
        long from = t0 - estimationMs;
        int b = lastIn(stock, from, t0);
        int i0 = stock.firstAtOrAfter(from);
        int i1 = stock.lastAtOrBefore(t0 - 1);
        long estVolume = 0;
        for (int i = i0; i <= i1; i++) {
            estVolume = Shares.add(estVolume, stock.volume(i));
        }
        int estMinutes = distinctBuckets(stock, i0, i1);
        Double b0 = null;
        Long b0Time = null;
        Model fitted = new Model(null, null, null, null);
        if (bench != null) {
            int bb = lastIn(bench, from, t0);
            if (bb >= 0) {
                b0 = bench.price(bb);
                b0Time = bench.ts(bb);
                if (b >= 0) {
                    fitted = estimate(stock, bench, from, t0);
                }
            }
        }
        return new Estimate(
                t0,
                b >= 0 ? stock.price(b) : null,
                b >= 0 ? stock.ts(b) : null,
                bench == null,
                b0,
                b0Time,
                fitted.fit(),
                fitted.profile(),
                fitted.ranks(),
                fitted.hours(),
                estVolume,
                estMinutes);
    }

    /** Single-pass form: {@link #estimate} then {@link #compute(Estimate, long, TickSeries, TickSeries, MarketReaction.Builder)}. */
    public MarketReaction.Builder compute(
            long t0, long horizonMs, TickSeries stock, TickSeries bench, MarketReaction.Builder out) {
        return compute(estimate(t0, stock, bench), horizonMs, stock, bench, out);
    }

    /**
     * The reaction over one horizon (spec 1-10) from the history before T0, summarized in {@code est}, and
     * the ticks after it.
     *
     * @param stock ticks of s covering at least the window {@code (t0, t0 + h]}; others are ignored
     * @param bench ticks of the benchmark covering the window; ignored when s is the benchmark
     */
    public MarketReaction.Builder compute(
            Estimate est, long horizonMs, TickSeries stock, TickSeries bench, MarketReaction.Builder out) {
        return compute(est, WindowStats.of(est.t0(), horizonMs, stock, est.isBenchmark() ? null : bench), out);
    }

    /** The reaction from the history before T0 ({@code est}) and the statistics of its window. */
    public MarketReaction.Builder compute(Estimate est, WindowStats w, MarketReaction.Builder out) {
        List<String> flags = new ArrayList<>(2);
        out.setEventTime(Instant.ofEpochMilli(est.t0()));

        // 1. baseline: last tick in [t0 - E, t0]
        Double p0 = est.baselinePrice();
        out.setBaselinePrice(p0).setBaselineTime(p0 != null ? Instant.ofEpochMilli(est.baselineTime()) : null);
        if (p0 == null) {
            flags.add(NO_BASELINE);
        }

        // 2. window (t0, t0 + h]
        out.setTickCount(w.count).setVolume(Shares.of(w.volume));
        if (w.count > 0) {
            out.setHigh(w.high).setLow(w.low).setFirstPrice(w.firstPrice).setFirstTime(Instant.ofEpochMilli(w.firstTs));
        } else {
            out.setHigh(null).setLow(null).setFirstPrice(null).setFirstTime(null);
            flags.add(NO_TICKS_IN_WINDOW);
        }

        // 3. end: last tick in [t0 - E, t0 + h]; the baseline when the window is empty
        Double p1 = w.count > 0 ? Double.valueOf(w.lastPrice) : p0;
        Long p1Time = w.count > 0 ? Long.valueOf(w.lastTs) : est.baselineTime();
        out.setEndPrice(p1).setEndTime(p1Time != null ? Instant.ofEpochMilli(p1Time) : null);

        // 4. returns, only against a baseline
        Double raw = p0 != null ? p1 / p0 - 1 : null;
        out.setRawReturn(raw);
        out.setMaxRunup(p0 != null && w.count > 0 ? w.high / p0 - 1 : null);
        out.setMaxDrawdown(p0 != null && w.count > 0 ? w.low / p0 - 1 : null);
        out.setDirection(
                raw == null
                        ? null
                        : raw > directionThreshold
                                ? Direction.UP
                                : raw < -directionThreshold ? Direction.DOWN : Direction.FLAT);

        // 9. volume against the estimation window
        boolean volumeRatio = w.volume != 0 && w.minutes != 0 && est.estVolume() != 0 && est.estMinutes() != 0;
        out.setAbnormalVolumeRatio(
                volumeRatio ? ((double) w.volume / w.minutes) / ((double) est.estVolume() / est.estMinutes()) : null);

        // 5-8. benchmark and model
        if (est.isBenchmark()) {
            flags.add(IS_BENCHMARK);
            if (p0 == null) {
                flags.add(NO_BENCHMARK); // s is m: no baseline of s is no B0 either (spec 5, read literally)
            }
        } else if (est.benchmarkBaseline() == null) {
            flags.add(NO_BENCHMARK);
        }
        ModelFit fit = est.fit();
        if (fit == null) {
            out.setModel(ReactionModel.NONE)
                    .setBenchmarkReturn(null)
                    .setAlpha(null)
                    .setBeta(null)
                    .setSigma(null)
                    .setEstimationPoints(null)
                    .setMarketMinutes(null)
                    .setVarianceMinutes(null)
                    .setVarianceWeights(List.of())
                    .setExpectedReturn(null)
                    .setAbnormalReturn(null)
                    .setZScore(null)
                    .setSignificant(null)
                    .setEstimationPositiveShare(null)
                    .setGeneralizedRank(null);
        } else {
            double b1 = w.benchLast != null ? w.benchLast : est.benchmarkBaseline();
            double benchReturn = b1 / est.benchmarkBaseline() - 1;
            double expected = fit.beta() * benchReturn;
            double abnormal = raw - expected;
            // the variance of the times the return covers: the stock's from the trade of P0 to the trade of P1, the
            // benchmark's from the trade of B0 to the trade of B1
            long b1Time = w.benchLast != null ? w.benchLastTs() : est.benchmarkBaselineTime();
            Double varianceMinutes = est.profile() == null
                    ? null
                    : est.profile()
                            .varianceMinutes(clock, est.baselineTime(), p1Time, est.benchmarkBaselineTime(), b1Time);
            // without a trade of s in the window its abnormal return is the benchmark's move alone: nothing to test
            Double z = varianceMinutes == null || varianceMinutes == 0 || w.count == 0
                    ? null
                    : abnormal / (fit.sigma() * Math.sqrt(varianceMinutes));
            out.setModel(fit.model())
                    .setBenchmarkReturn(benchReturn)
                    .setAlpha(fit.alpha())
                    .setBeta(fit.beta())
                    .setSigma(fit.sigma())
                    .setEstimationPoints(fit.points())
                    .setMarketMinutes(w.marketMinutes)
                    .setVarianceMinutes(varianceMinutes)
                    .setVarianceWeights(
                            est.profile() == null ? List.of() : est.profile().asList())
                    .setExpectedReturn(expected)
                    .setAbnormalReturn(abnormal)
                    .setZScore(z)
                    .setSignificant(z == null ? null : Math.abs(z) >= 1.96)
                    .setEstimationPositiveShare(fit.positiveShare())
                    .setGeneralizedRank(z == null ? null : est.ranks().centeredRank(z));
            if (fit.points() < minPoints) {
                flags.add(SHORT_ESTIMATION);
            }
        }
        if (volumeRatio && est.estMinutes() < minPoints) {
            flags.add(FEW_VOLUME_MINUTES);
        }
        out.setFlags(flags);
        return out;
    }

    /** Index of the last tick with {@code from <= ts <= to}, or -1. */
    static int lastIn(TickSeries s, long from, long to) {
        int i = s.lastAtOrBefore(to);
        return i >= 0 && s.ts(i) >= from ? i : -1;
    }

    private static int distinctBuckets(TickSeries s, int i0, int i1) {
        int buckets = 0;
        long last = Long.MIN_VALUE;
        for (int i = i0; i <= i1; i++) {
            long k = Math.floorDiv(s.ts(i), BAR_MS);
            if (k != last) {
                buckets++;
                last = k;
            }
        }
        return buckets;
    }

    /** Spec 6-7: the model on the 1-minute returns of s and m over {@code [from, t0)}, and its variance profile. */
    private Model estimate(TickSeries stock, TickSeries bench, long from, long t0) {
        MinuteCloses cs = MinuteCloses.of(stock, from, t0);
        MinuteCloses cm = MinuteCloses.of(bench, from, t0);
        EstimationPoints points = EstimationPoints.of(cs, cm);
        ModelFit fit = model.fit(points.rs(), points.rm(), points.n(), minPoints);
        VarianceProfile profile = VarianceProfile.estimate(clock, fit, points, cs, cm, nightRatio);
        if (profile == null) {
            return new Model(fit, null, null, null);
        }
        return new Model(
                fit,
                profile,
                EstimationRanks.of(clock, fit, points, profile),
                HourlyResiduals.of(clock, fit, profile, stock, bench, from, t0));
    }

    private record Model(ModelFit fit, VarianceProfile profile, EstimationRanks ranks, ResidualHours hours) {}
}
