package com.marketreactions.streams.reaction;

import com.marketreactions.common.Shares;
import java.util.BitSet;
import java.util.List;

/**
 * What a reaction needs from its window {@code (t0, t0 + h]}: the stock's count, volume, high, low, first and
 * last trade and active minutes, the benchmark's last price and active minutes. It grows one tick at a time,
 * in any order (a late tick may come after later ones): the first and last trade are the earliest and the
 * latest by time, equal times in arrival order, exactly as a read of the window's ticks in order gives them.
 * So an open window keeps its statistics as its ticks arrive, and its PROVISIONAL and FINAL reactions read
 * nothing else.
 */
public final class WindowStats {

    private final long firstBucket;

    long count;
    /** In millionths of a share ({@link Shares#micros}). */
    long volume;

    double high = Double.NEGATIVE_INFINITY;
    double low = Double.POSITIVE_INFINITY;
    double firstPrice;
    long firstTs;
    double lastPrice;
    long lastTs;
    int minutes;
    private final BitSet stockBuckets = new BitSet();
    /** The minute marked last, so that a trade in the same minute does not look at the set. */
    private int lastStockBucket = -1;

    Double benchLast;
    private long benchLastTs = Long.MIN_VALUE;
    int marketMinutes;
    private final BitSet benchBuckets = new BitSet();
    private int lastBenchBucket = -1;
    /** The CAR path's last trades per stretch. */
    private final PathSlots path;

    /** Empty statistics of the window {@code (t0, t0 + horizonMs]}, with what its CAR path needs. */
    public WindowStats(long t0, long horizonMs) {
        this.firstBucket = Math.floorDiv(t0, ReactionCalculator.BAR_MS);
        this.path = new PathSlots(t0, horizonMs);
    }

    /** The statistics of the whole window, from the ticks of s and of the benchmark (null for s = m), in order. */
    public static WindowStats of(long t0, long horizonMs, TickSeries stock, TickSeries bench) {
        WindowStats w = new WindowStats(t0, horizonMs);
        long end = t0 + horizonMs;
        int i1 = stock.lastAtOrBefore(end);
        for (int i = stock.firstAtOrAfter(t0 + 1); i <= i1; i++) {
            w.addStock(stock.ts(i), stock.price(i), stock.volume(i));
        }
        if (bench != null) {
            int j1 = bench.lastAtOrBefore(end);
            for (int j = bench.firstAtOrAfter(t0 + 1); j <= j1; j++) {
                w.addBench(bench.ts(j), bench.price(j));
            }
        }
        return w;
    }

    /** Folds in a trade of s inside the window, arriving after every trade already folded in; size in millionths of a share. */
    public void addStock(long ts, double p, long size) {
        if (count == 0 || ts < firstTs) {
            firstPrice = p;
            firstTs = ts;
        }
        if (count == 0 || ts >= lastTs) {
            lastPrice = p;
            lastTs = ts;
        }
        count++;
        volume = Shares.add(volume, size);
        path.addStock(ts, p);
        high = Math.max(high, p);
        low = Math.min(low, p);
        int k = bucket(ts);
        if (k != lastStockBucket) { // most trades are in the minute of the one before: no look at the set
            if (mark(stockBuckets, k)) {
                minutes++;
            }
            lastStockBucket = k;
        }
    }

    /** Folds in a trade of the benchmark inside the window, arriving after every one already folded in. */
    public void addBench(long ts, double p) {
        if (ts >= benchLastTs) {
            benchLast = p;
            benchLastTs = ts;
        }
        path.addBench(ts, p);
        int k = bucket(ts);
        if (k != lastBenchBucket) {
            if (mark(benchBuckets, k)) {
                marketMinutes++;
            }
            lastBenchBucket = k;
        }
    }

    /** Time of the benchmark's latest trade in the window; meaningful when {@code benchLast} is not null. */
    long benchLastTs() {
        return benchLastTs;
    }

    /** The CAR path from the window's trades so far ({@link CarPath#of(Estimate, WindowStats)}). */
    List<Double> car(double p0, double b0, double beta) {
        return path.path(p0, b0, beta);
    }

    /** Marks the minute of {@code ts}; true when it was not marked before. */
    private static boolean mark(BitSet buckets, int k) {
        if (buckets.get(k)) {
            return false;
        }
        buckets.set(k);
        return true;
    }

    private int bucket(long ts) {
        return (int) (Math.floorDiv(ts, ReactionCalculator.BAR_MS) - firstBucket);
    }
}
