package com.marketreactions.producers.synthetic;

import java.util.Random;

/**
 * How activity spreads over the names of a whole market: the share of the {@code i}-th busiest of {@code n} names
 * is proportional to {@code 1 / (i + Q)^S} (a Zipf-Mandelbrot law), for trades and, with the same weights, for the
 * news that names them (busy names are written about more).
 *
 * <p>Where {@code S = 2} and {@code Q = 100} come from: of 10,000 names they give the busiest 1.0% of all trades
 * (AAPL printed about 700,000 of 70-100 million consolidated trades in a regular session of August 2026), the
 * median name 390 trades per 100 million (a few hundred a day: most of the 11,000 names that print on a day are
 * thin), the 100 busiest half of all trades, and the quietest about 100 per 100 million. A pure Zipf law cannot
 * give both the top share and the thin median; the offset {@code Q} flattens the head.
 */
public final class MarketShape {

    static final double S = 2.0;
    static final double Q = 100.0;

    private final double[] cumulative;

    private MarketShape(double[] cumulative) {
        this.cumulative = cumulative;
    }

    /** The shares of {@code n} names, busiest first, summing to 1. */
    public static double[] shares(int n) {
        Specs.require(n >= 1, "a market needs at least one name");
        double[] w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 1 / StrictMath.pow(i + 1 + Q, S);
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /** Draws names by their share: {@link #draw} returns an index into the shares' order. */
    public static MarketShape sampler(double[] shares) {
        double[] c = new double[shares.length];
        double sum = 0;
        for (int i = 0; i < shares.length; i++) {
            sum += shares[i];
            c[i] = sum;
        }
        return new MarketShape(c);
    }

    /** The index of a name drawn with probability proportional to its share. */
    public int draw(Random r) {
        double u = r.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
