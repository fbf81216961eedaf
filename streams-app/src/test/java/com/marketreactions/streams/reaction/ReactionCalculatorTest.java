package com.marketreactions.streams.reaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionModel;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Each formula of the spec on a case small enough to work out by hand. Estimation returns are
 * r_m = (0.01, -0.01, 0.02) and r_s = (0.02, -0.01, 0.05); then Sxx = 0.0014/3, Sxy = 0.0009, Syy = 0.0018,
 * so beta = 27/14, alpha = 1/140 and the residual sum of squares is 0.0009/14 (sigma = 0.03/sqrt(14)).
 */
class ReactionCalculatorTest {

    private static final long MIN = 60_000;
    private static final long T0 = Instant.parse("2025-11-03T15:00:30Z").toEpochMilli();
    private static final long H = Duration.ofMinutes(5).toMillis();
    private static final long E = Duration.ofDays(5).toMillis();
    private static final double TOL = 1e-12;
    /**
     * The stock's leg of the variance: its return runs from its baseline trade (09:59:10 New York) to its trade at
     * 10:02:00, 50 s + 2 min, and every part of the day weighs 1 here (the points and the benchmark's returns are all
     * in 09:45-10:00, so the shrunk profile is flat).
     */
    private static final double STOCK_MINUTES = (50 + 120) / 60.0;
    /** The benchmark's minute variance: r_m = (0.01, -0.01, 0.02) about their mean, over 3. */
    private static final double BENCH_VARIANCE =
            (Math.pow(0.01 - 0.02 / 3, 2) + Math.pow(-0.01 - 0.02 / 3, 2) + Math.pow(0.02 - 0.02 / 3, 2)) / 3;
    /**
     * The benchmark's return runs from 09:59:10 to 10:03:00, the stock's to 10:02:00: the minute only the
     * benchmark's covers leaves beta times its move unhedged, a minute of {@code beta² BENCH_VARIANCE}.
     */
    private static final double UNHEDGED_MINUTES = 1;

    private static final double[] BENCH_CLOSES = {100, 101, 101 * 0.99, 101 * 0.99 * 1.02};
    private static final double[] STOCK_CLOSES = {50, 51, 51 * 0.99, 51 * 0.99 * 1.05};

    /** Closes at hh:56:10 .. hh:59:10 (four consecutive minutes before T0), size 10 each. */
    private static TickSeries estimation(double[] closes) {
        TickSeries s = new TickSeries();
        for (int i = 0; i < closes.length; i++) {
            s.add(T0 - 30_000 - (4 - i) * MIN + 10_000, closes[i], 10);
        }
        return s;
    }

    private static double last(double[] a) {
        return a[a.length - 1];
    }

    private static MarketReaction compute(int minPoints, TickSeries stock, TickSeries bench) {
        return compute(NormalModel.MARKET, minPoints, stock, bench);
    }

    private static MarketReaction compute(NormalModel model, int minPoints, TickSeries stock, TickSeries bench) {
        return new ReactionCalculator(E, minPoints, model, 0.005, SessionConfig.defaults())
                .compute(
                        T0,
                        H,
                        stock,
                        bench,
                        MarketReaction.newBuilder()
                                .setNewsId("n")
                                .setTicker("S")
                                .setHorizon("PT5M")
                                .setStatus(com.marketreactions.schema.ReactionStatus.FINAL)
                                .setBenchmark("M"))
                .build();
    }

    /** Stock +2% at T0+1m30s (size 100), benchmark +1% at T0+2m30s. */
    private static TickSeries stockWithWindow() {
        return estimation(STOCK_CLOSES).add(T0 + 90_000, last(STOCK_CLOSES) * 1.02, 100);
    }

    private static TickSeries benchWithWindow(double[] closes) {
        return estimation(closes).add(T0 + 150_000, last(closes) * 1.01, 1000);
    }

