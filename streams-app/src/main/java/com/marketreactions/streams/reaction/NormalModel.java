package com.marketreactions.streams.reaction;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The normal-return model a user chooses (setting {@code reaction.model}, docs/method.md#the-normal-return-models):
 * how {@link ModelFit} reads the estimation window's one-minute returns.
 */
public enum NormalModel {
    /** OLS {@code r_s = alpha + beta r_m + e}; market-adjusted when too few points or a constant benchmark. */
    MARKET("market"),
    /** {@code r_s - r_m = e}: alpha 0, beta 1, whatever the points. */
    MARKET_ADJUSTED("market-adjusted"),
    /** {@code r_s = mu + e}: beta 0, alpha the mean. */
    CONSTANT_MEAN("constant-mean");

    private final String label;

    NormalModel(String label) {
        this.label = label;
    }

    /** The setting's value, e.g. {@code market-adjusted}. */
    public String label() {
        return label;
    }

    /** The model fitted on {@code n} points of the stock's ({@code rs}) and the benchmark's ({@code rm}) returns. */
    public ModelFit fit(double[] rs, double[] rm, int n, int minPoints) {
        return switch (this) {
            case MARKET -> ModelFit.market(rs, rm, n, minPoints);
            case MARKET_ADJUSTED -> ModelFit.marketAdjusted(rs, rm, n);
            case CONSTANT_MEAN -> ModelFit.constantMean(rs, rm, n);
        };
    }

    /** The model of a setting's value; IllegalArgumentException naming the allowed values otherwise. */
    public static NormalModel parse(String label) {
        String l = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(m -> m.label.equals(l))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a model: '" + label + "'"));
    }

    /** The allowed values, for a message: {@code market, market-adjusted or constant-mean}. */
    public static String labels() {
        String all = Arrays.stream(values()).map(NormalModel::label).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }

    @Override
    public String toString() {
        return label;
    }
}
