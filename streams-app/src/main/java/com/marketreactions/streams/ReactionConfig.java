package com.marketreactions.streams;

import com.marketreactions.streams.reaction.ReactionCalculator;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The parameters of the reaction semantics (spec, Parameters) plus the topology's operational knobs.
 * Immutable and validated on construction; {@link #defaults()} gives the documented defaults.
 *
 * @param horizons reaction horizons H
 * @param benchmark market proxy symbol m
 * @param estimationWindow E: history for the normal-return model and the baseline look-back
 * @param minPoints fewest estimation points for the market model (at least 3)
 * @param grace G: how late a tick may arrive and still count
 * @param newsLateness L: how late (behind stream time) a news event may arrive and still be exact
 * @param directionThreshold |rawReturn| beyond which the direction is UP or DOWN
 * @param idleTimeout wall time without input after which a partition counts as idle and its clock
 *                    follows the wall clock, so reactions are finalized even when data stops
 * @param provisionalInterval least stream time between two PROVISIONAL updates of one reaction while its
 *                    window is open; zero switches provisional updates off
 * @param historySlack extra tick history kept beyond what an on-time reaction needs, for reactions whose
 *                    finalization waits past their close: a weekend or holiday without ticks, a benchmark that
 *                    lags the stock. A reaction finalized later than that is flagged HISTORY_TRUNCATED.
 */
public record ReactionConfig(List<Horizon> horizons, String benchmark, Duration estimationWindow, int minPoints,
                             Duration grace, Duration newsLateness, double directionThreshold,
                             Duration idleTimeout, Duration provisionalInterval, Duration historySlack) {

    public ReactionConfig {
        Objects.requireNonNull(horizons, "horizons");
        if (horizons.isEmpty()) {
            throw new IllegalArgumentException("horizons: at least one horizon is required");
        }
        horizons = horizons.stream().distinct().sorted(Comparator.comparing(Horizon::length)).toList();
        if (benchmark == null || !benchmark.matches("[A-Z0-9.\\-]{1,12}")) {
            throw new IllegalArgumentException("benchmark: not a ticker symbol: '" + benchmark + "'");
        }
        positive("estimationWindow", estimationWindow);
        if (minPoints < 3) {
            throw new IllegalArgumentException("minPoints: must be at least 3, got " + minPoints);
        }
        notNegative("grace", grace);
        notNegative("newsLateness", newsLateness);
        if (!(directionThreshold >= 0 && directionThreshold < 1)) {
            throw new IllegalArgumentException("directionThreshold: must be in [0, 1), got " + directionThreshold);
        }
        positive("idleTimeout", idleTimeout);
        notNegative("provisionalInterval", provisionalInterval);
        notNegative("historySlack", historySlack);
    }

    public static ReactionConfig defaults() {
        return new ReactionConfig(
                List.of(Horizon.parse("PT5M"), Horizon.parse("PT30M"), Horizon.parse("PT1H"), Horizon.parse("P1D")),
                "SPY", Duration.ofDays(5), 30, Duration.ofMinutes(1), Duration.ofMinutes(5), 0.005,
                Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofDays(4));
    }

    public Duration maxHorizon() {
        return horizons.get(horizons.size() - 1).length();
    }

    /**
     * How long tick history is kept, counted back from the newest tick: enough to compute exactly any news
     * that arrives within L, for its longest horizon, finalized up to the history slack after its close.
     */
    public Duration retention() {
        return estimationWindow.plus(maxHorizon()).plus(grace).plus(newsLateness).plus(historySlack);
    }

    public ReactionCalculator calculator() {
        return new ReactionCalculator(estimationWindow.toMillis(), minPoints, directionThreshold);
    }

    public ReactionConfig withHorizons(List<Horizon> h) {
        return new ReactionConfig(h, benchmark, estimationWindow, minPoints, grace, newsLateness, directionThreshold,
                idleTimeout, provisionalInterval, historySlack);
    }

    public ReactionConfig withIdleTimeout(Duration d) {
        return new ReactionConfig(horizons, benchmark, estimationWindow, minPoints, grace, newsLateness,
                directionThreshold, d, provisionalInterval, historySlack);
    }

    public ReactionConfig withProvisionalInterval(Duration d) {
        return new ReactionConfig(horizons, benchmark, estimationWindow, minPoints, grace, newsLateness,
                directionThreshold, idleTimeout, d, historySlack);
    }

    public ReactionConfig withMinPoints(int n) {
        return new ReactionConfig(horizons, benchmark, estimationWindow, n, grace, newsLateness,
                directionThreshold, idleTimeout, provisionalInterval, historySlack);
    }

    public ReactionConfig withHistorySlack(Duration d) {
        return new ReactionConfig(horizons, benchmark, estimationWindow, minPoints, grace, newsLateness,
                directionThreshold, idleTimeout, provisionalInterval, d);
    }

    public boolean provisionalEnabled() {
        return !provisionalInterval.isZero();
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": must be a positive duration, got " + d);
        }
    }

    private static void notNegative(String name, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + ": must not be negative, got " + d);
        }
    }
}
