package com.marketreactions.streams.differential;

import com.marketreactions.schema.EventStudy;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionModel;
import com.marketreactions.schema.ResidualHours;
import com.marketreactions.streams.study.EventStudyMath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The event study as a batch over a list of FINAL reactions, written from the formulas of docs/event-study.md with two-pass
 * means and deviations: shares only the distributions (Apache Commons Statistics) with the topology's
 * running sums.
 */
public final class ReferenceStudy {

    private ReferenceStudy() {}

    /** Every group and horizon of these FINAL reactions, by {@code group|horizon}. */
    public static Map<String, EventStudy> all(List<MarketReaction> finals) {
        Map<String, List<EventStudyMath.Observation>> by = new LinkedHashMap<>();
        Map<String, List<Across>> acrossBy = new LinkedHashMap<>();
        for (MarketReaction r : finals) {
            for (String g : groups(r)) {
                by.computeIfAbsent(g + "|" + r.getHorizon(), k -> new ArrayList<>())
                        .add(observation(r));
                acrossBy.computeIfAbsent(g + "|" + r.getHorizon(), k -> new ArrayList<>())
                        .add(new Across(
                                r.getResidualHours(),
                                r.getFlags().stream().anyMatch(f -> f.toString().equals("LATE_NEWS"))));
            }
        }
        Map<String, EventStudy> out = new LinkedHashMap<>();
        by.forEach((k, os) -> {
            int bar = k.lastIndexOf('|');
            out.put(k, of(k.substring(0, bar), k.substring(bar + 1), os, acrossBy.get(k)));
        });
        return out;
    }

    /** Written from the list in docs/event-study.md, not from StudyGroups. */
    static List<String> groups(MarketReaction r) {
        List<String> g = new ArrayList<>(List.of("all", "ticker:" + r.getTicker()));
        if (r.getSource() != null && !r.getSource().isBlank()) {
            g.add("source:" + r.getSource());
        }
        if (r.getRepeat() != null) {
            g.add(r.getRepeat() ? "story:repeat" : "story:first");
        }
        if (r.getSentiment() != null) {
            g.add(
                    r.getSentiment() > 0
                            ? "sentiment:positive"
                            : r.getSentiment() < 0 ? "sentiment:negative" : "sentiment:zero");
        }
        r.getTags().stream()
                .filter(t -> t != null && !t.isBlank())
                .map(t -> "tag:" + t.strip())
                .distinct()
                .forEach(g::add);
        return g;
    }

    /** CAR, SAR, M and p of a reaction, or null when it has no model or no z-score. */
    static EventStudyMath.Observation observation(MarketReaction r) {
        if (r.getAbnormalReturn() == null || r.getZScore() == null) {
            return null;
        }
        return new EventStudyMath.Observation(
                r.getAbnormalReturn(),
                r.getZScore(),
                r.getModel(),
                r.getEstimationPoints(),
                r.getEstimationPositiveShare(),
                r.getGeneralizedRank(),
                r.getCarAt(),
                r.getCar(),
                r.getTicker(),
                r.getEventTime().toEpochMilli());
    }

    /** The study of one group and horizon from its reactions' observations (null: left out). */
    public static EventStudy of(String group, String horizon, List<EventStudyMath.Observation> all) {
        return of(group, horizon, all, null);
    }

    /**
     * What a reaction brings to the correlation across tickers: its residual hours (null for none), and whether its
     * news came late (paired with no other ticker's reaction then).
     */
    public record Across(ResidualHours hours, boolean lateNews) {}

