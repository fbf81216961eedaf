package com.marketreactions.streams.reaction;

import com.marketreactions.schema.ResidualHours;

/**
 * What a reaction needs from the history before the news, the same for all its horizons: see
 * {@link ReactionCalculator#estimate}.
 *
 * @param baselinePrice P0, null without a tick in {@code [t0 - E, t0]}
 * @param baselineTime time of P0
 * @param isBenchmark the ticker is the benchmark itself
 * @param benchmarkBaseline B0, null without a benchmark tick in {@code [t0 - E, t0]} (and for the benchmark)
 * @param benchmarkBaselineTime time of B0
 * @param fit the normal-return model; null when the model is NONE
 * @param profile how the model's residual variance spreads over the day and the night; null without a sigma
 * @param ranks the standardized estimation residuals a z-score is ranked among; null without a profile
 * @param hours the same residuals by clock hour, for the study's correlation across tickers; null without a profile
 * @param estVolume millionths of a share of s traded in {@code [t0 - E, t0)}
 * @param estMinutes distinct minutes with a trade of s in that range
 */
public record Estimate(
        long t0,
        Double baselinePrice,
        Long baselineTime,
        boolean isBenchmark,
        Double benchmarkBaseline,
        Long benchmarkBaselineTime,
        ModelFit fit,
        VarianceProfile profile,
        EstimationRanks ranks,
        ResidualHours hours,
        long estVolume,
        int estMinutes) {}
