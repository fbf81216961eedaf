package com.marketreactions.streams.study;

import com.marketreactions.schema.EventStudy;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionModel;
import com.marketreactions.schema.internal.StudySums;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.reaction.CarPath;
import com.marketreactions.streams.reaction.ModelFit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The cross-sectional event study over FINAL reactions (docs/event-study.md): running sums one reaction at a
 * time, and the statistics from them. Pure functions; the topology keeps the sums in a store.
 *
 * <p>Means and spreads are kept with Welford's update (no cancellation in a sum of squares; equal values give
 * exactly no spread, where a t-statistic is undefined). Per reaction: CAR = its {@code abnormalReturn}, SAR = its
 * {@code zScore} (the abnormal return over sigma sqrt(varianceMinutes)), M = its estimation points, p = its
 * estimation window's share of positive one-minute abnormal returns, U = its {@code generalizedRank}, and its
 * model, which sets the degrees of freedom of its sigma. Reactions without a model or a z-score are left out and
 * counted.
 */
public final class EventStudyMath {

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
    /** The CAR path's points per horizon label. */
    private static final Map<String, List<Long>> GRIDS = new ConcurrentHashMap<>();

    private EventStudyMath() {}

    /**
     * What one FINAL reaction contributes; null when it is left out.
     *
     * @param model the normal-return model of the reaction: Patell's variance of its SAR depends on it
     */
    public record Observation(
            double car,
            double sar,
            ReactionModel model,
            int estimationPoints,
            Double positiveShare,
            Double generalizedRank,
            List<Long> pathAt,
            List<Double> path,
            String ticker,
            long eventTime) {

        /**
         * A reaction's contribution. Its path's points are the horizon's grid ({@link CarPath#grid}); the copy read
         * back for the study does not carry them (a FINAL is sent once per group, and the points were half its
         * bytes).
         */
        public static Observation of(MarketReaction r) {
            if (r.getAbnormalReturn() == null || r.getZScore() == null || r.getEstimationPoints() == null) {
                return null;
            }
            List<Long> at = r.getCarAt().isEmpty() && !r.getCar().isEmpty()
                    ? GRIDS.computeIfAbsent(
                            r.getHorizon(), h -> CarPath.grid(Horizon.parse(h).millis()))
                    : r.getCarAt();
            return new Observation(
                    r.getAbnormalReturn(),
                    r.getZScore(),
                    r.getModel(),
                    r.getEstimationPoints(),
                    r.getEstimationPositiveShare(),
                    r.getGeneralizedRank(),
                    at,
                    r.getCar(),
                    r.getTicker(),
                    r.getEventTime().toEpochMilli());
        }
    }

    public static StudySums empty() {
        return new StudySums(
                0,
                0,
                0.0,
                0.0,
                0.0,
                0.0,
                0,
                0.0,
                0.0,
                0,
                0,
                0.0,
                List.of(),
                List.of(),
                List.of(),
                0,
                true,
                0.0,
                SignedRankSums.empty(),
                0.0,
                0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                null,
                null,
                0);
    }

