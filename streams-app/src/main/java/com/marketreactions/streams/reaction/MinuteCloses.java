package com.marketreactions.streams.reaction;

/** The last price of each 1-minute bucket that holds a trade in {@code [from, to)}, buckets ascending. */
final class MinuteCloses {

    private final long[] bucket;
    private final double[] close;
    private final int n;

    private MinuteCloses(long[] bucket, double[] close, int n) {
        this.bucket = bucket;
        this.close = close;
        this.n = n;
    }

    static MinuteCloses of(TickSeries s, long from, long to) {
        int i0 = s.firstAtOrAfter(from);
        int i1 = s.lastAtOrBefore(to - 1);
        int cap = Math.max(0, i1 - i0 + 1);
        long[] bucket = new long[cap];
        double[] close = new double[cap];
        int n = 0;
        for (int i = i0; i <= i1; i++) {
            long k = Math.floorDiv(s.ts(i), ReactionCalculator.BAR_MS);
            if (n > 0 && bucket[n - 1] == k) {
                close[n - 1] = s.price(i);
            } else {
                bucket[n] = k;
                close[n] = s.price(i);
                n++;
            }
        }
        return new MinuteCloses(bucket, close, n);
    }

    int n() {
        return n;
    }

    /** The minute's number: its start over 60,000 ms. */
    long bucket(int i) {
        return bucket[i];
    }

    double close(int i) {
        return close[i];
    }

    /** The end of close i's minute (epoch ms). */
    long end(int i) {
        return (bucket[i] + 1) * ReactionCalculator.BAR_MS;
    }

    /** Index of the last close whose minute is {@code minute} or earlier, or -1. */
    int lastAtOrBefore(long minute) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (bucket[mid] <= minute) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }
}