    /** As {@link #of(String, String, List)}, with each reaction's {@link Across} in the same order. */
    public static EventStudy of(
            String group, String horizon, List<EventStudyMath.Observation> all, List<Across> allAcross) {
        List<EventStudyMath.Observation> os = new ArrayList<>();
        List<Across> across = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) != null) {
                os.add(all.get(i));
                across.add(allAcross == null ? new Across(null, false) : allAcross.get(i));
            }
        }
        int n = os.size();
        EventStudy.Builder b = EventStudy.newBuilder()
                .setGroup(group)
                .setHorizon(horizon)
                .setN(n)
                .setExcluded(all.size() - n)
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
                .setGrankP(null)
                .setPathAt(List.of())
                .setCaarPath(List.of())
                .setLower(List.of())
                .setUpper(List.of());
        if (n == 0) {
            return b.build();
        }
        double[] car = os.stream().mapToDouble(EventStudyMath.Observation::car).toArray();
        double[] sar = os.stream().mapToDouble(EventStudyMath.Observation::sar).toArray();
        b.setCaar(mean(car));
        // a t-statistic needs a spread: undefined (null) for one reaction or equal values
        if (n >= 2 && !allEqual(car)) {
            double t = mean(car) / (sd(car) / Math.sqrt(n));
            b.setCsectT(t).setCsectP(2 * TDistribution.of(n - 1).survivalProbability(Math.abs(t)));
        }
        Double rho = crossTickerR(os, across, horizon);
        b.setCrossTickerR(rho);
        if (n >= 2) {
            // Kolari-Pynnonen: the SARs' correlations R, 1 on the diagonal, each same-ticker pair's window share off
            // it and each pair of different tickers' share times rho; r their mean over ordered pairs. The adjusted t
            // is read against Z / sqrt(Q / E Q), Q = a + b χ²_d matched to (n - 1) s²'s first three moments
            // tr((PR)^k), each taken as tr(R^k) - (1'R1 / n)^k
            double[][] c = correlations(os, across, horizon, rho == null ? 0 : rho);
            double oneR1 = 0;
            double trR2 = 0;
            double trR3 = 0;
            List<List<Integer>> linked = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<Integer> li = new ArrayList<>();
                for (int j = 0; j < n; j++) {
                    oneR1 += c[i][j];
                    trR2 += c[i][j] * c[i][j];
                    if (c[i][j] != 0) {
                        li.add(j);
                    }
                }
                linked.add(li);
            }
            for (int i = 0; i < n; i++) { // R is sparse: a window meets only those within a horizon of it
                for (int j : linked.get(i)) {
                    for (int k : linked.get(j)) {
                        trR3 += c[i][j] * c[j][k] * c[k][i];
                    }
                }
            }
            double r = (oneR1 - n) / ((double) n * (n - 1));
            double rowSum = oneR1 / n;
            double c1 = n - rowSum;
            double c2 = trR2 - rowSum * rowSum;
            double c3 = trR3 - rowSum * rowSum * rowSum;
            b.setOverlapR(r);
            if (!allEqual(sar)) {
                double bt = mean(sar) / (sd(sar) / Math.sqrt(n));
                b.setBmpT(bt).setBmpP(2 * TDistribution.of(n - 1).survivalProbability(Math.abs(bt)));
                if (r < 1 && c2 > 0 && c3 > 0) {
                    double kp = bt * Math.sqrt((1 - r) / (1 + (n - 1) * r));
                    double a = c1 - c2 * c2 / c3;
                    double d = c2 * c2 * c2 / (c3 * c3);
                    // d < 1 is impossible for true traces: the shortcut's have failed, and the two-moment p is read
                    double p = a <= 0 || d < 1
                            ? 2 * TDistribution.of(c1 * c1 / c2).survivalProbability(Math.abs(kp))
                            : threeMomentP(kp, a / c1, c3 / c2 / c1, d);
                    b.setBmpKpT(kp).setBmpKpP(p);
                }
            }
        }
        double zs = 0;
        double v = 0;
        for (EventStudyMath.Observation o : os) {
            // the SAR is Student's t on its sigma's degrees of freedom: the market model fits two parameters, the
            // market-adjusted and constant-mean models one (their mean)
            int fitted = o.model() == ReactionModel.MARKET_MODEL ? 2 : 1;
            double dof = o.estimationPoints() - fitted;
            if (dof > 2) {
                zs += o.sar();
                v += dof / (dof - 2);
            }
        }
        if (v > 0) {
            double z = zs / Math.sqrt(v);
            b.setPatellZ(z).setPatellP(2 * NormalDistribution.of(0, 1).survivalProbability(Math.abs(z)));
        }
        List<EventStudyMath.Observation> signed =
                os.stream().filter(o -> o.positiveShare() != null).toList();
        if (!signed.isEmpty()) {
            double p = signed.stream()
                    .mapToDouble(EventStudyMath.Observation::positiveShare)
                    .average()
                    .orElseThrow();
            long w = signed.stream().filter(o -> o.car() > 0).count();
            int k = signed.size();
            if (p > 0 && p < 1) {
                double z = (w - k * p) / Math.sqrt(k * p * (1 - p));
                b.setGenSignZ(z).setGenSignP(2 * NormalDistribution.of(0, 1).survivalProbability(Math.abs(z)));
            }
        }
        Double skew = hallT(sar);
        if (skew != null) {
            b.setSkewT(skew).setSkewP(2 * TDistribution.of(n - 1).survivalProbability(Math.abs(skew)));
        }
        Double w = wilcoxonZ(sar);
        if (w != null) {
            b.setWilcoxonZ(w).setWilcoxonP(2 * NormalDistribution.of(0, 1).survivalProbability(Math.abs(w)));
        }
        Double grank = grankZ(os);
        if (grank != null) {
            b.setGrankZ(grank).setGrankP(2 * NormalDistribution.of(0, 1).survivalProbability(Math.abs(grank)));
        }
        List<Double> caar = new ArrayList<>();
        List<Double> lo = new ArrayList<>();
        List<Double> hi = new ArrayList<>();
        int points = os.get(0).path().size();
        for (int i = 0; i < points; i++) {
            final int at = i;
            double[] c = os.stream().mapToDouble(o -> o.path().get(at)).toArray();
            caar.add(mean(c));
            if (n >= 2) {
                double half = TDistribution.of(n - 1).inverseCumulativeProbability(0.975) * sd(c) / Math.sqrt(n);
                lo.add(mean(c) - half);
                hi.add(mean(c) + half);
            } else {
                lo.add(null);
                hi.add(null);
            }
        }
        return b.setPathAt(os.get(0).pathAt())
                .setCaarPath(caar)
                .setLower(lo)
                .setUpper(hi)
                .build();
    }

    /**
     * Hall (1992), as EventStudyTools and Stata's hallt write it, two-pass: s with n - 1, gamma = n / ((n - 1)(n -
     * 2)) sum d^3 / s^3, sqrt(n)(S + gamma S^2/3 + gamma^2 S^3/27 + gamma/(6n)), S = mean / s. Null below three values
     * or without a spread.
     */
    static Double hallT(double[] x) {
        int n = x.length;
        if (n < 3 || allEqual(x)) {
            return null;
        }
        double m = mean(x);
        double s = sd(x);
        double cubes = 0;
        for (double v : x) {
            cubes += Math.pow(v - m, 3);
        }
        double gamma = n / ((n - 1.0) * (n - 2.0)) * cubes / Math.pow(s, 3);
        double ratio = m / s;
        return Math.sqrt(n)
                * (ratio
                        + gamma * Math.pow(ratio, 2) / 3
                        + Math.pow(gamma, 2) * Math.pow(ratio, 3) / 27
                        + gamma / (6 * n));
    }

    /**
     * Kolari and Pynnonen's GRANK-Z as docs/event-study.md reduces it: the U's sum over the square root of their
     * variances' sum, each U uniform on T values, T the estimation points and the z-score. Null when a reaction has no
     * rank.
     */
    static Double grankZ(List<EventStudyMath.Observation> os) {
        double sum = 0;
        double variance = 0;
        for (EventStudyMath.Observation o : os) {
            if (o.generalizedRank() == null) {
                return null;
            }
            double t = o.estimationPoints() + 1;
            // a discrete uniform on {1..T}/(T + 1) - 1/2: E U^2 = (T^2 - 1) / (12 (T + 1)^2)
            sum += o.generalizedRank();
            variance += (t * t - 1) / (12 * (t + 1) * (t + 1));
        }
        return variance > 0 ? sum / Math.sqrt(variance) : null;
    }

    /** A SAR as the Wilcoxon test takes it (docs/event-study.md): to hundredths, |x| at most 100. */
    static double quantised(double sar) {
        double q = Math.min(10_000, Math.round(Math.abs(sar) * 100)) / 100.0;
        return Math.copySign(q, sar);
    }

    /**
     * R's wilcox.test(x, exact = FALSE, correct = TRUE) on the quantised values, sorting them: zeros dropped,
     * mid-ranks of |x|, V the positive ones' rank sum, the tie and continuity corrections. Null with no nonzero value.
     */
    static Double wilcoxonZ(double[] sar) {
        double[] x = java.util.Arrays.stream(sar)
                .map(ReferenceStudy::quantised)
                .filter(v -> v != 0)
                .toArray();
        int n = x.length;
        if (n == 0) {
            return null;
        }
        double nn = n;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> Math.abs(x[i])));
        double[] rank = new double[n];
        double tieTerm = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && Math.abs(x[order[j + 1]]) == Math.abs(x[order[i]])) {
                j++;
            }
            double mid = (i + 1 + j + 1) / 2.0; // ranks i+1 .. j+1
            for (int k = i; k <= j; k++) {
                rank[order[k]] = mid;
            }
            double t = j - i + 1;
            tieTerm += t * t * t - t;
            i = j + 1;
        }
        double v = 0;
        for (int k = 0; k < n; k++) {
            if (x[k] > 0) {
                v += rank[k];
            }
        }
        double z = v - nn * (nn + 1) / 4;
        double sigma = Math.sqrt(nn * (nn + 1) * (2 * nn + 1) / 24 - tieTerm / 48);
        double correction = Math.signum(z) * 0.5;
        return sigma == 0 ? null : (z - correction) / sigma;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static boolean allEqual(double[] x) {
        for (double v : x) {
            if (v != x[0]) {
                return false;
            }
        }
        return true;
    }

    private static double sd(double[] x) {
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (x.length - 1));
    }

    /**
     * P(|Z| >= |t| sqrt(a + b X)), X ~ χ²_d, as P(X <= (Z² / t² - a) / b) over Z: 2 ∫ F_d(...) φ(z) dz from z0 = |t|
     * sqrt(a), with z = z0 + s² to smooth the chi-square's start, by the trapezoid rule.
     */
    private static double threeMomentP(double t, double a, double b, double d) {
        if (t == 0) {
            return 1;
        }
        ChiSquaredDistribution chi = ChiSquaredDistribution.of(d);
        NormalDistribution normal = NormalDistribution.of(0, 1);
        double z0 = Math.abs(t) * Math.sqrt(a);
        int steps = 4000;
        double ds = Math.sqrt(40.0) / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double s = i * ds;
            double z = z0 + s * s;
            double x = Math.max(0, (z * z / (t * t) - a) / b);
            double f = chi.cumulativeProbability(x) * normal.density(z) * 2 * s;
            sum += (i == 0 || i == steps ? 0.5 : 1) * f;
        }
        return Math.min(1, 2 * sum * ds);
    }

    /**
     * rho: over the pairs of reactions of different tickers whose windows overlap and whose hours have a correlation,
     * the mean of it weighted by the share, clipped to [0, 1]; null without such a pair.
     */
    static Double crossTickerR(List<EventStudyMath.Observation> os, List<Across> across, String horizon) {
        double h = java.time.Duration.parse(horizon).toMillis();
        double weighted = 0;
        double shares = 0;
        for (int i = 0; i < os.size(); i++) {
            for (int j = i + 1; j < os.size(); j++) {
                double share = Math.max(
                        0, 1 - Math.abs(os.get(i).eventTime() - os.get(j).eventTime()) / h);
                if (share > 0 && paired(os, across, i, j)) {
                    Double corr =
                            hourCorrelation(across.get(i).hours(), across.get(j).hours());
                    if (corr != null) {
                        weighted += share * corr;
                        shares += share;
                    }
                }
            }
        }
        return shares == 0 ? null : Math.min(1, Math.max(0, weighted / shares));
    }

    /** Two reactions of different tickers, neither of a late news event. */
    private static boolean paired(List<EventStudyMath.Observation> os, List<Across> across, int i, int j) {
        return !os.get(i).ticker().equals(os.get(j).ticker())
                && !across.get(i).lateNews()
                && !across.get(j).lateNews();
    }

    /** The SARs' correlations: the window share for one ticker, times rho across tickers, 0 for a late news's. */
    private static double[][] correlations(
            List<EventStudyMath.Observation> os, List<Across> across, String horizon, double rho) {
        double h = java.time.Duration.parse(horizon).toMillis();
        int n = os.size();
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double share = Math.max(
                        0, 1 - Math.abs(os.get(i).eventTime() - os.get(j).eventTime()) / h);
                c[i][j] = os.get(i).ticker().equals(os.get(j).ticker())
                        ? share
                        : paired(os, across, i, j) ? share * rho : 0;
            }
        }
        return c;
    }

    /**
     * Two residual hours' correlation over the hours both span, with the lag-one cross products (hour h of one with
     * h + 1 of the other, both ways) in the numerator; null under 20 hours where both are non-zero.
     */
    private static Double hourCorrelation(ResidualHours x, ResidualHours y) {
        if (x == null || y == null) {
            return null;
        }
        Map<Long, Double> xs = new java.util.HashMap<>();
        Map<Long, Double> ys = new java.util.HashMap<>();
        for (int k = 0; k < x.getZ().size(); k++) {
            xs.put(x.getFirstHour() + k, x.getZ().get(k));
        }
        for (int k = 0; k < y.getZ().size(); k++) {
            ys.put(y.getFirstHour() + k, y.getZ().get(k));
        }
        java.util.Set<Long> span = new java.util.TreeSet<>(xs.keySet());
        span.retainAll(ys.keySet());
        double xy = 0;
        double xx = 0;
        double yy = 0;
        int common = 0;
        for (long h : span) {
            double a = xs.get(h);
            double b = ys.get(h);
            xx += a * a;
            yy += b * b;
            xy += a * b;
            if (span.contains(h + 1)) {
                xy += a * ys.get(h + 1) + xs.get(h + 1) * b;
            }
            if (a != 0 && b != 0) {
                common++;
            }
        }
        return common < 20 ? null : xy / Math.sqrt(xx * yy);
    }

    /** The statistics agree: p-values and tests to 1e-7 relative, the path to 1e-12 and its band to 1e-9. */
    public static void assertClose(EventStudy e, EventStudy a, String what) {
        org.junit.jupiter.api.Assertions.assertNotNull(a, what + ": missing");
        org.junit.jupiter.api.Assertions.assertEquals(e.getN(), a.getN(), what + " n");
        org.junit.jupiter.api.Assertions.assertEquals(e.getExcluded(), a.getExcluded(), what + " excluded");
        String[] names = {
            "caar",
            "csectT",
            "csectP",
            "patellZ",
            "patellP",
            "bmpT",
            "bmpP",
            "genSignZ",
            "genSignP",
            "skewT",
            "skewP",
            "wilcoxonZ",
            "wilcoxonP",
            "overlapR",
            "crossTickerR",
            "bmpKpT",
            "bmpKpP",
            "grankZ",
            "grankP"
        };
        Double[] es = {
            e.getCaar(),
            e.getCsectT(),
            e.getCsectP(),
            e.getPatellZ(),
            e.getPatellP(),
            e.getBmpT(),
            e.getBmpP(),
            e.getGenSignZ(),
            e.getGenSignP(),
            e.getSkewT(),
            e.getSkewP(),
            e.getWilcoxonZ(),
            e.getWilcoxonP(),
            e.getOverlapR(),
            e.getCrossTickerR(),
            e.getBmpKpT(),
            e.getBmpKpP(),
            e.getGrankZ(),
            e.getGrankP()
        };
        Double[] as = {
            a.getCaar(),
            a.getCsectT(),
            a.getCsectP(),
            a.getPatellZ(),
            a.getPatellP(),
            a.getBmpT(),
            a.getBmpP(),
            a.getGenSignZ(),
            a.getGenSignP(),
            a.getSkewT(),
            a.getSkewP(),
            a.getWilcoxonZ(),
            a.getWilcoxonP(),
            a.getOverlapR(),
            a.getCrossTickerR(),
            a.getBmpKpT(),
            a.getBmpKpP(),
            a.getGrankZ(),
            a.getGrankP()
        };
        for (int i = 0; i < names.length; i++) {
            close(es[i], as[i], 1e-7 * Math.max(1, es[i] == null ? 0 : Math.abs(es[i])), what + " " + names[i]);
        }
        org.junit.jupiter.api.Assertions.assertEquals(e.getPathAt(), a.getPathAt(), what + " pathAt");
        for (int i = 0; i < e.getCaarPath().size(); i++) {
            close(e.getCaarPath().get(i), a.getCaarPath().get(i), 1e-12, what + " caarPath");
            close(e.getLower().get(i), a.getLower().get(i), 1e-9, what + " lower");
            close(e.getUpper().get(i), a.getUpper().get(i), 1e-9, what + " upper");
        }
    }

    private static void close(Double e, Double a, double delta, String what) {
        if (e == null || a == null) {
            org.junit.jupiter.api.Assertions.assertEquals(e, a, what);
        } else {
            org.junit.jupiter.api.Assertions.assertEquals(e, a, delta, what);
        }
    }
}
