package com.marketreactions.streams.reaction;

/**
 * What a reaction needs from its window {@code (t0, t0 + h]}: the stock's count, volume, high, low, first and
 * last trade and active minutes, the benchmark's last price and active minutes. Built from the window's
 * ticks in order, so it can also grow tick by tick: an open window's PROVISIONAL update reads only the
 * ticks since the previous one.
 */
public final class WindowStats {

    long count;
    long volume;
    double high = Double.NEGATIVE_INFINITY;
    double low = Double.POSITIVE_INFINITY;
    double firstPrice;
    long firstTs;
    double lastPrice;
    long lastTs;
    int minutes;
    private long lastBucket = Long.MIN_VALUE;

    Double benchLast;
    int marketMinutes;
    private long lastBenchBucket = Long.MIN_VALUE;

    /** Time of the newest stock and benchmark tick folded in so far (for incremental updates). */
    private long stockUpTo = Long.MIN_VALUE;
    private long benchUpTo = Long.MIN_VALUE;

    /** The statistics of the whole window, from the ticks of s and of the benchmark (null for s = m). */
    public static WindowStats of(long t0, long horizonMs, TickSeries stock, TickSeries bench) {
        WindowStats w = new WindowStats();
        w.addStock(stock, t0, t0 + horizonMs);
        if (bench != null) {
            w.addBench(bench, t0, t0 + horizonMs);
        }
        return w;
    }

    /** Folds in the ticks of s in {@code (after, end]}, in order. */
    public void addStock(TickSeries s, long after, long end) {
        int i1 = s.lastAtOrBefore(end);
        for (int i = s.firstAtOrAfter(after + 1); i <= i1; i++) {
            double p = s.price(i);
            if (count == 0) {
                firstPrice = p;
                firstTs = s.ts(i);
            }
            count++;
            volume += s.volume(i);
            high = Math.max(high, p);
            low = Math.min(low, p);
            lastPrice = p;
            lastTs = s.ts(i);
            long k = Math.floorDiv(lastTs, ReactionCalculator.BAR_MS);
            if (k != lastBucket) {
                minutes++;
                lastBucket = k;
            }
            stockUpTo = Math.max(stockUpTo, lastTs);
        }
    }

    /** Folds in the benchmark's ticks in {@code (after, end]}, in order. */
    public void addBench(TickSeries b, long after, long end) {
        int i1 = b.lastAtOrBefore(end);
        for (int i = b.firstAtOrAfter(after + 1); i <= i1; i++) {
            benchLast = b.price(i);
            long k = Math.floorDiv(b.ts(i), ReactionCalculator.BAR_MS);
            if (k != lastBenchBucket) {
                marketMinutes++;
                lastBenchBucket = k;
            }
            benchUpTo = Math.max(benchUpTo, b.ts(i));
        }
    }

    public long stockUpTo() {
        return stockUpTo;
    }

    public long benchUpTo() {
        return benchUpTo;
    }
}
