package com.marketreactions.streams.reaction;

import com.marketreactions.schema.ReactionModel;

/**
 * The normal-return model fitted on the estimation window (spec 6-7): {@code r_s = alpha + beta * r_m + e}.
 *
 * @param sigma residual standard deviation of one 1-minute return; null when it cannot be estimated
 * @param points number of estimation points n
 * @param positiveShare share of the estimation points whose abnormal return {@code r_s - beta r_m} (the event
 *                      window's definition) is above zero; null without points (the generalized sign test's p)
 */
public record ModelFit(ReactionModel model, Double alpha, Double beta, Double sigma, int points, Double positiveShare) {

    /**
     * Fits the market model by OLS when there are at least {@code minPoints} points and the market return is
     * not constant; otherwise the market-adjusted model (alpha 0, beta 1, sigma = sample sd of r_s - r_m).
     * Sums are taken around the means (two passes), so returns of prices near 500 lose no precision.
     */
    public static ModelFit fit(double[] rs, double[] rm, int n, int minPoints) {
        if (n >= minPoints && n > 2 && !constant(rm, n)) {
            double mx = mean(rm, n);
            double my = mean(rs, n);
            double sxx = 0;
            double sxy = 0;
            for (int i = 0; i < n; i++) {
                double dx = rm[i] - mx;
                sxx += dx * dx;
                sxy += dx * (rs[i] - my);
            }
            double beta = sxy / sxx;
            double alpha = my - beta * mx;
            double sse = 0;
            for (int i = 0; i < n; i++) {
                double e = rs[i] - alpha - beta * rm[i];
                sse += e * e;
            }
            return new ModelFit(
                    ReactionModel.MARKET_MODEL,
                    alpha,
                    beta,
                    Math.sqrt(sse / (n - 2)),
                    n,
                    positiveShare(rs, rm, n, beta));
        }
        Double sigma = null;
        if (n >= 2) {
            double md = 0;
            for (int i = 0; i < n; i++) {
                md += rs[i] - rm[i];
            }
            md /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double d = rs[i] - rm[i] - md;
                ss += d * d;
            }
            sigma = Math.sqrt(ss / (n - 1));
        }
        return new ModelFit(ReactionModel.MARKET_ADJUSTED, 0.0, 1.0, sigma, n, positiveShare(rs, rm, n, 1.0));
    }

    /**
     * The residuals of the points under this model: {@code r_s - alpha - beta r_m}, or for the market-adjusted model
     * {@code r_s - r_m} about its mean (the deviations its sigma is taken from).
     */
    double[] residuals(double[] rs, double[] rm, int n) {
        double[] e = new double[n];
        double center = 0;
        if (model == ReactionModel.MARKET_ADJUSTED) {
            for (int i = 0; i < n; i++) {
                center += rs[i] - rm[i];
            }
            center = n > 0 ? center / n : 0;
        } else {
            center = alpha;
        }
        for (int i = 0; i < n; i++) {
            e[i] = rs[i] - center - beta * rm[i];
        }
        return e;
    }

    private static Double positiveShare(double[] rs, double[] rm, int n, double beta) {
        if (n == 0) {
            return null;
        }
        int up = 0;
        for (int i = 0; i < n; i++) {
            if (rs[i] - beta * rm[i] > 0) {
                up++;
            }
        }
        return (double) up / n;
    }

    private static boolean constant(double[] x, int n) {
        for (int i = 1; i < n; i++) {
            if (x[i] != x[0]) {
                return false;
            }
        }
        return true;
    }

    private static double mean(double[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s / n;
    }
}