    /** The sums with one more reaction: {@code o} null for one left out. */
    public static StudySums add(StudySums s, Observation o) {
        StudySums.Builder b = StudySums.newBuilder(s);
        if (o == null) {
            return b.setExcluded(s.getExcluded() + 1).build();
        }
        int n = s.getN() + 1;
        double dc = o.car() - s.getMeanCar();
        double meanCar = s.getMeanCar() + dc / n;
        double ds = o.sar() - s.getMeanSar();
        double meanSar = s.getMeanSar() + ds / n;
        // Welford: no cancellation, and exactly no spread for equal values (a t-statistic is then undefined);
        // the third moment by Pebay's (2008) one-pass update, from the second before this one
        if (s.getM3Sar() != null) {
            double dn = ds / n;
            b.setM3Sar(s.getM3Sar() + ds * dn * (n - 1) * dn * (n - 2) - 3 * dn * s.getM2Sar());
        }
        if (s.getSignedRanks() != null) {
            b.setSignedRanks(SignedRankSums.add(s.getSignedRanks(), o.sar()));
        }
        addRank(b, s, o);
        b.setN(n)
                .setMeanCar(meanCar)
                .setM2Car(s.getM2Car() + dc * (o.car() - meanCar))
                .setMeanSar(meanSar)
                .setM2Sar(s.getM2Sar() + ds * (o.sar() - meanSar));
        // Patell: a SAR of a sigma on dof degrees of freedom is Student's t, variance dof / (dof - 2); dof is the
        // model's (M - 2 for the market model, M - 1 with beta fixed), not always M - 2
        int dof = ModelFit.sigmaDegrees(o.model(), o.estimationPoints());
        if (dof > 2) {
            b.setPatellN(s.getPatellN() + 1)
                    .setPatellSar(s.getPatellSar() + o.sar())
                    .setPatellVar(s.getPatellVar() + dof / (dof - 2.0));
        }
        if (o.positiveShare() != null) {
            b.setSignN(s.getSignN() + 1)
                    .setSumPositiveShare(s.getSumPositiveShare() + o.positiveShare())
                    .setPositives(s.getPositives() + (o.car() > 0 ? 1 : 0));
        }
        if (!o.path().isEmpty() && (s.getPathN() == 0 || s.getPathAt().equals(o.pathAt()))) {
            int pn = s.getPathN() + 1;
            List<Double> mean = new ArrayList<>(o.path().size());
            List<Double> m2 = new ArrayList<>(o.path().size());
            for (int i = 0; i < o.path().size(); i++) {
                double c = o.path().get(i);
                double m0 = pn == 1 ? 0 : s.getPathMean().get(i);
                double d = c - m0;
                double m1 = m0 + d / pn;
                mean.add(m1);
                m2.add((pn == 1 ? 0 : s.getPathM2().get(i)) + d * (c - m1));
            }
            b.setPathAt(o.pathAt()).setPathMean(mean).setPathM2(m2).setPathN(pn);
        }
        return b.build();
    }

    /**
     * GRANK-Z's sums: U and its variance under no effect, (T - 1) / (12 (T + 1)) with T = M + 1 (the points and the
     * z-score). A reaction without a rank (written before it existed) leaves the group without the test, as sums
     * begun before version 4 are, rather than testing some of its reactions.
     */
    private static void addRank(StudySums.Builder b, StudySums s, Observation o) {
        if (s.getSumRank() == null || o.generalizedRank() == null) {
            b.setSumRank(null).setSumRankVar(null);
            return;
        }
        int t = o.estimationPoints() + 1;
        b.setSumRank(s.getSumRank() + o.generalizedRank())
                .setSumRankVar(s.getSumRankVar() + (t - 1.0) / (12.0 * (t + 1)));
    }

    /**
     * The sums with a reaction's window overlaps with the earlier ones of its ticker ({@link TickerOverlap}): added
     * with the reaction itself ({@link #add}), with their squares and the triples they close; late when some of them
     * may have been missed.
     */
    public static StudySums addOverlap(
            StudySums s, double overlap, double overlapSquares, double overlapTriangles, boolean late) {
        if (s.getSameTickerOverlap() == null) {
            return s;
        }
        Double squares = s.getSameTickerOverlapSquares();
        Double triangles = s.getSameTickerOverlapTriangles();
        return StudySums.newBuilder(s)
                .setSameTickerOverlap(s.getSameTickerOverlap() + overlap)
                .setSameTickerOverlapSquares(squares == null ? null : squares + overlapSquares)
                .setSameTickerOverlapTriangles(triangles == null ? null : triangles + overlapTriangles)
                .setOverlapLate(s.getOverlapLate() + (late ? 1 : 0))
                .build();
    }

    /**
     * The sums with a reaction's window overlaps with the recent ones of other tickers ({@link CrossTickerOverlap}),
     * after {@link #addOverlap}: late when some of them may have been missed (counted, not withheld: see
     * {@link CrossTickerOverlap#GRACE}).
     */
    static StudySums addCrossOverlap(StudySums s, CrossTickerOverlap.Step step) {
        StudySums.Builder b = StudySums.newBuilder(s)
                .setRecentLatest(step.latest())
                .setRecentDroppedTo(step.droppedTo())
                .setCrossLate(s.getCrossLate() + (step.late() ? 1 : 0));
        if (s.getCrossOverlap() == null) {
            return b.build();
        }
        return b.setCrossOverlap(s.getCrossOverlap() + step.overlap())
                .setCrossOverlapSquares(s.getCrossOverlapSquares() + step.squares())
                .setCrossCorrelated(s.getCrossCorrelated() + step.correlated())
                .setCrossCorrelatedShare(s.getCrossCorrelatedShare() + step.correlatedShare())
                .setCrossTriangles2(s.getCrossTriangles2() + step.triangles2())
                .setCrossTriangles3(s.getCrossTriangles3() + step.triangles3())
                .build();
    }

