package com.marketreactions.streams.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.schema.Direction;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionModel;
import com.marketreactions.streams.reaction.NormalModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The batch reference itself, on inputs small enough to work out by hand: the spec's definitions once, then
 * each lateness rule (per-symbol clocks, history as of T0 + G, windows as of T0 + h + G, equal ts by arrival,
 * late news) and the alias matching. Expected numbers are written as the arithmetic on the input prices.
 */
class BatchReferenceTest {

    private static final long T0 = Instant.parse("2025-11-03T15:00:00Z").toEpochMilli();
    private static final BatchReference.HorizonSpec PT5M = new BatchReference.HorizonSpec("PT5M", 300_000);
    private static final BatchReference.HorizonSpec PT30M = new BatchReference.HorizonSpec("PT30M", 1_800_000);
    /** E = 10 minutes, minPoints 3, threshold 0.5%, G = 1 minute, L = 5 minutes. */
    private static final BatchReference.Params PARAMS =
            new BatchReference.Params(List.of(PT5M, PT30M), "SPY", 600_000, 3, 0.005, 60_000, 300_000);

    private static MarketInput.Tick tick(String symbol, long secondsFromT0, double price, long size) {
        return new MarketInput.Tick(symbol, T0 + secondsFromT0 * 1000, price, size);
    }

    private static MarketInput.News news(String id, long secondsFromT0, String... tickers) {
        return new MarketInput.News(
                id, T0 + secondsFromT0 * 1000, List.of(tickers), "Headline " + id, null, "desk", null);
    }

    private static Instant at(long secondsFromT0) {
        return Instant.ofEpochMilli(T0 + secondsFromT0 * 1000);
    }

    /** Estimation history: closes of AAA and SPY in the minutes -3, -2, -1 (two estimation points). */
    private static List<MarketInput> history() {
        return List.of(
                tick("AAA", -170, 100.0, 10), tick("SPY", -170, 500.0, 1),
                tick("AAA", -110, 101.0, 20), tick("SPY", -110, 502.0, 1),
                tick("AAA", -50, 100.0, 30), tick("SPY", -50, 500.0, 1));
    }

    private static Map<String, MarketReaction> run(List<MarketInput> inputs) {
        return new BatchReference(PARAMS, inputs).reactions();
    }

