package com.marketreactions.streams.study;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The p-value of Kolari and Pynnönen's adjusted BMP t where the SARs are correlated (docs/event-study.md). The
 * adjustment makes the numerator's variance right; what is left is the distribution of the variance estimate. Under
 * the correlations R, (n - 1) s² is Q = Σ λ_k χ²₁, the λ the eigenvalues of PRP (P the centring), so the adjusted t
 * is Z / sqrt(Q / E Q). Q is matched on its first three moments by a + b χ²_d (Pearson's approximation of a
 * quadratic form), and the p-value is {@code E[2 Φ̄(|t| sqrt((a + b X) / E Q))]}, X ~ χ²_d, by quadrature.
 *
 * <p>Why three moments: a clustered group's λ are few large ones (between clusters) and many small (within), and Q
 * is then bounded away from zero by the small ones' sum, which a scaled chi-square on two moments (Satterthwaite's)
 * does not know. Five runs of five normal SARs correlated 0.6 within a run, computed: read at 5%, Satterthwaite's
 * degrees of freedom reject 4.6%, n - 1's 6.4%, three moments 5.0% (placebos: docs/method.md).
 *
 * <p>The traces come from the running sums alone: with s₁ = 1 + (n - 1) r (R's mean row sum), tr((PR)^k) is taken as
 * tr(R^k) - s₁^k, exact when every SAR's correlations sum alike; tr(R²) = n + 2 Ψ and tr(R³) = n + 6 Ψ + 6 Δ, Ψ the
 * sum over pairs of their correlation squared and Δ over triples of the product of their three correlations. Where
 * it is not exact, as for a deal of five correlated 0.95 among twenty single news (row sums about 5 and 1), it
 * still rejects 4.9% at 5% (5.1% on the exact traces, 4.6% on Satterthwaite's).
 */
final class KolariPynnonen {

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
    /** Simpson's intervals over ln X: the integrand is a smooth bell there, exact to about 1e-12 at this count. */
    private static final int INTERVALS = 1000;
    /** The chi-square's mass left out at each end of the quadrature. */
    private static final double TAIL = 1e-15;

    private KolariPynnonen() {}

    /**
     * The two-sided p of the adjusted t {@code t} of n SARs whose correlations average {@code r} over pairs, with
     * {@code squares} (Ψ) and {@code triangles} (Δ) their sums of squares and triple products; null where the
     * correlations leave no spread to estimate.
     */
    static Double twoSidedP(double t, int n, double r, double squares, double triangles) {
        double rowSum = 1 + (n - 1) * r;
        double c1 = (n - 1) * (1 - r);
        double c2 = n + 2 * squares - rowSum * rowSum;
        double c3 = n + 6 * squares + 6 * triangles - rowSum * rowSum * rowSum;
        if (!(c1 > 0 && c2 > 0 && c3 > 0)) {
            return null;
        }
        double a = c1 - c2 * c2 / c3;
        double d = c2 * c2 * c2 / (c3 * c3);
        if (a <= 0 || d < 1) {
            // a = 0: Q is a scaled chi-square, Student's t on Satterthwaite's degrees of freedom (n - 1 where nothing
            // correlates). d < 1 no set of λ gives (Hölder's inequality): the shortcut's traces are off, as where a
            // few windows overlap unequally (three within minutes, the first and last less); the two-moment p, on
            // more degrees of freedom than the exact ones, errs the safe way
            return 2 * TDistribution.of(c1 * c1 / c2).survivalProbability(Math.abs(t));
        }
        return pearsonP(t, a / c1, c3 / c2 / c1, d);
    }

    /**
     * {@code P(|Z| >= |t| sqrt(a + b X))}, Z standard normal and X ~ χ²_d independent, by Simpson's rule over ln X
     * between the chi-square's {@link #TAIL} quantiles. With a = 0 and b = 1 / d it is Student's t's two-sided p.
     */
    static double pearsonP(double t, double a, double b, double d) {
        ChiSquaredDistribution chi = ChiSquaredDistribution.of(d);
        double lo = Math.log(chi.inverseCumulativeProbability(TAIL));
        double hi = Math.log(chi.inverseSurvivalProbability(TAIL));
        double h = (hi - lo) / INTERVALS;
        // ln X's density is exp(d/2 y - e^y / 2 + c): c once from the library, the loop without its log-gamma
        double c = chi.logDensity(1) + 0.5;
        double sum = 0;
        for (int i = 0; i <= INTERVALS; i++) {
            double y = lo + i * h;
            double x = Math.exp(y);
            double weight = i == 0 || i == INTERVALS ? 1 : i % 2 == 1 ? 4 : 2;
            double density = Math.exp(d / 2 * y - x / 2 + c);
            sum += weight * density * 2 * NORMAL.survivalProbability(Math.abs(t) * Math.sqrt(a + b * x));
        }
        return Math.min(1, sum * h / 3);
    }
}