    /**
     * The group's correlation of residuals across tickers: the share-weighted mean of its overlapping cross-ticker
     * pairs' correlations, clipped to [0, 1] (a negative mean of a few noisy pairs would shrink the variance the
     * adjustment adds, and residuals net of the market correlate positively within a group of news); null where no
     * pair has one, or the sums were begun before they were kept.
     */
    static Double crossTickerR(StudySums s) {
        if (s.getCrossCorrelatedShare() == null || s.getCrossCorrelatedShare() == 0) {
            return null;
        }
        return Math.min(1, Math.max(0, s.getCrossCorrelated() / s.getCrossCorrelatedShare()));
    }

    /** The statistics of a group and horizon from its sums. */
    public static EventStudy result(String group, String horizon, StudySums s) {
        int n = s.getN();
        EventStudy.Builder b = EventStudy.newBuilder()
                .setGroup(group)
                .setHorizon(horizon)
                .setN(n)
                .setExcluded(s.getExcluded())
                .setCaar(null)
                .setCsectT(null)
                .setCsectP(null)
                .setPatellZ(null)
                .setPatellP(null)
                .setBmpT(null)
                .setBmpP(null)
                .setGenSignZ(null)
                .setGenSignP(null)
                .setSkewT(null)
                .setSkewP(null)
                .setWilcoxonZ(null)
                .setWilcoxonP(null)
                .setOverlapR(null)
                .setCrossTickerR(null)
                .setBmpKpT(null)
                .setBmpKpP(null)
                .setGrankZ(null)
                .setGrankP(null);
        if (n > 0) {
            b.setCaar(s.getMeanCar());
        }
        Double t = tStatistic(n, s.getMeanCar(), s.getM2Car());
        b.setCsectT(t).setCsectP(t == null ? null : tTwoSided(t, n - 1));
        Double bmp = tStatistic(n, s.getMeanSar(), s.getM2Sar());
        b.setBmpT(bmp).setBmpP(bmp == null ? null : tTwoSided(bmp, n - 1));
        if (s.getPatellN() > 0 && s.getPatellVar() > 0) {
            double z = s.getPatellSar() / Math.sqrt(s.getPatellVar());
            b.setPatellZ(z).setPatellP(normalTwoSided(z));
        }
        if (s.getSignN() > 0) {
            double p = s.getSumPositiveShare() / s.getSignN();
            double v = s.getSignN() * p * (1 - p);
            if (v > 0) {
                double z = (s.getPositives() - s.getSignN() * p) / Math.sqrt(v);
                b.setGenSignZ(z).setGenSignP(normalTwoSided(z));
            }
        }
        Double rho = crossTickerR(s);
        b.setCrossTickerR(rho).setCrossLate(s.getCrossLate());
        if (n >= 2 && s.getSameTickerOverlap() != null) {
            // Kolari and Pynnonen (2010): Var(mean SAR) = (1 + (n - 1) r) / n and E s^2(SAR) = 1 - r, r the mean
            // correlation over the n (n - 1) ordered pairs; here each pair's window share, counted once, times rho
            // for a pair of different tickers (1 for one ticker)
            boolean cross = s.getCrossOverlap() != null;
            double c = rho == null ? 0 : rho;
            double r = 2 * (s.getSameTickerOverlap() + (cross ? c * s.getCrossOverlap() : 0)) / ((double) n * (n - 1));
            b.setOverlapR(r);
            Double squares = s.getSameTickerOverlapSquares() == null || !cross
                    ? null
                    : s.getSameTickerOverlapSquares() + c * c * s.getCrossOverlapSquares();
            Double triangles = s.getSameTickerOverlapTriangles() == null || !cross
                    ? null
                    : s.getSameTickerOverlapTriangles()
                            + c * c * s.getCrossTriangles2()
                            + c * c * c * s.getCrossTriangles3();
            if (bmp != null && s.getOverlapLate() == 0 && r < 1 && squares != null && triangles != null) {
                double kp = bmp * Math.sqrt((1 - r) / (1 + (n - 1) * r));
                b.setBmpKpT(kp).setBmpKpP(KolariPynnonen.twoSidedP(kp, n, r, squares, triangles));
            }
        }
        // on SAR, not CAR: a group's CARs mix windows whose normal variances differ several times over (the open and
        // midday, thin and liquid names), heavy tails the skewness estimate turns into spread (docs/event-study.md)
        Double skew = s.getM3Sar() == null ? null : skewnessCorrectedT(n, s.getMeanSar(), s.getM2Sar(), s.getM3Sar());
        b.setSkewT(skew).setSkewP(skew == null ? null : tTwoSided(skew, n - 1));
        Double w = s.getSignedRanks() == null ? null : SignedRankSums.z(s.getSignedRanks());
        b.setWilcoxonZ(w).setWilcoxonP(w == null ? null : normalTwoSided(w));
        if (s.getSumRankVar() != null && s.getSumRankVar() > 0) {
            // Kolari and Pynnonen's (2011) GRANK-Z, one event-window observation per event, without their
            // cross-sectional rescaling (docs/event-study.md): the U's are independent under no effect
            double z = s.getSumRank() / Math.sqrt(s.getSumRankVar());
            b.setGrankZ(z).setGrankP(normalTwoSided(z));
        }
        int pn = s.getPathN();
        List<Double> caar = new ArrayList<>();
        List<Double> lower = new ArrayList<>();
        List<Double> upper = new ArrayList<>();
        double q = pn >= 2 ? TDistribution.of(pn - 1).inverseCumulativeProbability(0.975) : Double.NaN;
        for (int i = 0; i < s.getPathMean().size(); i++) {
            double mean = s.getPathMean().get(i);
            caar.add(mean);
            Double sd = sd(pn, s.getPathM2().get(i));
            lower.add(sd == null ? null : mean - q * sd / Math.sqrt(pn));
            upper.add(sd == null ? null : mean + q * sd / Math.sqrt(pn));
        }
        return b.setPathAt(s.getPathAt())
                .setCaarPath(caar)
                .setLower(lower)
                .setUpper(upper)
                .build();
    }