    private static List<MarketInput> concat(List<MarketInput> a, MarketInput... b) {
        List<MarketInput> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    /** sigma of the market-adjusted model on history(): sample sd of d = r_AAA - r_SPY over two points. */
    private static double historySigma() {
        double d1 = (101.0 / 100.0 - 1) - (502.0 / 500.0 - 1);
        double d2 = (100.0 / 101.0 - 1) - (500.0 / 502.0 - 1);
        double mean = (d1 + d2) / 2;
        return Math.sqrt(((d1 - mean) * (d1 - mean) + (d2 - mean) * (d2 - mean)) / (2 - 1));
    }

    /** The benchmark's one-minute variance on history(): r_SPY = (502/500 - 1, 500/502 - 1) about their mean, over 2. */
    private static double benchVariance() {
        double r1 = 502.0 / 500.0 - 1;
        double r2 = 500.0 / 502.0 - 1;
        double mean = (r1 + r2) / 2;
        return ((r1 - mean) * (r1 - mean) + (r2 - mean) * (r2 - mean)) / 2;
    }

    /** The variance of a minute of the benchmark's move (beta 1) in units of sigma squared. */
    private static double marketWeight() {
        return benchVariance() / (historySigma() * historySigma());
    }

    /**
     * The on-time reaction's input: AAA +3% from its -50 s trade to its +240 s one, SPY +0.6% to +200 s; the news names
     * AAA in another case and with a space, as producers may.
     */
    private static List<MarketInput> onTime(List<MarketInput> history) {
        return concat(
                history,
                news("n1", 5, "aaa "),
                tick("AAA", 60, 102.0, 5),
                tick("SPY", 90, 501.0, 1),
                tick("AAA", 120, 104.0, 7),
                tick("SPY", 200, 503.0, 1),
                tick("AAA", 240, 103.0, 8));
    }

    @Test
    void computesTheSpecNumbersOfAnOnTimeReaction() {
        List<MarketInput> in = onTime(history());
        // T0 of n1 is +5 s: baseline is the -50 s tick; the window (5, 305] holds the three ticks after it
        MarketReaction r = run(in).get("n1|AAA|PT5M");
        assertEquals(at(5), r.getEventTime());
        assertEquals(100.0, r.getBaselinePrice());
        assertEquals(at(-50), r.getBaselineTime());
        assertEquals(103.0, r.getEndPrice());
        assertEquals(at(240), r.getEndTime());
        assertEquals(102.0, r.getFirstPrice());
        assertEquals(at(60), r.getFirstTime());
        assertEquals(104.0, r.getHigh());
        assertEquals(102.0, r.getLow());
        assertEquals(3, r.getTickCount());
        assertEquals(20, r.getVolume());
        assertEquals(103.0 / 100.0 - 1, r.getRawReturn(), 1e-15);
        assertEquals(104.0 / 100.0 - 1, r.getMaxRunup(), 1e-15);
        assertEquals(102.0 / 100.0 - 1, r.getMaxDrawdown(), 1e-15);
        assertEquals(Direction.UP, r.getDirection());
        assertEquals(503.0 / 500.0 - 1, r.getBenchmarkReturn(), 1e-15);
        // two estimation points < minPoints 3: market adjusted
        assertEquals(ReactionModel.MARKET_ADJUSTED, r.getModel());
        assertEquals(2, r.getEstimationPoints());
        assertEquals(0.0, r.getAlpha());
        assertEquals(1.0, r.getBeta());
        assertEquals(historySigma(), r.getSigma(), 1e-15);
        // SPY trades in the minutes holding +90 s and +200 s: buckets 15:01 and 15:03
        assertEquals(2, r.getMarketMinutes());
        double abnormal = (103.0 / 100.0 - 1) - (503.0 / 500.0 - 1);
        assertEquals(abnormal, r.getAbnormalReturn(), 1e-15);
        // the stock's return runs from its -50 s trade to its +240 s trade: 290 s, all in parts of the day whose
        // weight is 1 (every estimation point and benchmark return is in 09:45-10:00 New York, so the profile is
        // flat); the benchmark's runs from -50 s to +200 s, so the last 40 s of the stock's leave SPY's move unhedged
        double v = 290 / 60.0 + 40 / 60.0 * marketWeight();
        assertEquals(v, r.getVarianceMinutes(), 1e-12);
        assertEquals(abnormal / (historySigma() * Math.sqrt(v)), r.getZScore(), 1e-12);
        // 2.4% against a 0.84% minute over five minutes: about 1.3 (over the 2 market minutes it would be 2.0)
        assertFalse(r.getSignificant());
        // (20 shares / 3 window minutes) / (60 shares / 3 estimation minutes)
        assertEquals((20.0 / 3) / (60.0 / 3), r.getAbnormalVolumeRatio(), 1e-15);
        // two points against minPoints 3; the benchmark's last trade (+200 s) is before the window's end (+300 s)
        assertEquals(List.of("SHORT_ESTIMATION", "INPUT_ENDED_EARLY"), r.getFlags());
        assertEquals(List.of("AAA"), r.getNewsTickers());
    }

    /**
     * Constant mean on history()'s two points: r_AAA = (0.01, 100/101 - 1), mu their mean, sigma their sample standard
     * deviation. Beta 0: nothing expected, the abnormal return is the raw +3%, and the benchmark's move, hedged or not,
     * adds nothing to the variance: the stock's 290 s of flat weight alone.
     */
    @Test
    void constantMeanByHand() {
        MarketReaction r = new BatchReference(PARAMS.withModel(NormalModel.CONSTANT_MEAN), onTime(history()))
                .reactions()
                .get("n1|AAA|PT5M");
        double r1 = 101.0 / 100.0 - 1;
        double r2 = 100.0 / 101.0 - 1;
        double mu = (r1 + r2) / 2;
        double sigma = Math.sqrt((r1 - mu) * (r1 - mu) + (r2 - mu) * (r2 - mu));
        assertEquals(ReactionModel.CONSTANT_MEAN, r.getModel());
        assertEquals(mu, r.getAlpha(), 1e-15);
        assertEquals(0.0, r.getBeta());
        assertEquals(sigma, r.getSigma(), 1e-15);
        assertEquals(0.0, r.getExpectedReturn());
        assertEquals(0.03, r.getAbnormalReturn(), 1e-15);
        assertEquals(290 / 60.0, r.getVarianceMinutes(), 1e-12);
        assertEquals(0.03 / (sigma * Math.sqrt(290 / 60.0)), r.getZScore(), 1e-12);
        assertEquals(0.5, r.getEstimationPositiveShare(), "one of r_AAA above zero");
        assertEquals(0.03, r.getCar().get(r.getCar().size() - 1), 1e-15);
        assertEquals(0.02, r.getCar().get(0), 1e-15, "the first minute: AAA at 102, no benchmark term");
        assertEquals(List.of("SHORT_ESTIMATION", "INPUT_ENDED_EARLY"), r.getFlags());
    }

    /**
     * Three points (a close a minute earlier) are enough for the market model with minPoints 3; chosen, the
     * market-adjusted model takes them as its fallback would: alpha 0, beta 1, sigma the sample standard deviation of
     * r_AAA - r_SPY on two degrees of freedom.
     */
    @Test
    void marketAdjustedByHandWhenChosenOnPointsEnoughForTheMarketModel() {
        List<MarketInput> longer = new ArrayList<>(List.of(tick("AAA", -230, 99.0, 10), tick("SPY", -230, 499.0, 1)));
        longer.addAll(history());
        assertEquals(
                ReactionModel.MARKET_MODEL,
                new BatchReference(PARAMS, onTime(longer))
                        .reactions()
                        .get("n1|AAA|PT5M")
                        .getModel());
        MarketReaction r = new BatchReference(PARAMS.withModel(NormalModel.MARKET_ADJUSTED), onTime(longer))
                .reactions()
                .get("n1|AAA|PT5M");
        double[] d = {
            (100.0 / 99.0 - 1) - (500.0 / 499.0 - 1),
            (101.0 / 100.0 - 1) - (502.0 / 500.0 - 1),
            (100.0 / 101.0 - 1) - (500.0 / 502.0 - 1)
        };
        double mean = (d[0] + d[1] + d[2]) / 3;
        double ss = 0;
        for (double x : d) {
            ss += (x - mean) * (x - mean);
        }
        assertEquals(ReactionModel.MARKET_ADJUSTED, r.getModel());
        assertEquals(3, r.getEstimationPoints());
        assertEquals(0.0, r.getAlpha());
        assertEquals(1.0, r.getBeta());
        assertEquals(Math.sqrt(ss / 2), r.getSigma(), 1e-15);
        assertEquals(503.0 / 500.0 - 1, r.getExpectedReturn(), 1e-15);
        assertEquals(0.03 - (503.0 / 500.0 - 1), r.getAbnormalReturn(), 1e-15);
        assertEquals(2.0 / 3, r.getEstimationPositiveShare(), 1e-15, "d above zero: the first two");
        assertEquals(List.of("INPUT_ENDED_EARLY"), r.getFlags(), "three points: not short");
    }

    @Test
    void aLateTickIsLeftOutOfTheClosedWindowButCountsInTheOpenOne() {
        // AAA's clock reaches +400 s before the +200 s tick arrives: 200 < 400 - 60, late;
        // PT5M closed at 300 + 60 = 360 < 400 (left out); PT30M closes at 1860 >= 400 (counted)
        List<MarketInput> in = concat(
                history(),
                news("n1", 0, "AAA"),
                tick("AAA", 60, 102.0, 5),
                tick("AAA", 120, 104.0, 7),
                tick("AAA", 400, 105.0, 1),
                tick("AAA", 200, 110.0, 100));
        BatchReference ref = new BatchReference(PARAMS, in);
        Map<String, MarketReaction> out = ref.reactions();
        MarketReaction r5 = out.get("n1|AAA|PT5M");
        assertEquals(2, r5.getTickCount());
        assertEquals(12, r5.getVolume());
        assertEquals(104.0, r5.getHigh());
        assertEquals(104.0, r5.getEndPrice());
        MarketReaction r30 = out.get("n1|AAA|PT30M");
        assertEquals(4, r30.getTickCount());
        assertEquals(113, r30.getVolume());
        assertEquals(110.0, r30.getHigh());
        assertEquals(105.0, r30.getEndPrice());
        assertEquals(at(400), r30.getEndTime());
        assertEquals(1L, ref.coverage().get("late tick left out of a closed window"));
        assertEquals(1L, ref.coverage().get("late tick counted in an open window"));
    }

    @Test
    void aTickJustInsideTheGraceStillCountsForTheWindowItClosesAt() {
        // clock +360 s = T0 + h + G exactly when the +250 s tick arrives: visible as of 360, counted
        List<MarketInput> in = concat(
                history(),
                news("n1", 0, "AAA"),
                tick("AAA", 360, 108.0, 1),
                tick("AAA", 250, 106.0, 2),
                tick("AAA", 361, 109.0, 1),
                tick("AAA", 260, 107.0, 4));
        MarketReaction r5 = run(in).get("n1|AAA|PT5M");
        // +250 s counted (clock 360 <= 360); +260 s not (clock 361 > 360)
        assertEquals(1, r5.getTickCount());
        assertEquals(106.0, r5.getEndPrice());
        assertEquals(2, r5.getVolume());
        MarketReaction r30 = run(in).get("n1|AAA|PT30M");
        assertEquals(4, r30.getTickCount());
        assertEquals(109.0, r30.getEndPrice());
    }

    @Test
    void equalTimestampsAreOrderedByArrivalEvenWhenTheLaterOneIsLate() {
        // window PT5M = (0, 300]; clock +330 s (outside the window, still <= 360) when a second +260 s tick
        // arrives: late (260 < 330 - 60) but the window is open, so it counts, after the first +260 s tick
        List<MarketInput> in = concat(
                history(),
                news("n1", 0, "AAA"),
                tick("AAA", 260, 101.0, 1),
                tick("AAA", 330, 999.0, 1),
                tick("AAA", 260, 102.0, 1));
        MarketReaction r = run(in).get("n1|AAA|PT5M");
        assertEquals(2, r.getTickCount());
        assertEquals(101.0, r.getFirstPrice());
        assertEquals(102.0, r.getEndPrice());
        assertEquals(at(260), r.getEndTime());
        assertEquals(0, r.getMarketMinutes()); // no SPY tick in the window
    }

    @Test
    void theHistoryBeforeT0IsWhatWasVisibleAtT0PlusGrace() {
        // a -30 s tick arriving when AAA's clock is +30 s (<= T0 + G = 60) counts; a second -30 s tick
        // arriving when the clock is +120 s (> 60) is left out of the history (and belongs to no window)
        List<MarketInput> in = concat(
                history(),
                news("n1", 0, "AAA"),
                tick("AAA", 30, 103.0, 1),
                tick("AAA", -30, 100.5, 40),
                tick("AAA", 120, 104.0, 1),
                tick("AAA", -30, 250.0, 1000));
        BatchReference ref = new BatchReference(PARAMS, in);
        MarketReaction r = ref.reactions().get("n1|AAA|PT5M");
        assertEquals(100.5, r.getBaselinePrice());
        assertEquals(at(-30), r.getBaselineTime());
        assertEquals(104.0 / 100.5 - 1, r.getRawReturn(), 1e-15);
        // estimation volume 10 + 20 + 30 + 40 over 3 minutes (-30 s is in the -1 minute, with -50 s)
        assertEquals((2.0 / 2) / (100.0 / 3), r.getAbnormalVolumeRatio(), 1e-15);
        // the -1 minute's close is 100.5 (the -30 s tick): r_AAA(-1) = 100.5 / 101 - 1
        double d1 = (101.0 / 100.0 - 1) - (502.0 / 500.0 - 1);
        double d2 = (100.5 / 101.0 - 1) - (500.0 / 502.0 - 1);
        double mean = (d1 + d2) / 2;
        double sigma = Math.sqrt((d1 - mean) * (d1 - mean) + (d2 - mean) * (d2 - mean));
        assertEquals(sigma, r.getSigma(), 1e-15);
        assertEquals(2L, ref.coverage().get("late tick left out of the history before T0")); // PT5M and PT30M
    }

    @Test
    void aLateTickWithAnEqualTimestampBecomesTheBaselineWhenVisible() {
        // a second -50 s tick arriving when the clock is +30 s: late (-50 < 30 - 60), visible as of +60
        List<MarketInput> in =
                concat(history(), news("n1", 0, "AAA"), tick("AAA", 30, 103.0, 1), tick("AAA", -50, 100.7, 1));
        MarketReaction r = run(in).get("n1|AAA|PT5M");
        assertEquals(100.7, r.getBaselinePrice());
        assertEquals(at(-50), r.getBaselineTime());
    }

    @Test
    void anotherSymbolsClockNeverMakesATickLate() {
        List<MarketInput> onTime = concat(
                history(),
                news("n1", 0, "AAA"),
                tick("AAA", 60, 102.0, 5),
                tick("SPY", 90, 501.0, 1),
                tick("AAA", 120, 104.0, 7));
        // BBB far ahead first, and the benchmark's feed arriving after everything else
        List<MarketInput> skewed = new ArrayList<>();
        skewed.add(tick("BBB", 5000, 50.0, 1));
        for (MarketInput i : onTime) {
            if (!(i instanceof MarketInput.Tick t && t.symbol().equals("SPY"))) {
                skewed.add(i);
            }
        }
        for (MarketInput i : onTime) {
            if (i instanceof MarketInput.Tick t && t.symbol().equals("SPY")) {
                skewed.add(i);
            }
        }
        MarketReaction a = run(onTime).get("n1|AAA|PT5M");
        MarketReaction b = run(skewed).get("n1|AAA|PT5M");
        assertEquals(List.of(), ReactionDiff.diff(a, b));
        assertEquals(2, b.getTickCount());
        assertEquals(1, b.getMarketMinutes());
    }

    @Test
    void aLateBenchmarkTickIsLeftOutOfB1AndTheMarketMinutes() {
        // SPY's clock is +500 s (> 360) when its +200 s tick arrives: B1 = B0, no market minute in PT5M
        List<MarketInput> in = concat(
                history(),
                news("n1", 0, "AAA"),
                tick("AAA", 60, 102.0, 5),
                tick("SPY", 500, 510.0, 1),
                tick("SPY", 200, 503.0, 1));
        Map<String, MarketReaction> out = run(in);
        MarketReaction r5 = out.get("n1|AAA|PT5M");
        assertEquals(0.0, r5.getBenchmarkReturn());
        assertEquals(0, r5.getMarketMinutes());
        assertEquals(102.0 / 100.0 - 1, r5.getAbnormalReturn(), 1e-15);
        // the stock's return runs from -50 s to +60 s, the benchmark's covers nothing: SPY's move is unhedged
        double v = 110 / 60.0 * (1 + marketWeight());
        assertEquals(v, r5.getVarianceMinutes(), 1e-12);
        assertEquals((102.0 / 100.0 - 1) / (historySigma() * Math.sqrt(v)), r5.getZScore(), 1e-12);
        MarketReaction r30 = out.get("n1|AAA|PT30M");
        // both SPY ticks count for PT30M; B1 = the last by ts, +500 s
        assertEquals(510.0 / 500.0 - 1, r30.getBenchmarkReturn(), 1e-15);
        assertEquals(2, r30.getMarketMinutes());
    }

    @Test
    void newsIsLateWhenItsT0IsMoreThanLBehindTheSlowestOfStocksBenchmarkAndEarlierNews() {
        List<MarketInput> in = new ArrayList<>(history());
        in.add(news("wire", 10_000)); // no ticker, no reaction: the news input is at 10000
        in.add(news("old", -3000, "AAA")); // C = min(-50, -50, 10000) = -50 and -3000 < -50 - 300: late
        in.add(tick("AAA", 1000, 100.0, 1));
        in.add(tick("SPY", 900, 500.0, 1));
        // C = min(1000, 900) = 900; late iff T0 < 900 - 300 = 600
        in.add(news("late", 599, "AAA"));
        in.add(news("boundary", 600, "AAA"));
        in.add(news("late", 0, "AAA")); // a repeated id: reacted to once, as first seen
        BatchReference ref = new BatchReference(PARAMS, in);
        Map<String, MarketReaction> out = ref.reactions();
        assertTrue(out.get("old|AAA|PT5M").getFlags().contains("LATE_NEWS"));
        assertTrue(out.get("late|AAA|PT5M").getFlags().contains("LATE_NEWS"));
        assertTrue(out.get("late|AAA|PT30M").getFlags().contains("LATE_NEWS"));
        assertEquals(at(599), out.get("late|AAA|PT5M").getEventTime());
        assertFalse(out.get("boundary|AAA|PT5M").getFlags().contains("LATE_NEWS"));
        assertEquals(Set.of("old", "late"), ref.lateNewsIds());
        assertEquals(6, out.size());

        // the news before it is behind the trades: C = min(1000, 900, 100) = 100; late iff T0 < -200
        List<MarketInput> behind =
                concat(history(), tick("AAA", 1000, 100.0, 1), tick("SPY", 900, 500.0, 1), news("a", 100, "AAA"));
        behind.add(news("b", -150, "AAA"));
        behind.add(news("c", -201, "AAA"));
        assertEquals(Set.of("c"), new BatchReference(PARAMS, behind).lateNewsIds());
        // the first news of all: no news before it has moved on, so it is never late
        List<MarketInput> first = concat(history(), tick("AAA", 5000, 100.0, 1), tick("SPY", 5000, 500.0, 1));
        first.add(news("old", -5000, "AAA"));
        assertEquals(Set.of(), new BatchReference(PARAMS, first).lateNewsIds());

        // without any benchmark tick C is undefined: nothing is late
        List<MarketInput> noSpy = List.of(tick("AAA", 5000, 100.0, 1), news("old", -5000, "AAA"));
        assertFalse(new BatchReference(PARAMS, noSpy)
                .reactions()
                .get("old|AAA|PT5M")
                .getFlags()
                .contains("LATE_NEWS"));
        // only the benchmark's own feed: still undefined
        List<MarketInput> onlySpy = List.of(tick("SPY", 5000, 100.0, 1), news("old", -5000, "SPY"));
        MarketReaction spy = new BatchReference(PARAMS, onlySpy).reactions().get("old|SPY|PT5M");
        assertFalse(spy.getFlags().contains("LATE_NEWS"));
    }

    @Test
    void aLateNewsIsComputedByTheSameRules() {
        List<MarketInput> base =
                concat(history(), tick("AAA", 60, 102.0, 5), tick("SPY", 90, 501.0, 1), tick("AAA", 120, 104.0, 7));
        List<MarketInput> onTime = new ArrayList<>(base);
        onTime.add(6, news("n1", 0, "AAA")); // right after the history
        onTime.add(tick("SPY", 2000, 500.0, 1)); // the data runs past the window, as in the late run
        List<MarketInput> late = concat(
                base,
                tick("AAA", 2000, 100.0, 1),
                tick("SPY", 2000, 500.0, 1),
                news("wire", 2000),
                news("n1", 0, "AAA"));
        MarketReaction a = run(onTime).get("n1|AAA|PT5M");
        MarketReaction b = run(late).get("n1|AAA|PT5M");
        assertEquals(List.of("LATE_NEWS", "SHORT_ESTIMATION"), b.getFlags());
        MarketReaction bWithoutFlag = MarketReaction.newBuilder(b)
                .setFlags(List.of("SHORT_ESTIMATION"))
                .build();
        assertEquals(List.of(), ReactionDiff.diff(a, bWithoutFlag));
    }

    @Test
    void theBenchmarkAsATickerIsFlaggedAndHasNoModel() {
        List<MarketInput> in = concat(history(), news("n1", 0, "SPY"), tick("SPY", 90, 505.0, 1));
        MarketReaction r = run(in).get("n1|SPY|PT5M");
        // the input ends at +90 s, before the window's end
        assertEquals(List.of("IS_BENCHMARK", "INPUT_ENDED_EARLY"), r.getFlags());
        assertEquals(ReactionModel.NONE, r.getModel());
        assertEquals(505.0 / 500.0 - 1, r.getRawReturn(), 1e-15);
        assertNull(r.getBenchmarkReturn());
        assertNull(r.getMarketMinutes());
    }

    @Test
    void noBaselineAndNoBenchmarkAreFlaggedIndependently() {
        List<MarketInput> in = List.of(news("n1", 0, "AAA"), tick("AAA", 60, 102.0, 5));
        MarketReaction r = run(in).get("n1|AAA|PT5M");
        assertEquals(Set.of("NO_BASELINE", "NO_BENCHMARK"), Set.copyOf(r.getFlags()));
        assertEquals(1, r.getTickCount());
        assertEquals(102.0, r.getEndPrice());
        assertNull(r.getRawReturn());
        assertEquals(ReactionModel.NONE, r.getModel());
    }

    @Test
    void aliasesMatchCaseInsensitivelyOnWordBoundaries() {
        assertTrue(BatchReference.mentions("OpenAI signs AWS deal", "AWS"));
        assertTrue(BatchReference.mentions("(aws) deal", "AWS"));
        assertTrue(BatchReference.mentions("AWS-based", "AWS"));
        assertTrue(BatchReference.mentions("Amazon's cloud", "Amazon"));
        assertTrue(BatchReference.mentions("MICROSOFT dips", " Microsoft "));
        assertTrue(BatchReference.mentions("deal with amazon web services", "Amazon Web Services"));
        assertFalse(BatchReference.mentions("New LAWS for cloud", "AWS"));
        assertFalse(BatchReference.mentions("AWS2 launch", "AWS"));
        assertFalse(BatchReference.mentions("the Amazonian forest", "Amazon"));
        assertFalse(BatchReference.mentions("Amazon Web", "Amazon Web Services"));
        assertFalse(BatchReference.mentions("anything", " "));
        assertFalse(BatchReference.mentions(null, "AWS"));

        Map<String, String> aliases = new LinkedHashMap<>();
        aliases.put("Amazon", "AMZN");
        aliases.put("AWS", "amzn");
        aliases.put("Azure", "MSFT");
        aliases.put("Nvidia", "NVDA");
        MarketInput.News n = new MarketInput.News(
                "n",
                T0,
                List.of(" msft", "AMZN"),
                "OpenAI picks AWS over Azure",
                "Nvidia's chips; laws for Amazonian data",
                "desk",
                null);
        assertEquals(List.of("MSFT", "AMZN", "NVDA"), BatchReference.tickersOf(n, aliases));

        List<MarketInput> in = List.of(
                tick("NVDA", -10, 10.0, 1),
                new MarketInput.News(
                        "n2", T0, List.of(), "Private lab OpenAI raises money", "Nvidia invests", "desk", null));
        BatchReference ref = new BatchReference(PARAMS, in, aliases);
        Map<String, MarketReaction> out = ref.reactions();
        assertEquals(Set.of("n2|NVDA|PT5M", "n2|NVDA|PT30M"), out.keySet());
        assertEquals(List.of("NVDA"), out.get("n2|NVDA|PT5M").getNewsTickers());
        assertEquals(1L, ref.coverage().get("alias-resolved ticker"));
    }

    @Test
    void aTickFarAheadWaitsUntilTheTicksComeWithinReachOfIt() {
        long jump = 60_000;
        MarketInput a0 = tick("AMZN", 0, 100, 1);
        MarketInput b10 = tick("MSFT", 10, 100, 1);
        MarketInput dayAhead = tick("SPY", 86_400, 1, 1);
        MarketInput a20 = tick("AMZN", 20, 100, 1);
        assertEquals(
                List.of(a0, b10, a20, dayAhead),
                BatchReference.passedOn(List.of(a0, b10, dayAhead, a20), jump),
                "alone a day ahead: it waits to the end");

        MarketInput morning = tick("SPY", 18 * 3600, 500, 1);
        MarketInput next = tick("AMZN", 18 * 3600 + 1, 100, 1);
        assertEquals(
                List.of(a0, morning, next),
                BatchReference.passedOn(List.of(a0, morning, next), jump),
                "after a night the next tick bears the first out: the order is the arrival's");

        MarketInput x = tick("AMZN", 600, 100, 1);
        MarketInput y = tick("MSFT", 570, 100, 1);
        assertEquals(
                List.of(a0, y, x),
                BatchReference.passedOn(List.of(a0, x, y), jump),
                "borne out by an earlier tick, it goes after it");
    }
}
