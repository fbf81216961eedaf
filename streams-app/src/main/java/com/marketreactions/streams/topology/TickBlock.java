package com.marketreactions.streams.topology;

import com.marketreactions.streams.reaction.TickSeries;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The ticks of one symbol in one minute, in processing order (by time; equal times in arrival order), as
 * primitive columns; stored by {@link TickHistoryStore} in parts of consecutive ticks.
 */
final class TickBlock {

    static final long SPAN_MS = 60_000L;
    private static final int TICK_BYTES = 24;

    private long[] ts;
    private double[] price;
    private long[] size;
    private int n;

    TickBlock() {
        this(8);
    }

    private TickBlock(int capacity) {
        ts = new long[capacity];
        price = new double[capacity];
        size = new long[capacity];
    }

    static long start(long tsMillis) {
        return Math.floorDiv(tsMillis, SPAN_MS) * SPAN_MS;
    }

    int size() {
        return n;
    }

    /** Adds a tick after every tick of the same or an earlier time (usually at the end); returns its index. */
    int add(long t, double p, long s) {
        if (n == ts.length) {
            int c = n * 2;
            ts = Arrays.copyOf(ts, c);
            price = Arrays.copyOf(price, c);
            size = Arrays.copyOf(size, c);
        }
        int i = n;
        while (i > 0 && ts[i - 1] > t) {
            i--;
        }
        if (i < n) {
            System.arraycopy(ts, i, ts, i + 1, n - i);
            System.arraycopy(price, i, price, i + 1, n - i);
            System.arraycopy(size, i, size, i + 1, n - i);
        }
        ts[i] = t;
        price[i] = p;
        size[i] = s;
        n++;
        return i;
    }

    /** Appends this block's ticks with {@code from <= ts <= to} to {@code out}. */
    void appendTo(TickSeries out, long from, long to) {
        for (int i = 0; i < n; i++) {
            if (ts[i] >= from && ts[i] <= to) {
                out.add(ts[i], price[i], size[i]);
            }
        }
    }

    /** Ticks {@code [from, to)} as one stored part: fixed-width and schema-free, a count then (time, price, size)s. */
    byte[] part(int from, int to) {
        ByteBuffer buf = ByteBuffer.allocate(4 + (to - from) * TICK_BYTES).putInt(to - from);
        for (int i = from; i < to; i++) {
            buf.putLong(ts[i]).putDouble(price[i]).putLong(size[i]);
        }
        return buf.array();
    }

    /** Appends the ticks of a stored part to {@code block} (parts are read in order). */
    static void readPart(byte[] part, TickBlock block) {
        ByteBuffer buf = ByteBuffer.wrap(part);
        for (int i = buf.getInt(); i > 0; i--) {
            block.add(buf.getLong(), buf.getDouble(), buf.getLong());
        }
    }

    /** Appends the ticks of a stored part with {@code from <= ts <= to} to {@code out}. */
    static void appendPart(byte[] part, TickSeries out, long from, long to) {
        ByteBuffer buf = ByteBuffer.wrap(part);
        for (int i = buf.getInt(); i > 0; i--) {
            long t = buf.getLong();
            double p = buf.getDouble();
            long s = buf.getLong();
            if (t >= from && t <= to) {
                out.add(t, p, s);
            }
        }
    }
}