    /** mean / (s / sqrt(n)); null for n < 2 or no spread. */
    static Double tStatistic(int n, double mean, double m2) {
        Double sd = sd(n, m2);
        return sd == null || sd == 0 ? null : mean / (sd / Math.sqrt(n));
    }

    /**
     * Hall's (1992) skewness-corrected t, in the convention of EventStudyTools and Stata's {@code hallt}: S = mean /
     * s, the unbiased skewness g = n / ((n - 1)(n - 2)) m3 / s^3 (m3 the sum of cubed deviations), and {@code
     * sqrt(n) (S + g S^2 / 3 + g^2 S^3 / 27 + g / (6 n))}. Not Johnson's (1978) as Lyon, Barber and Tsai (1999) use
     * it (g = m3 / (n s^3), without the g^2 S^3 / 27 term). Null for n < 3 or no spread. A study reads it against
     * Student's t on n - 1 degrees of freedom, as the plain t: against the normal a group of 25 rejects 6.3% at 5%.
     */
    static Double skewnessCorrectedT(int n, double mean, double m2, double m3) {
        Double sd = sd(n, m2);
        if (n < 3 || sd == null || sd == 0) {
            return null;
        }
        double r = mean / sd;
        double g = n / ((n - 1.0) * (n - 2.0)) * m3 / (sd * sd * sd);
        return Math.sqrt(n) * (r + g * r * r / 3 + g * g * r * r * r / 27 + g / (6.0 * n));
    }

    /** The sample standard deviation (n - 1) from the sum of squared deviations; null for n < 2. */
    static Double sd(int n, double m2) {
        return n < 2 ? null : Math.sqrt(m2 / (n - 1));
    }

    static double tTwoSided(double t, double df) {
        return 2 * TDistribution.of(df).survivalProbability(Math.abs(t));
    }

    static double normalTwoSided(double z) {
        return 2 * NORMAL.survivalProbability(Math.abs(z));
    }
}
