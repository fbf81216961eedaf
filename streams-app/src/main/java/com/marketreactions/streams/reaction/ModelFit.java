package com.marketreactions.streams.reaction;

import com.marketreactions.schema.ReactionModel;

/**
 * The normal-return model fitted on the estimation window (spec 6-7; docs/method.md#the-normal-return-models): the
 * market model {@code r_s = alpha + beta * r_m + e}, or one of its restrictions with beta fixed, market-adjusted
 * (beta 1) and constant mean (beta 0).
 *
 * @param alpha the intercept: OLS's, 0 for the market-adjusted model, the mean return for the constant-mean one (null
 *              without points); reported, never applied to the window
 * @param sigma residual standard deviation of one 1-minute return; null when it cannot be estimated
 * @param points number of estimation points n
 * @param positiveShare share of the estimation points whose abnormal return {@code r_s - beta r_m} (the event
 *                      window's definition) is above zero; null without points (the generalized sign test's p)
 */
public record ModelFit(ReactionModel model, Double alpha, Double beta, Double sigma, int points, Double positiveShare) {

    /**
     * The market model by OLS when there are at least {@code minPoints} points and the market return is not constant;
     * otherwise the market-adjusted model. Sums are taken around the means (two passes), so returns of prices near 500
     * lose no precision.
     */
    static ModelFit market(double[] rs, double[] rm, int n, int minPoints) {
        if (n < minPoints || n <= 2 || constant(rm, n)) {
            return marketAdjusted(rs, rm, n);
        }
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
        ReactionModel model = ReactionModel.MARKET_MODEL;
        return new ModelFit(
                model, alpha, beta, Math.sqrt(sse / sigmaDegrees(model, n)), n, positiveShare(rs, rm, n, beta));
    }

    /** Alpha 0, beta 1: {@code r_s - r_m} is the abnormal return; sigma its sample standard deviation. */
    static ModelFit marketAdjusted(double[] rs, double[] rm, int n) {
        return fixedBeta(ReactionModel.MARKET_ADJUSTED, 1.0, rs, rm, n);
    }

    /** Beta 0: {@code r_s = mu + e}; alpha is mu, sigma the sample standard deviation of r_s. */
    static ModelFit constantMean(double[] rs, double[] rm, int n) {
        return fixedBeta(ReactionModel.CONSTANT_MEAN, 0.0, rs, rm, n);
    }

    /**
     * {@code r_s - beta r_m = mu + e} with beta fixed: sigma about the mean mu on n - 1 degrees of freedom, null for
     * n < 2. The market-adjusted model reports alpha 0 (as its fallback always has), the constant-mean one mu.
     */
    private static ModelFit fixedBeta(ReactionModel model, double beta, double[] rs, double[] rm, int n) {
        Double mu = n > 0 ? center(rs, rm, n, beta) : null;
        Double sigma = null;
        if (n >= 2) {
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double d = rs[i] - beta * rm[i] - mu;
                ss += d * d;
            }
            sigma = Math.sqrt(ss / sigmaDegrees(model, n));
        }
        Double alpha = model == ReactionModel.MARKET_ADJUSTED ? Double.valueOf(0.0) : mu;
        return new ModelFit(model, alpha, beta, sigma, n, positiveShare(rs, rm, n, beta));
    }

    /**
     * The degrees of freedom of a model's sigma on {@code points} points: n - 2 for the market model (alpha and beta
     * estimated), n - 1 for the models with beta fixed (the mean alone). A z-score of such a sigma is Student's t on
     * them, whose variance d / (d - 2) Patell's test sums (docs/method.md#the-normal-return-models).
     */
    public static int sigmaDegrees(ReactionModel model, int points) {
        return model == ReactionModel.MARKET_MODEL ? points - 2 : points - 1;
    }

    /**
     * The residuals of the points under this model, the deviations its sigma is taken from: {@code r_s - alpha - beta
     * r_m} for the market model, {@code r_s - beta r_m} about its mean for the models with beta fixed.
     */
    double[] residuals(double[] rs, double[] rm, int n) {
        double[] e = new double[n];
        double c = model == ReactionModel.MARKET_MODEL ? alpha : n > 0 ? center(rs, rm, n, beta) : 0;
        for (int i = 0; i < n; i++) {
            e[i] = rs[i] - c - beta * rm[i];
        }
        return e;
    }

    /** The mean of {@code r_s - beta r_m}. */
    private static double center(double[] rs, double[] rm, int n, double beta) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += rs[i] - beta * rm[i];
        }
        return s / n;
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
