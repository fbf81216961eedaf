package com.marketreactions.streams.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.PlainAvroSerdes;
import com.marketreactions.schema.EventStudy;
import com.marketreactions.schema.ReactionModel;
import com.marketreactions.schema.internal.StudyOverlap;
import com.marketreactions.schema.internal.StudySums;
import com.marketreactions.streams.differential.ReferenceStudy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class EventStudyMathTest {

    private static final double EPS = 1e-9;

    private static EventStudyMath.Observation obs(double car, double sar, int m, Double p) {
        return obs(car, sar, m, p, null);
    }

    private static EventStudyMath.Observation obs(double car, double sar, int m, Double p, Double u) {
        return new EventStudyMath.Observation(
                car,
                sar,
                ReactionModel.MARKET_MODEL,
                m,
                p,
                u,
                List.of(60_000L, 120_000L),
                List.of(car / 2, car),
                "X",
                0L);
    }

    private static EventStudyMath.Observation obs(double sar, ReactionModel model, int m) {
        return new EventStudyMath.Observation(0.01, sar, model, m, null, null, List.of(), List.of(), "X", 0L);
    }

    private static StudySums fold(List<EventStudyMath.Observation> os) {
        StudySums s = EventStudyMath.empty();
        for (EventStudyMath.Observation o : os) {
            s = EventStudyMath.add(s, o);
        }
        return s;
    }

    @Test
    void aTextbookSizedExampleByHand() {
        // CAR 1%, 2%, 3%; SAR 1, 2, 3; M = 10 each; half the estimation returns positive
        List<EventStudyMath.Observation> os =
                new ArrayList<>(List.of(obs(0.01, 1, 10, 0.5), obs(0.02, 2, 10, 0.5), obs(0.03, 3, 10, 0.5)));
        os.add(null); // a reaction without a model
        EventStudy r = EventStudyMath.result("all", "P1D", fold(os));
        assertEquals(3, r.getN());
        assertEquals(1, r.getExcluded());
        assertEquals(0.02, r.getCaar(), EPS);
        // s(CAR) = 0.01: t = 0.02 / (0.01 / sqrt 3) = 2 sqrt 3; with 2 df, F(t) = 1/2 + t / (2 sqrt(2 + t^2))
        double t = 2 * Math.sqrt(3);
        assertEquals(t, r.getCsectT(), EPS);
        assertEquals(2 * (0.5 - t / (2 * Math.sqrt(2 + t * t))), r.getCsectP(), EPS);
        // Patell: 6 / sqrt(3 * 8/6) = 3
        assertEquals(3.0, r.getPatellZ(), EPS);
        assertEquals(0.0026997960632601866, r.getPatellP(), 1e-12);
        // BMP: mean SAR 2, s(SAR) 1: 2 sqrt 3, the same p as the cross-sectional t here
        assertEquals(t, r.getBmpT(), EPS);
        assertEquals(r.getCsectP(), r.getBmpP(), EPS);
        // sign: 3 positive of 3 against p = 0.5: (3 - 1.5) / sqrt(0.75) = sqrt 3
        assertEquals(Math.sqrt(3), r.getGenSignZ(), EPS);
        assertEquals(0.08326451666355042, r.getGenSignP(), 1e-12);
        // Hall's t on SAR 1, 2, 3: symmetric, no skewness, so it is sqrt(n) S = 2 sqrt 3 with the plain t's p
        assertEquals(t, r.getSkewT(), EPS);
        assertEquals(r.getCsectP(), r.getSkewP(), EPS);
        // Wilcoxon on SAR 1, 2, 3: V = 6, (6 - 3 - 1/2) / sqrt(3 * 4 * 7 / 24); R's wilcox.test gives p 0.1814492077
        assertEquals(2.5 / Math.sqrt(3.5), r.getWilcoxonZ(), EPS);
        assertEquals(0.18144920772142031, r.getWilcoxonP(), 1e-12);
        // the path: the mean per point and its band, t(0.975, 2) = 4.302652729911275
        assertEquals(List.of(60_000L, 120_000L), r.getPathAt());
        assertEquals(0.01, r.getCaarPath().get(0), EPS);
        assertEquals(0.02, r.getCaarPath().get(1), EPS);
        assertEquals(
                0.02 - 4.302652729911275 * 0.01 / Math.sqrt(3), r.getLower().get(1), EPS);
        assertEquals(
                0.02 + 4.302652729911275 * 0.01 / Math.sqrt(3), r.getUpper().get(1), EPS);
    }

    @Test
    void hallsSkewnessCorrectedTByHand() {
        // SAR 0, 0, 3 (of CARs without skewness): mean 1, deviations -1, -1, 2; s^2 = 6 / 2 = 3; sum d^3 = 6;
        // gamma = 3 / (2 * 1) * 6 / 3^(3/2) = sqrt 3; S = 1 / sqrt 3;
        // sqrt 3 (S + gamma S^2 / 3 + gamma^2 S^3 / 27 + gamma / 18) = 1 + 1/3 + 1/27 + 1/6 = 83/54,
        // on 2 degrees of freedom: F(t) = 1/2 + t / (2 sqrt(2 + t^2))
        EventStudy r = EventStudyMath.result(
                "g", "h", fold(List.of(obs(-0.01, 0, 10, null), obs(0, 0, 10, null), obs(0.01, 3, 10, null))));
        double hall = 83.0 / 54;
        assertEquals(hall, r.getSkewT(), EPS);
        assertEquals(2 * (0.5 - hall / (2 * Math.sqrt(2 + hall * hall))), r.getSkewP(), 1e-12);
        // the skewness raises t above the plain one of the SARs, sqrt 3 * S = 1
        assertEquals(1.0, r.getBmpT(), EPS);
        assertNull(
                EventStudyMath.result("g", "h", fold(List.of(obs(0, 0, 10, null), obs(0, 3, 10, null))))
                        .getSkewT(),
                "n = 2: no skewness");
    }

    @Test
    void wilcoxonOnQuantisedSarsWithTiesAndZerosAsR() {
        // quantised to hundredths: 0.5, -0.5, 1.00 (from 1.004), -1.0, 2.0; 0.004 is 0.00 and dropped.
        // mid-ranks 1.5, 1.5, 3.5, 3.5, 5: V = 10; ties (2^3 - 2) * 2 = 12;
        // z = (10 - 7.5 - 0.5) / sqrt(5 * 6 * 11 / 24 - 12 / 48) = 2 / sqrt(13.5).
        // R 4.2.2: wilcox.test(c(0.5, -0.5, 1, -1, 2, 0), exact = FALSE, correct = TRUE): V = 10,
        // p-value 0.58621368107313998
        double[] sars = {0.5, -0.5, 1.004, -1.0, 2.0, 0.004};
        List<EventStudyMath.Observation> os = new ArrayList<>();
        for (double x : sars) {
            os.add(obs(0.01, x, 10, null));
        }
        EventStudy r = EventStudyMath.result("g", "h", fold(os));
        assertEquals(2 / Math.sqrt(13.5), r.getWilcoxonZ(), EPS);
        assertEquals(0.58621368107313998, r.getWilcoxonP(), 1e-12);
        // every SAR a quantised zero: no test
        assertNull(EventStudyMath.result("g", "h", fold(List.of(obs(0.01, 0.001, 10, null))))
                .getWilcoxonZ());
    }

    @Test
    void theSignedRankStateIsBoundedByItsQuantisation() {
        StudySums s = EventStudyMath.empty();
        Random r = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            s = EventStudyMath.add(s, obs(0.0, r.nextGaussian() * 3, 10, null));
        }
        s = EventStudyMath.add(s, obs(0.0, 150.0, 10, null));
        s = EventStudyMath.add(s, obs(0.0, -100.004, 10, null));
        List<Integer> keys = s.getSignedRanks().getHundredths();
        assertTrue(keys.size() <= SignedRankSums.MAX_KEY, "at most 10,000 magnitudes");
        assertTrue(keys.size() < 2_000, "SARs within about 15 take about 1,500: " + keys.size());
        assertEquals(SignedRankSums.MAX_KEY, keys.get(keys.size() - 1), "|SAR| >= 100 counted at 100");
        int last = keys.size() - 1;
        assertEquals(1, s.getSignedRanks().getPositive().get(last));
        assertEquals(1, s.getSignedRanks().getNegative().get(last));
    }

    /**
     * What quantising to hundredths does to the test: on 2,000 heavy-tailed SARs with a small shift, z of the quantised
     * values against z of the exact ones (ties between exact values have probability zero here).
     */
    @Test
    void quantisingMovesWilcoxonZByLessThanAHundredth() {
        double worst = 0;
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            List<EventStudyMath.Observation> os = new ArrayList<>();
            double[] x = new double[2_000];
            for (int i = 0; i < x.length; i++) {
                // a t-like tail: a normal over the root of a scaled chi-square with 4 degrees of freedom
                double chi = 0;
                for (int k = 0; k < 4; k++) {
                    chi += Math.pow(r.nextGaussian(), 2);
                }
                x[i] = 0.05 + r.nextGaussian() / Math.sqrt(chi / 4);
                os.add(obs(0.0, x[i], 10, null));
            }
            double quantised = EventStudyMath.result("g", "h", fold(os)).getWilcoxonZ();
            worst = Math.max(worst, Math.abs(quantised - exactWilcoxonZ(x)));
        }
        // measured: 0.0092 at most over these 20 samples
        assertTrue(worst < 0.01, "largest change of z: " + worst);
    }

    /** The signed-rank z of distinct nonzero values, unquantised. */
    private static double exactWilcoxonZ(double[] x) {
        double[] abs = java.util.Arrays.stream(x).map(Math::abs).sorted().toArray();
        double v = 0;
        for (double xi : x) {
            if (xi > 0) {
                v += java.util.Arrays.binarySearch(abs, xi) + 1;
            }
        }
        double n = x.length;
        double c = v - n * (n + 1) / 4;
        return (c - Math.signum(c) * 0.5) / Math.sqrt(n * (n + 1) * (2 * n + 1) / 24);
    }

    @Test
    void sumsBegunBeforeTheNewTestsGiveNoneOfThemButTheRest() {
        StudySums old = StudySums.newBuilder(EventStudyMath.empty())
                .setM3Sar(null)
                .setSignedRanks(null)
                .setSumRank(null)
                .setSumRankVar(null)
                .build();
        for (double c : new double[] {0.01, 0.03, 0.02, 0.05}) {
            old = EventStudyMath.add(old, obs(c, c * 100, 10, 0.5, 0.25));
        }
        EventStudy r = EventStudyMath.result("g", "h", old);
        assertNull(r.getGrankZ(), "ranks of the reactions before were never summed");
        assertNull(r.getSkewT());
        assertNull(r.getWilcoxonZ());
        assertNull(r.getWilcoxonP());
        assertEquals(4, r.getN());
        assertTrue(r.getBmpT() != null);
    }

    /** Folds reactions as the aggregator does, with their tickers' window overlaps. */
    private static StudySums foldWithOverlaps(List<EventStudyMath.Observation> os, long horizonMillis) {
        Map<String, StudyOverlap> overlaps = new HashMap<>();
        StudySums s = EventStudyMath.empty();
        for (EventStudyMath.Observation o : os) {
            s = EventStudyMath.add(s, o);
            TickerOverlap.Step step = TickerOverlap.add(
                    overlaps.getOrDefault(o.ticker(), TickerOverlap.empty()), o.eventTime(), horizonMillis);
            overlaps.put(o.ticker(), step.after());
            s = EventStudyMath.addOverlap(
                    s, step.overlap(), step.overlapSquares(), step.overlapTriangles(), step.late());
        }
        return s;
    }

    private static EventStudyMath.Observation at(String ticker, long second, double sar) {
        return new EventStudyMath.Observation(
                0.01, sar, ReactionModel.MARKET_MODEL, 100, null, null, List.of(), List.of(), ticker, second * 1000);
    }

    @Test
    void kolariPynnonenAdjustsBmpForTheSameTickersOverlappingWindowsByHand() {
        // PT30M: AMZN at T0 and three minutes later (two outlets, one deal) share 27 of 30 minutes: 0.9;
        // MSFT at T0 and AAPL at 15 minutes are other tickers (correlation 0). n = 4 reactions, 12 ordered pairs:
        // r = 2 * 0.9 / 12 = 0.15. SAR 1, 2, 3, 4: BMP = 2.5 / (sqrt(5/3) / 2);
        // KP = BMP sqrt((1 - 0.15) / (1 + 3 * 0.15)).
        StudySums s = foldWithOverlaps(
                List.of(at("AMZN", 0, 1), at("MSFT", 0, 2), at("AAPL", 900, 3), at("AMZN", 180, 4)), 1_800_000L);
        EventStudy r = EventStudyMath.result("all", "PT30M", s);
        assertEquals(0.15, r.getOverlapR(), EPS);
        double bmp = 2.5 / (Math.sqrt(5.0 / 3) / 2);
        assertEquals(bmp, r.getBmpT(), EPS);
        assertEquals(bmp * Math.sqrt(0.85 / 1.45), r.getBmpKpT(), EPS);
        // one overlapping pair and no triple: Q's moments tr((PR)^k) = tr(R^k) - 1.45^k are 3 * 0.85, 4 + 2 * 0.81 -
        // 1.45² and 4 + 6 * 0.81 - 1.45³, and Pearson's a + b χ²_d matches them
        double c1 = 3 * 0.85;
        double c2 = 4 + 2 * 0.81 - 1.45 * 1.45;
        double c3 = 4 + 6 * 0.81 - 1.45 * 1.45 * 1.45;
        assertEquals(
                KolariPynnonen.pearsonP(
                        bmp * Math.sqrt(0.85 / 1.45), (c1 - c2 * c2 / c3) / c1, c3 / c2 / c1, c2 * c2 * c2 / (c3 * c3)),
                r.getBmpKpP(),
                1e-12);

        // five outlets on one deal within four minutes: nearly one event, the adjusted t far below the plain one
        List<EventStudyMath.Observation> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(at("AMZN", 60L * i, 2 + 0.1 * i));
        }
        five.add(at("MSFT", 0, -0.5));
        five.add(at("AAPL", 0, 0.3));
        EventStudy clustered = EventStudyMath.result("all", "PT30M", foldWithOverlaps(five, 1_800_000L));
        assertTrue(
                clustered.getBmpKpT() < clustered.getBmpT() / 2,
                clustered.getBmpKpT() + " against " + clustered.getBmpT());
        // no two of a ticker: no adjustment
        EventStudy apart = EventStudyMath.result(
                "all", "PT30M", foldWithOverlaps(List.of(at("A", 0, 1), at("B", 0, 2), at("A", 1_800, 3)), 1_800_000L));
        assertEquals(0.0, apart.getOverlapR());
        assertEquals(apart.getBmpT(), apart.getBmpKpT(), EPS);
        assertEquals(apart.getBmpP(), apart.getBmpKpP(), 1e-12, "n - 1 degrees of freedom when nothing overlaps");
    }

    /** With a = 0 and b = 1 / d the quadrature is Student's t on d degrees of freedom, whole or not. */
    @Test
    void thePearsonQuadratureIsStudentsTWhereQIsAScaledChiSquare() {
        for (double d : new double[] {0.8, 1.5, 4.8, 24, 500}) {
            for (double t : new double[] {0.3, 1.96, 4, 9}) {
                double p = 2 * TDistribution.of(d).survivalProbability(t);
                assertEquals(p, KolariPynnonen.pearsonP(t, 0, 1 / d, d), 1e-10 * Math.max(p, 1e-3), d + " " + t);
            }
        }
    }

    /**
     * Five runs of five SARs correlated 0.6 within a run and not across (r = 2 * 30 / 600, Ψ = 50 * 0.36, Δ = 50 *
     * 0.216): the centred correlations' eigenvalues are 0.4 (20 within-run contrasts) and 3.4 (4 between runs), so
     * (n - 1) s² is Q = 0.4 χ²₂₀ + 3.4 χ²₄. The p of the adjusted t, drawn here from that Q directly, is the three-moment
     * p's within the draw's error; Satterthwaite's (t on 466.56 / 49.44 degrees) and n - 1's are not.
     */
    @Test
    void theAdjustedTsPIsRightForClusteredSars() {
        double t = 2.2;
        double p = KolariPynnonen.twoSidedP(t, 25, 0.1, 18, 10.8);
        Random random = new Random(28);
        NormalDistribution normal = NormalDistribution.of(0, 1);
        int draws = 200_000;
        double sum = 0;
        for (int i = 0; i < draws; i++) {
            double q = 0;
            for (int k = 0; k < 24; k++) {
                double z = random.nextGaussian();
                q += (k < 20 ? 0.4 : 3.4) * z * z;
            }
            sum += 2 * normal.survivalProbability(t * Math.sqrt(q / 21.6));
        }
        // exactly 0.0503 (a double quadrature over the two chi-squares); the draw's error about 0.0002. Three moments
        // give 0.0499, Satterthwaite's 0.0540 (too few rejections), n - 1's 0.0377 (too many)
        double exact = sum / draws;
        assertEquals(exact, p, 0.001);
        assertTrue(2 * TDistribution.of(466.56 / 49.44).survivalProbability(t) - exact > 0.002, "Satterthwaite's");
        assertTrue(exact - 2 * TDistribution.of(24).survivalProbability(t) > 0.002, "n - 1's");
        // nothing correlated: Student's t on n - 1, exactly
        assertEquals(2 * TDistribution.of(24).survivalProbability(t), KolariPynnonen.twoSidedP(t, 25, 0, 0, 0), 1e-15);
    }

    /**
     * Three of one ticker at 0, 6 and 12 minutes of PT1H (shares 0.9, 0.8, 0.9): the shortcut's third moment is far
     * off (its Pearson d 0.16, where any true one is at least 1), and Satterthwaite's two-moment p is read instead.
     */
    @Test
    void whereTheShortcutsThirdMomentIsImpossibleTheTwoMomentPIsRead() {
        double r = 2 * 2.6 / 6;
        double squares = 0.81 + 0.64 + 0.81;
        double c1 = 2 * (1 - r);
        double rowSum = 1 + 2 * r;
        double c2 = 3 + 2 * squares - rowSum * rowSum;
        double c3 = 3 + 6 * squares + 6 * 0.648 - rowSum * rowSum * rowSum;
        assertTrue(c2 * c2 * c2 / (c3 * c3) < 1);
        assertEquals(
                2 * TDistribution.of(c1 * c1 / c2).survivalProbability(1.5),
                KolariPynnonen.twoSidedP(1.5, 3, r, squares, 0.648),
                1e-15);
    }

    @Test
    void aTickersTimesAreBoundedAndOneArrivingAfterItsPartnersWereDroppedWithholdsTheAdjustment() {
        long h = 1_800_000L;
        TickerOverlap.Step s = TickerOverlap.add(TickerOverlap.empty(), 0, h);
        for (long t = 60_000; t <= 3 * 86_400_000L; t += 60_000) {
            s = TickerOverlap.add(s.after(), t, h);
            assertFalse(s.late());
        }
        // kept: the horizon and a day before the latest, of three days of one a minute
        assertEquals(
                (h + TickerOverlap.SLACK) / 60_000 + 1,
                s.after().getEventTimes().size());
        // one arriving two days out of order, within a horizon of what was dropped: late
        TickerOverlap.Step late = TickerOverlap.add(s.after(), 86_400_000L, h);
        assertTrue(late.late());
        StudySums sums = EventStudyMath.addOverlap(
                fold(List.of(at("A", 0, 1), at("A", 1, 2), at("B", 0, 0.5))), 0.5, 0.25, 0, true);
        EventStudy r = EventStudyMath.result("all", "PT30M", sums);
        assertNull(r.getBmpKpT(), "withheld: pairs may be missing");
        assertTrue(r.getBmpT() != null);
    }

    /**
     * Patell's variance of a SAR is d / (d - 2), d the degrees of freedom of its sigma: M - 2 for the market model
     * (alpha and beta fitted), M - 1 for the market-adjusted and constant-mean models (the mean alone). SARs 1, 2, 3 on
     * ten points each: 6 / sqrt(8/6 + 9/7 + 9/7); a fourth on four points counts with beta fixed (d 3: variance 3) and
     * not for the market model (d 2: no variance).
     */
    @Test
    void patellsVarianceFollowsTheDegreesOfFreedomOfEachModel() {
        List<EventStudyMath.Observation> os = List.of(
                obs(1, ReactionModel.MARKET_MODEL, 10),
                obs(2, ReactionModel.MARKET_ADJUSTED, 10),
                obs(3, ReactionModel.CONSTANT_MEAN, 10));
        assertEquals(
                6 / Math.sqrt(8.0 / 6 + 9.0 / 7 + 9.0 / 7),
                EventStudyMath.result("all", "PT5M", fold(os)).getPatellZ(),
                EPS);
        List<EventStudyMath.Observation> fixed = new ArrayList<>(os);
        fixed.add(obs(1, ReactionModel.CONSTANT_MEAN, 4));
        assertEquals(
                7 / Math.sqrt(8.0 / 6 + 9.0 / 7 + 9.0 / 7 + 3),
                EventStudyMath.result("all", "PT5M", fold(fixed)).getPatellZ(),
                EPS);
        List<EventStudyMath.Observation> market = new ArrayList<>(os);
        market.add(obs(1, ReactionModel.MARKET_MODEL, 4));
        StudySums s = fold(market);
        assertEquals(3, s.getPatellN(), "the market model on four points: left out of Patell's sum");
        assertEquals(
                6 / Math.sqrt(8.0 / 6 + 9.0 / 7 + 9.0 / 7),
                EventStudyMath.result("all", "PT5M", s).getPatellZ(),
                EPS);
    }

    @Test
    void oneReactionHasAMeanButNoTests() {
        EventStudy r = EventStudyMath.result("all", "PT5M", fold(List.of(obs(0.01, 1, 3, null))));
        assertEquals(0.01, r.getCaar());
        assertNull(r.getCsectT());
        assertNull(r.getBmpT());
        assertNull(r.getPatellZ(), "M = 3: (M - 2) / (M - 4) is not a variance");
        assertNull(r.getGenSignZ(), "no estimation share");
        assertNull(r.getLower().get(0));
        EventStudy none = EventStudyMath.result("all", "PT5M", fold(List.of()));
        assertNull(none.getCaar());
        assertEquals(List.of(), none.getCaarPath());
    }

    @Test
    void generalizedRankZByHand() {
        // U = 0.3, 0.1, -0.1 of reactions with M = 9 estimation points: T = 10, each Var U = 9 / (12 * 11) = 3/44;
        // Z = 0.3 / sqrt(9/44) = 0.1 sqrt(44). A fourth with M = 1 (T = 2, U = -1/6, Var U = 1/36) adds its share.
        List<EventStudyMath.Observation> os = new ArrayList<>(
                List.of(obs(0.01, 1, 9, null, 0.3), obs(0.02, 2, 9, null, 0.1), obs(0.03, 3, 9, null, -0.1)));
        EventStudy r = EventStudyMath.result("all", "PT5M", fold(os));
        assertEquals(0.1 * Math.sqrt(44), r.getGrankZ(), EPS);
        assertEquals(2 * NormalDistribution.of(0, 1).survivalProbability(0.1 * Math.sqrt(44)), r.getGrankP(), EPS);
        os.add(obs(0.0, -1, 1, null, -1 / 6.0));
        assertEquals(
                (0.3 - 1 / 6.0) / Math.sqrt(9 / 44.0 + 1 / 36.0),
                EventStudyMath.result("all", "PT5M", fold(os)).getGrankZ(),
                EPS);
        // one reaction without a rank (written before it existed) leaves the group without the test
        os.add(obs(0.0, 1, 9, null, null));
        assertNull(EventStudyMath.result("all", "PT5M", fold(os)).getGrankZ());
        assertNull(EventStudyMath.result("all", "PT5M", fold(List.of())).getGrankZ(), "no reaction, no variance");
    }

    @Test
    void theRunningSumsEqualTheBatchAfterEveryArrivalAndAcrossARestart() {
        Serde<StudySums> serde = new PlainAvroSerdes().avro(StudySums.class);
        Serde<StudyOverlap> overlapSerde = new PlainAvroSerdes().avro(StudyOverlap.class);
        long hour = 3_600_000L;
        for (long seed = 1; seed <= 40; seed++) {
            Random r = new Random(seed);
            List<EventStudyMath.Observation> seen = new ArrayList<>();
            Map<String, StudyOverlap> overlaps = new HashMap<>();
            StudySums s = EventStudyMath.empty();
            int count = 1 + r.nextInt(60);
            for (int i = 0; i < count; i++) {
                EventStudyMath.Observation o = r.nextInt(8) == 0
                        ? null
                        : new EventStudyMath.Observation(
                                r.nextGaussian() * 0.02 + 0.003,
                                r.nextGaussian() * 1.5 + 0.2,
                                ReactionModel.values()[r.nextInt(ReactionModel.values().length)],
                                2 + r.nextInt(400),
                                r.nextInt(5) == 0 ? null : r.nextDouble(),
                                // a reaction without a rank (written before it existed) in a quarter of the seeds
                                seed % 4 == 0 && r.nextInt(12) == 0 ? null : r.nextDouble() - 0.5,
                                List.of(60_000L, 120_000L, 180_000L),
                                List.of(r.nextGaussian() * 0.01, r.nextGaussian() * 0.01, r.nextGaussian() * 0.01),
                                "T" + r.nextInt(3),
                                // clustered: within six hours, out of order, on three tickers with a PT1H window
                                r.nextInt(6 * 3_600) * 1000L);
                seen.add(o);
                s = EventStudyMath.add(s, o);
                if (o != null) {
                    TickerOverlap.Step step = TickerOverlap.add(
                            overlaps.getOrDefault(o.ticker(), TickerOverlap.empty()), o.eventTime(), hour);
                    overlaps.put(o.ticker(), step.after());
                    s = EventStudyMath.addOverlap(
                            s, step.overlap(), step.overlapSquares(), step.overlapTriangles(), step.late());
                }
                if (r.nextInt(10) == 0) {
                    s = serde.deserializer().deserialize("t", serde.serializer().serialize("t", s)); // a restart
                    overlaps.replaceAll((k, v) -> overlapSerde
                            .deserializer()
                            .deserialize("t", overlapSerde.serializer().serialize("t", v)));
                }
                ReferenceStudy.assertClose(
                        ReferenceStudy.of("g", "PT1H", seen),
                        EventStudyMath.result("g", "PT1H", s),
                        "seed " + seed + " after " + (i + 1));
            }
        }
    }
}