    @Test
    void marketModelByOrdinaryLeastSquares() {
        MarketReaction r = compute(3, stockWithWindow(), benchWithWindow(BENCH_CLOSES));
        assertEquals(ReactionModel.MARKET_MODEL, r.getModel());
        assertEquals(3, r.getEstimationPoints());
        assertEquals(27.0 / 14, r.getBeta(), 1e-9);
        assertEquals(1.0 / 140, r.getAlpha(), 1e-9);
        assertEquals(0.03 / Math.sqrt(14), r.getSigma(), 1e-9);
        assertEquals(0.02, r.getRawReturn(), TOL);
        assertEquals(0.01, r.getBenchmarkReturn(), TOL);
        assertEquals(27.0 / 14 * 0.01, r.getExpectedReturn(), 1e-9);
        assertEquals(0.02 - 27.0 / 1400, r.getAbnormalReturn(), 1e-9);
        assertEquals(1, r.getMarketMinutes());
        double sigma = 0.03 / Math.sqrt(14);
        double beta = 27.0 / 14;
        double v = STOCK_MINUTES + UNHEDGED_MINUTES * beta * beta * BENCH_VARIANCE / (sigma * sigma);
        assertEquals(v, r.getVarianceMinutes(), 1e-9);
        assertEquals((0.02 - 27.0 / 1400) / (sigma * Math.sqrt(v)), r.getZScore(), 1e-6);
        assertFalse(r.getSignificant());
        // the residuals are (-9, 3, 6) / 1400, over sigma = 3 sqrt(14) / 1400 (every part weighs 1): -0.80, 0.27,
        // 0.53; z = 0.026 ranks 2nd of T = 4, U = 2/5 - 1/2
        assertEquals(-0.1, r.getGeneralizedRank(), TOL);
    }

    /** The market-adjusted model on the case's points: alpha 0, beta 1, sigma from r_s - r_m. */
    private static void assertMarketAdjusted(MarketReaction r) {
        assertEquals(ReactionModel.MARKET_ADJUSTED, r.getModel());
        assertEquals(0.0, r.getAlpha());
        assertEquals(1.0, r.getBeta());
        // r_s - r_m = (0.01, 0, 0.03): mean 0.04/3, sample variance 0.0014/3/2; two of three above zero
        double sigma = Math.sqrt(0.0014 / 3 / 2);
        assertEquals(sigma, r.getSigma(), 1e-9);
        assertEquals(0.01, r.getExpectedReturn(), TOL);
        assertEquals(0.01, r.getAbnormalReturn(), 1e-12);
        double v = STOCK_MINUTES + UNHEDGED_MINUTES * BENCH_VARIANCE / (sigma * sigma); // beta 1
        assertEquals(v, r.getVarianceMinutes(), 1e-9);
        assertEquals(0.01 / (sigma * Math.sqrt(v)), r.getZScore(), 1e-6);
        // the residuals about the mean of r_s - r_m, (-1, -4, 5) / 300, over sigma: -0.22, -0.87, 1.09; z = 0.35
        // ranks 3rd of 4
        assertEquals(0.1, r.getGeneralizedRank(), TOL);
        assertEquals(2.0 / 3, r.getEstimationPositiveShare(), TOL);
    }

    @Test
    void tooFewPointsFallBackToMarketAdjusted() {
        MarketReaction r = compute(30, stockWithWindow(), benchWithWindow(BENCH_CLOSES));
        assertMarketAdjusted(r);
        assertTrue(r.getFlags().contains(ReactionCalculator.SHORT_ESTIMATION));
    }

    /** Chosen, the market-adjusted model takes points enough for the market model as its fallback takes fewer. */
    @Test
    void marketAdjustedWhenChosenWhateverThePoints() {
        MarketReaction r = compute(NormalModel.MARKET_ADJUSTED, 3, stockWithWindow(), benchWithWindow(BENCH_CLOSES));
        assertMarketAdjusted(r);
        assertFalse(r.getFlags().contains(ReactionCalculator.SHORT_ESTIMATION), "3 points, min.points 3");
    }

    /**
     * r_s = (0.02, -0.01, 0.05): mu = 0.02, deviations (0, -0.03, 0.03), sigma = sqrt(0.0018 / 2) = 0.03. Beta 0: the
     * expected return is 0, the abnormal return the raw +2%, and the benchmark's move adds nothing to the variance.
     */
    @Test
    void constantMeanHasBetaZeroAndTheStocksOwnSpread() {
        MarketReaction r = compute(NormalModel.CONSTANT_MEAN, 3, stockWithWindow(), benchWithWindow(BENCH_CLOSES));
        assertEquals(ReactionModel.CONSTANT_MEAN, r.getModel());
        assertEquals(0.02, r.getAlpha(), 1e-12);
        assertEquals(0.0, r.getBeta());
        assertEquals(0.03, r.getSigma(), 1e-12);
        assertEquals(0.01, r.getBenchmarkReturn(), TOL);
        assertEquals(0.0, r.getExpectedReturn());
        assertEquals(0.02, r.getAbnormalReturn(), TOL);
        assertEquals(STOCK_MINUTES, r.getVarianceMinutes(), 1e-9);
        assertEquals(0.02 / (0.03 * Math.sqrt(STOCK_MINUTES)), r.getZScore(), 1e-9);
        assertEquals(2.0 / 3, r.getEstimationPositiveShare(), TOL, "r_s above zero");
        for (int i = VarianceProfile.SIZE / 2; i < VarianceProfile.SIZE; i++) {
            assertEquals(0.0, r.getVarianceWeights().get(i), "the benchmark's weights: beta² = 0");
        }
    }

