package com.marketreactions.streams.topology;

import com.marketreactions.streams.reaction.TickSeries;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The ticks of one symbol in one minute, in processing order (by time; equal times in arrival order), as
 * primitive columns; stored by {@link TickHistoryStore} in parts of consecutive ticks.
 *
 * <p>Each tick keeps its symbol's clock when it arrived ({@code clockBefore}: the newest tick time of the
 * symbol before it), so a read "as of" a close time sees exactly the ticks that had arrived before the
 * symbol's clock passed it, however long after that the read happens.
 */
final class TickBlock {

    static final long SPAN_MS = 60_000L;
    private static final int TICK_BYTES = 32;

    private long[] ts;
    private double[] price;
    private long[] size;
    private long[] clockBefore;
    private int n;

    TickBlock() {
        this(8);
    }

    private TickBlock(int capacity) {
        ts = new long[capacity];
        price = new double[capacity];
        size = new long[capacity];
        clockBefore = new long[capacity];
    }

    static long start(long tsMillis) {
        return Math.floorDiv(tsMillis, SPAN_MS) * SPAN_MS;
    }

    int size() {
        return n;
    }

    /** Adds a tick after every tick of the same or an earlier time (usually at the end); returns its index. */
    int add(long t, double p, long s, long clock) {
        if (n == ts.length) {
            int c = n * 2;
            ts = Arrays.copyOf(ts, c);
            price = Arrays.copyOf(price, c);
            size = Arrays.copyOf(size, c);
            clockBefore = Arrays.copyOf(clockBefore, c);
        }
        int i = n;
        while (i > 0 && ts[i - 1] > t) {
            i--;
        }
        if (i < n) {
            System.arraycopy(ts, i, ts, i + 1, n - i);
            System.arraycopy(price, i, price, i + 1, n - i);
            System.arraycopy(size, i, size, i + 1, n - i);
            System.arraycopy(clockBefore, i, clockBefore, i + 1, n - i);
        }
        ts[i] = t;
        price[i] = p;
        size[i] = s;
        clockBefore[i] = clock;
        n++;
        return i;
    }

    /** Appends this block's ticks with {@code from <= ts <= to} that had arrived by {@code asOf} to {@code out}. */
    void appendTo(TickSeries out, long from, long to, long asOf) {
        for (int i = 0; i < n; i++) {
            if (ts[i] >= from && ts[i] <= to && clockBefore[i] <= asOf) {
                out.add(ts[i], price[i], size[i]);
            }
        }
    }

    /** Ticks {@code [from, to)} as one stored part: fixed-width and schema-free, a count then (time, price, size, clock)s. */
    byte[] part(int from, int to) {
        ByteBuffer buf = ByteBuffer.allocate(4 + (to - from) * TICK_BYTES).putInt(to - from);
        for (int i = from; i < to; i++) {
            buf.putLong(ts[i]).putDouble(price[i]).putLong(size[i]).putLong(clockBefore[i]);
        }
        return buf.array();
    }

    /** Appends the ticks of a stored part to {@code block} (parts are read in order). */
    static void readPart(byte[] part, TickBlock block) {
        ByteBuffer buf = ByteBuffer.wrap(part);
        for (int i = buf.getInt(); i > 0; i--) {
            block.add(buf.getLong(), buf.getDouble(), buf.getLong(), buf.getLong());
        }
    }

    /** Appends the ticks of a stored part with {@code from <= ts <= to} that had arrived by {@code asOf} to {@code out}. */
    static void appendPart(byte[] part, TickSeries out, long from, long to, long asOf) {
        ByteBuffer buf = ByteBuffer.wrap(part);
        for (int i = buf.getInt(); i > 0; i--) {
            long t = buf.getLong();
            double p = buf.getDouble();
            long s = buf.getLong();
            long c = buf.getLong();
            if (t >= from && t <= to && c <= asOf) {
                out.add(t, p, s);
            }
        }
    }
}
