package com.marketreactions.streams.reaction;

import java.util.BitSet;

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
    long volume;
    double high = Double.NEGATIVE_INFINITY;
    double low = Double.POSITIVE_INFINITY;
    double firstPrice;
    long firstTs;
    double lastPrice;
    long lastTs;
    int minutes;
    private final BitSet stockBuckets = new BitSet();

    Double benchLast;
    private long benchLastTs = Long.MIN_VALUE;
    int marketMinutes;
    private final BitSet benchBuckets = new BitSet();

    /** Empty statistics of a window that opens after {@code t0}. */
    public WindowStats(long t0) {
        this.firstBucket = Math.floorDiv(t0, ReactionCalculator.BAR_MS);
    }

    /** The statistics of the whole window, from the ticks of s and of the benchmark (null for s = m), in order. */
    public static WindowStats of(long t0, long horizonMs, TickSeries stock, TickSeries bench) {
        WindowStats w = new WindowStats(t0);
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

    /** Folds in a trade of s inside the window, arriving after every trade already folded in. */
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
        volume += size;
        high = Math.max(high, p);
        low = Math.min(low, p);
        if (mark(stockBuckets, ts)) {
            minutes++;
        }
    }

    /** Folds in a trade of the benchmark inside the window, arriving after every one already folded in. */
    public void addBench(long ts, double p) {
        if (ts >= benchLastTs) {
            benchLast = p;
            benchLastTs = ts;
        }
        if (mark(benchBuckets, ts)) {
            marketMinutes++;
        }
    }

    /** Marks the minute of {@code ts}; true when it was not marked before. */
    private boolean mark(BitSet buckets, long ts) {
        int k = (int) (Math.floorDiv(ts, ReactionCalculator.BAR_MS) - firstBucket);
        if (buckets.get(k)) {
            return false;
        }
        buckets.set(k);
        return true;
    }
}