    /** One point: no sigma for a model with beta fixed (n - 1 = 0 degrees of freedom), but the mean and the share. */
    @Test
    void constantMeanOnOnePointHasNoSigma() {
        MarketReaction r = compute(
                NormalModel.CONSTANT_MEAN,
                3,
                estimation(new double[] {50, 51}).add(T0 + 90_000, 52, 1),
                estimation(new double[] {100, 101}).add(T0 + 150_000, 101, 1));
        assertEquals(ReactionModel.CONSTANT_MEAN, r.getModel());
        assertEquals(1, r.getEstimationPoints());
        assertEquals(0.02, r.getAlpha(), 1e-12);
        assertNull(r.getSigma());
        assertNull(r.getZScore());
        assertEquals(52.0 / 51 - 1, r.getAbnormalReturn(), TOL);
        assertTrue(r.getFlags().contains(ReactionCalculator.SHORT_ESTIMATION));
    }

    @Test
    void constantBenchmarkReturnFallsBackToMarketAdjusted() {
        double[] flat = {100, 100, 100, 100};
        MarketReaction r = compute(3, stockWithWindow(), benchWithWindow(flat));
        assertEquals(ReactionModel.MARKET_ADJUSTED, r.getModel());
        assertEquals(3, r.getEstimationPoints());
    }

    /**
     * Ties take their mean rank, the z-score among them: residuals -1, 0.5, 0.5, 2 and z = 0.5 hold ranks 2-4 (mean
     * 3) of T = 5; below or above all, ranks 1 and 5.
     */
    @Test
    void aZScoreTiedWithResidualsTakesTheirMeanRank() {
        EstimationRanks ranks = EstimationRanks.of(new double[] {2, 0.5, -1, 0.5});
        assertEquals(5, ranks.observations());
        assertEquals(3 / 6.0 - 0.5, ranks.centeredRank(0.5), TOL);
        assertEquals(1 / 6.0 - 0.5, ranks.centeredRank(-3), TOL);
        assertEquals(5 / 6.0 - 0.5, ranks.centeredRank(3), TOL);
        assertEquals(2 / 6.0 - 0.5, ranks.centeredRank(0), TOL);
        assertEquals(4.5 / 6.0 - 0.5, ranks.centeredRank(2), TOL, "tied with the largest: ranks 4 and 5");
    }

    @Test
    void benchmarkItselfHasNoModel() {
        MarketReaction r = compute(3, stockWithWindow(), null);
        assertEquals(ReactionModel.NONE, r.getModel());
        assertTrue(r.getFlags().contains("IS_BENCHMARK"));
        assertEquals(0.02, r.getRawReturn(), TOL);
        assertNull(r.getBenchmarkReturn());
        assertNull(r.getBeta());
        assertNull(r.getZScore());
        assertNull(r.getSignificant());
        assertNull(r.getMarketMinutes());
        assertNull(r.getGeneralizedRank());
    }

    @Test
    void noBenchmarkBaselineHasNoModel() {
        TickSeries bench = new TickSeries().add(T0 + 150_000, 100, 1);
        MarketReaction r = compute(3, stockWithWindow(), bench);
        assertTrue(r.getFlags().contains("NO_BENCHMARK"));
        assertEquals(ReactionModel.NONE, r.getModel());
        assertNull(r.getBenchmarkReturn());
        assertNull(r.getAbnormalReturn());
        assertEquals(0.02, r.getRawReturn(), TOL);
    }

