package com.marketreactions.streams.differential;

import com.marketreactions.schema.ResidualHours;
import java.util.ArrayList;
import java.util.List;

/**
 * The batch reference's own residual hours (docs/event-study.md), apart from the topology's: each whole clock hour of
 * {@code [T0 - E, T0)} as a window, the last trade before it and the last in it found by walking the visible history
 * forward, its abnormal return over sigma times the root of the reference's own interval variance.
 */
final class ReferenceHours {

    private static final long HOUR = 3_600_000L;

    /** The variance in minutes of a stock interval and a benchmark interval, as the reference states it. */
    interface IntervalVariance {
        double of(long s0, long s1, long m0, long m1);
    }

    private ReferenceHours() {}

    static ResidualHours of(
            List<BatchReference.SeqTick> stock,
            List<BatchReference.SeqTick> bench,
            long from,
            long t0,
            double beta,
            double sigma,
            IntervalVariance variance) {
        long first = Math.floorDiv(from + HOUR - 1, HOUR);
        long last = Math.floorDiv(t0, HOUR);
        if (last <= first) {
            return null;
        }
        List<Double> z = new ArrayList<>();
        int s = -1;
        int m = -1;
        for (long hour = first; hour < last; hour++) {
            long start = hour * HOUR;
            int s0 = advance(stock, s, start - 1);
            int m0 = advance(bench, m, start - 1);
            s = advance(stock, s0, start + HOUR - 1);
            m = advance(bench, m0, start + HOUR - 1);
            if (s0 < 0 || m0 < 0 || stock.get(s).ts() < start || bench.get(m).ts() < start) {
                z.add(0.0);
                continue;
            }
            double e = (stock.get(s).price() / stock.get(s0).price() - 1)
                    - beta * (bench.get(m).price() / bench.get(m0).price() - 1);
            double v = variance.of(
                    stock.get(s0).ts(),
                    stock.get(s).ts(),
                    bench.get(m0).ts(),
                    bench.get(m).ts());
            z.add(v > 0 ? e / (sigma * Math.sqrt(v)) : 0.0);
        }
        return new ResidualHours(first, z);
    }

    /** From index {@code i} (-1: before the first), the last tick at or before {@code t}. */
    private static int advance(List<BatchReference.SeqTick> ticks, int i, long t) {
        while (i + 1 < ticks.size() && ticks.get(i + 1).ts() <= t) {
            i++;
        }
        return i;
    }
}
