package com.marketreactions.streams.reaction;

import java.util.ArrayList;
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
    private final long horizonMs;
    /** Points every minute: how many come before the horizon (at most 390). */
    private final int fine;
    /** Points every 30 minutes after the fine ones, before the horizon. */
    private final int coarse;

    private final Side stock;
    private final Side bench;

    /** One instrument's last trade per stretch. */
    private final class Side {
        /** Per stretch, the last trade's time and price bits, side by side (one cache line for both). */
        final long[] slots;
        /** The stretch of the last trade and its bounds after T0, {@code (lo, hi]}: the next is usually in it too. */
        private int slot = -1;

        private long lo;
        private long hi;

        Side(int n) {
            slots = new long[2 * n];
            for (int j = 0; j < n; j++) {
                slots[2 * j] = Long.MIN_VALUE;
            }
        }

        /** A trade; of equal times the later arrival is the later trade. */
        void add(long ts, double p) {
            long d = ts - t0;
            if (slot < 0 || d <= lo || d > hi) {
                slot = slot(d);
                lo = slot == 0 ? 0 : point(slot - 1);
                hi = point(slot);
            }
            if (ts >= slots[2 * slot]) {
                slots[2 * slot] = ts;
                slots[2 * slot + 1] = Double.doubleToRawLongBits(p);
            }
        }

        boolean has(int j) {
            return slots[2 * j] != Long.MIN_VALUE;
        }

        double price(int j) {
            return Double.longBitsToDouble(slots[2 * j + 1]);
        }
    }

    PathSlots(long t0, long horizonMs) {
        this.t0 = t0;
        this.horizonMs = horizonMs;
        this.fine = (int) Math.min(CarPath.FINE_MINUTES, (horizonMs - 1) / MINUTE);
        this.coarse = horizonMs > FINE_END ? (int) ((horizonMs - 1 - FINE_END) / CarPath.COARSE) : 0;
        int n = fine + coarse + 1;
        stock = new Side(n);
        bench = new Side(n);
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

    /** Point {@code j}, in ms after T0. */
    private long point(int j) {
        return j < fine ? (j + 1) * MINUTE : j < fine + coarse ? FINE_END + (j - fine + 1) * CarPath.COARSE : horizonMs;
    }

    void addStock(long ts, double p) {
        stock.add(ts, p);
    }

    void addBench(long ts, double p) {
        bench.add(ts, p);
    }

    /** {@code (P(k) / p0 - 1) - beta (B(k) / b0 - 1)} at every point, P and B carried from the latest trade. */
    List<Double> path(double p0, double b0, double beta) {
        int n = stock.slots.length / 2;
        List<Double> out = new ArrayList<>(n);
        double p = p0;
        double b = b0;
        for (int j = 0; j < n; j++) {
            if (stock.has(j)) {
                p = stock.price(j);
            }
            if (bench.has(j)) {
                b = bench.price(j);
            }
            out.add((p / p0 - 1) - beta * (b / b0 - 1));
        }
        return out;
    }
}