    @Test
    void varianceFollowsEachLegWhereverTheBenchmarkOrTheStockDidNotTrade() {
        double sigma = 0.03 / Math.sqrt(14);
        double beta = 27.0 / 14;
        TickSeries bench = estimation(BENCH_CLOSES); // the benchmark does not trade after T0
        MarketReaction r = compute(3, stockWithWindow(), bench);
        assertEquals(0, r.getMarketMinutes());
        assertEquals(0.0, r.getBenchmarkReturn(), TOL);
        assertEquals(0.02, r.getAbnormalReturn(), TOL);
        // the benchmark's return covers nothing, the stock's 09:59:10-10:02:00: all of it unhedged
        double v = STOCK_MINUTES * (1 + beta * beta * BENCH_VARIANCE / (sigma * sigma));
        assertEquals(v, r.getVarianceMinutes(), 1e-9);
        assertEquals(0.02 / (sigma * Math.sqrt(v)), r.getZScore(), 1e-6);
        assertEquals(0.1, r.getGeneralizedRank(), TOL, "z = 0.47 between the residuals 0.27 and 0.53: 3rd of 4");

        // no trade of the stock in the window: its abnormal return is minus beta times the benchmark's move over
        // 09:59:10-10:03:00, which has a variance but tells nothing of the stock: no z-score (it would be the
        // benchmark's own, the same for every silent stock of the news)
        MarketReaction quiet = compute(3, estimation(STOCK_CLOSES), benchWithWindow(BENCH_CLOSES));
        assertTrue(quiet.getFlags().contains("NO_TICKS_IN_WINDOW"));
        double minutes = (50 + 180) / 60.0;
        assertEquals(minutes * beta * beta * BENCH_VARIANCE / (sigma * sigma), quiet.getVarianceMinutes(), 1e-9);
        assertEquals(-beta * 0.01, quiet.getAbnormalReturn(), 1e-12);
        assertNull(quiet.getZScore());
        assertNull(quiet.getSignificant());
        assertNull(quiet.getGeneralizedRank(), "no z-score to rank");

        // neither leg covers any time: nothing to test
        MarketReaction none = compute(3, estimation(STOCK_CLOSES), bench);
        assertEquals(0.0, none.getVarianceMinutes());
        assertNull(none.getZScore());
        assertNull(none.getSignificant());
    }

    @Test
    void abnormalVolumeIsVolumePerTradingMinuteAgainstTheEstimationWindow() {
        MarketReaction r = compute(3, stockWithWindow(), benchWithWindow(BENCH_CLOSES));
        // window: 100 shares in 1 minute; estimation: 40 shares in 4 minutes
        assertEquals(100.0 / (40.0 / 4), r.getAbnormalVolumeRatio(), TOL);
    }

    @Test
    void zeroVolumeWindowHasNoVolumeRatioButCountsItsTicks() {
        TickSeries stock = estimation(STOCK_CLOSES).add(T0 + 90_000, 60, 0).add(T0 + 100_000, 61, 0);
        MarketReaction r = compute(3, stock, benchWithWindow(BENCH_CLOSES));
        assertEquals(2, r.getTickCount());
        assertEquals(0, r.getVolume());
        assertNull(r.getAbnormalVolumeRatio());
    }

    @Test
    void baselineLooksBackNoFurtherThanTheEstimationWindow() {
        TickSeries stock = new TickSeries().add(T0 - E - 1, 10, 1).add(T0 + 1000, 11, 1);
        MarketReaction r = compute(3, stock, benchWithWindow(BENCH_CLOSES));
        assertTrue(r.getFlags().contains("NO_BASELINE"));
        assertNull(r.getRawReturn());
        assertEquals(11.0, r.getEndPrice());
        TickSeries atEdge = new TickSeries().add(T0 - E, 10, 1).add(T0 + 1000, 11, 1);
        assertEquals(10.0, compute(3, atEdge, benchWithWindow(BENCH_CLOSES)).getBaselinePrice());
    }

    @Test
    void estimationPointsNeedConsecutiveMinutesOfBothSymbols() {
        TickSeries bench = benchWithWindow(BENCH_CLOSES);
        TickSeries gappy = new TickSeries();
        gappy.add(T0 - 30_000 - 4 * MIN + 10_000, 50, 1); // minute 1
        gappy.add(T0 - 30_000 - 3 * MIN + 10_000, 51, 1); // minute 2: a point
        gappy.add(T0 - 30_000 - 1 * MIN + 10_000, 52, 1); // minute 4: minute 3 missing, no point
        assertEquals(1, compute(3, gappy, bench).getEstimationPoints());
    }
}
