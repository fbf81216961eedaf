package com.marketreactions.streams.reaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The last stock and benchmark trade of each stretch between two points of a window's {@link CarPath}, kept as
 * the window's ticks arrive (in any order, as {@link WindowStats}): the path at a point is the price of the
 * latest non-empty stretch up to it, so a FINAL writes its path without reading the window's ticks again.
 * Stretch {@code j} is {@code (point(j - 1), point(j)]} after T0.
 */
final class PathSlots {

    private static final long MINUTE = CarPath.MINUTE;
    private static final long FINE_END = CarPath.FINE_MINUTES * MINUTE;

    private final long t0;
    /** Points every minute: how many come before the horizon (at most 390). */
    private final int fine;
    /** Points every 30 minutes after the fine ones, before the horizon. */
    private final int coarse;
    private final long[] stockTs;
    private final double[] stockPrice;
    private final long[] benchTs;
    private final double[] benchPrice;

    PathSlots(long t0, long horizonMs) {
        this.t0 = t0;
        this.fine = (int) Math.min(CarPath.FINE_MINUTES, (horizonMs - 1) / MINUTE);
        this.coarse = horizonMs > FINE_END ? (int) ((horizonMs - 1 - FINE_END) / CarPath.COARSE) : 0;
        int n = fine + coarse + 1;
        stockTs = new long[n];
        stockPrice = new double[n];
        benchTs = new long[n];
        benchPrice = new double[n];
        Arrays.fill(stockTs, Long.MIN_VALUE);
        Arrays.fill(benchTs, Long.MIN_VALUE);
    }

    /** The stretch of a trade {@code d > 0} ms after T0 (at most the horizon): the first point at or after it. */
    int slot(long d) {
        if (d <= fine * MINUTE) {
            return (int) ((d - 1) / MINUTE);
        }
        if (coarse > 0 && d <= FINE_END + coarse * CarPath.COARSE) {
            return fine + (int) ((d - 1 - FINE_END) / CarPath.COARSE);
        }
        return fine + coarse;
    }

    /** A trade of the stock; of equal times the later arrival is the later trade. */
    void addStock(long ts, double p) {
        int j = slot(ts - t0);
        if (ts >= stockTs[j]) {
            stockTs[j] = ts;
            stockPrice[j] = p;
        }
    }

    void addBench(long ts, double p) {
        int j = slot(ts - t0);
        if (ts >= benchTs[j]) {
            benchTs[j] = ts;
            benchPrice[j] = p;
        }
    }

    /** {@code (P(k) / p0 - 1) - beta (B(k) / b0 - 1)} at every point, P and B carried from the latest trade. */
    List<Double> path(double p0, double b0, double beta) {
        List<Double> out = new ArrayList<>(stockTs.length);
        double p = p0;
        double b = b0;
        for (int j = 0; j < stockTs.length; j++) {
            if (stockTs[j] != Long.MIN_VALUE) {
                p = stockPrice[j];
            }
            if (benchTs[j] != Long.MIN_VALUE) {
                b = benchPrice[j];
            }
            out.add((p / p0 - 1) - beta * (b / b0 - 1));
        }
        return out;
    }
}
