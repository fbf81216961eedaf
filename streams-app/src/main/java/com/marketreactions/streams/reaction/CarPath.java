package com.marketreactions.streams.reaction;

import java.util.ArrayList;
import java.util.List;

/**
 * The cumulative abnormal return of a reaction at points after T0: {@code CAR(k) = (P(k) / P0 - 1) - beta (B(k) / B0
 * - 1)}, with P(k) and B(k) the last stock and benchmark prices in {@code (T0, T0 + k]} (P0 and B0 when there is
 * none), the reaction's own model and baseline. At the horizon's end it is the reaction's {@code abnormalReturn}
 * (the same expression, spec 3-8), so the path ends where the reaction does. It is the abnormal return of the
 * window up to k, compounded as the reaction's own is, not a sum of one-minute abnormal returns.
 *
 * <p>Points ({@link #grid}): every minute up to 390 (a trading session), then every 30 minutes, and the horizon's end:
 * 425 points for one day, 617 for five.
 */
public final class CarPath {

    static final long MINUTE = 60_000L;
    static final int FINE_MINUTES = 390;
    static final long COARSE = 30 * MINUTE;

    private CarPath() {}

    /** The path's points, milliseconds after T0, ascending, the last one {@code horizonMs}. */
    public static List<Long> grid(long horizonMs) {
        List<Long> at = new ArrayList<>();
        for (long k = MINUTE; k < horizonMs && k <= FINE_MINUTES * MINUTE; k += MINUTE) {
            at.add(k);
        }
        for (long k = FINE_MINUTES * MINUTE + COARSE; k < horizonMs; k += COARSE) {
            at.add(k);
        }
        at.add(horizonMs);
        return at;
    }

    /**
     * The path from a window's statistics, which keep the last trades between its points as they arrive
     * ({@link PathSlots}): the same as {@link #of(Estimate, long, TickSeries, TickSeries)} over the window's ticks.
     */
    public static List<Double> of(Estimate est, WindowStats window) {
        ModelFit fit = est.fit();
        if (fit == null || est.baselinePrice() == null || est.benchmarkBaseline() == null) {
            return List.of();
        }
        return window.car(est.baselinePrice(), est.benchmarkBaseline(), fit.beta());
    }

    /**
     * The path, or an empty list without a model (or a baseline of the stock or the benchmark).
     *
     * @param stock the ticks of the window, as the reaction's statistics saw them (ts ascending)
     * @param bench the benchmark's ticks of the window, the same way
     */
    public static List<Double> of(Estimate est, long horizonMs, TickSeries stock, TickSeries bench) {
        ModelFit fit = est.fit();
        if (fit == null || est.baselinePrice() == null || est.benchmarkBaseline() == null) {
            return List.of();
        }
        double p0 = est.baselinePrice();
        double b0 = est.benchmarkBaseline();
        double beta = fit.beta();
        List<Long> at = grid(horizonMs);
        List<Double> out = new ArrayList<>(at.size());
        int i = -1;
        int j = -1;
        for (long k : at) {
            long to = est.t0() + k;
            while (i + 1 < stock.size() && stock.ts(i + 1) <= to) {
                i++;
            }
            while (j + 1 < bench.size() && bench.ts(j + 1) <= to) {
                j++;
            }
            double p = i >= 0 && stock.ts(i) > est.t0() ? stock.price(i) : p0;
            double b = j >= 0 && bench.ts(j) > est.t0() ? bench.price(j) : b0;
            out.add((p / p0 - 1) - beta * (b / b0 - 1));
        }
        return out;
    }
}
