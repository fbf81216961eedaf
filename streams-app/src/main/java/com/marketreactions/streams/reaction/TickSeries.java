package com.marketreactions.streams.reaction;

import java.util.Arrays;

/**
 * The ticks of one symbol over a time range, in processing order: by {@code ts}, equal {@code ts} by their
 * position in the input. Primitive arrays, because a day of ticks is scanned for every reaction.
 */
public final class TickSeries {

    private long[] ts;
    private double[] price;
    private long[] size;
    private int n;

    public TickSeries() {
        this(64);
    }

    public TickSeries(int capacity) {
        ts = new long[capacity];
        price = new double[capacity];
        size = new long[capacity];
    }

    /** Appends a tick; callers add in processing order. */
    public TickSeries add(long tsMillis, double p, long s) {
        if (n == ts.length) {
            int c = Math.max(16, n * 2);
            ts = Arrays.copyOf(ts, c);
            price = Arrays.copyOf(price, c);
            size = Arrays.copyOf(size, c);
        }
        ts[n] = tsMillis;
        price[n] = p;
        size[n] = s;
        n++;
        return this;
    }

    /** Removes the first {@code k} ticks. */
    public void dropFirst(int k) {
        int left = n - k;
        System.arraycopy(ts, k, ts, 0, left);
        System.arraycopy(price, k, price, 0, left);
        System.arraycopy(size, k, size, 0, left);
        n = left;
    }

    public int size() {
        return n;
    }

    public long ts(int i) {
        return ts[i];
    }

    public double price(int i) {
        return price[i];
    }

    /** The size of tick {@code i} in millionths of a share ({@link com.marketreactions.common.Shares#micros}). */
    public long volume(int i) {
        return size[i];
    }

    /** Index of the last tick with {@code ts <= t}, or -1. */
    public int lastAtOrBefore(long t) {
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Index of the first tick with {@code ts >= t}, or {@code size()}. */
    public int firstAtOrAfter(long t) {
        return lastAtOrBefore(t - 1) + 1;
    }
}
