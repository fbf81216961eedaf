package com.marketreactions.streams.reaction;

import java.util.Arrays;

/**
 * The estimation window's standardized one-minute residuals, sorted, against which a reaction's z-score is ranked
 * for the generalized rank test (Kolari and Pynnönen 2011; docs/method.md#the-generalized-rank). Each residual is
 * divided by sigma times the square root of its part of the day's weight, so that, like the z-score, it has unit
 * variance under the model wherever in the day it fell.
 *
 * <p>Kept with the estimate while a (news, ticker) is open: 8 bytes per estimation point (about 38 kB for a liquid
 * stock's 4,800 points over five days of extended hours), so each update of the reaction ranks by two binary
 * searches instead of a pass.
 */
public final class EstimationRanks {

    private final double[] sorted;

    private EstimationRanks(double[] sorted) {
        this.sorted = sorted;
    }

    /** The standardized residuals of the points under the fit, weighted by the profile's day; null without it. */
    static EstimationRanks of(SessionClock clock, ModelFit fit, EstimationPoints points, VarianceProfile profile) {
        if (profile == null) {
            return null;
        }
        int n = points.n();
        double[] e = fit.residuals(points.rs(), points.rm(), n);
        double[] weight = profile.stock().minute();
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            // a part weighs 0 only when every residual in it is 0 (the weights are shrunk toward a positive prior
            // otherwise): its points are zeros, not 0 / 0
            double w = weight[clock.bucket(points.minute(i))];
            u[i] = e[i] == 0 ? 0 : e[i] / (fit.sigma() * Math.sqrt(w));
        }
        return of(u);
    }

    /** The ranks among residuals already standardized (sorted here, in place). */
    public static EstimationRanks of(double[] standardized) {
        Arrays.sort(standardized);
        return new EstimationRanks(standardized);
    }

    /** T: the observations ranked, every estimation point and the event's z-score. */
    public int observations() {
        return sorted.length + 1;
    }

    /**
     * U = rank / (T + 1) - 1/2 of {@code z} among the points and itself, ties given their mean rank: uniform on
     * {1..T}/(T + 1) - 1/2 with variance (T - 1) / (12 (T + 1)) when z is drawn as the points are.
     */
    public double centeredRank(double z) {
        int below = count(z, false);
        int equal = count(z, true) - below;
        // z and the points equal to it share ranks below + 1 .. below + equal + 1
        double rank = below + 1 + equal / 2.0;
        return rank / (observations() + 1) - 0.5;
    }

    /** Equal when they rank among the same values: estimates of one history compare equal (records compare fields). */
    @Override
    public boolean equals(Object o) {
        return o instanceof EstimationRanks r && Arrays.equals(sorted, r.sorted);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sorted);
    }

    @Override
    public String toString() {
        return "EstimationRanks[" + sorted.length + " points]";
    }

    /** The points below {@code z}, or at or below it. */
    private int count(double z, boolean orEqual) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < z || (orEqual && sorted[mid] == z)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
