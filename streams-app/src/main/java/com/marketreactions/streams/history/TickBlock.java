package com.marketreactions.streams.history;

import com.marketreactions.common.Shares;
import com.marketreactions.streams.reaction.TickSeries;
import com.marketreactions.streams.time.WindowClose;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.io.BinaryData;

/**
 * The ticks of one symbol in one minute, in processing order (by time; equal times in arrival order), as
 * primitive columns; stored by {@link TickHistoryStore} in parts of consecutive ticks.
 *
 * <p>Each tick keeps its symbol's clock when it arrived ({@code clockBefore}: the newest tick time of the
 * symbol before it), so a read "as of" a close time sees exactly the ticks that had arrived before the
 * symbol's clock passed it, however long after that the read happens.
 */
public final class TickBlock {

    static final long SPAN_MS = 60_000L;
    /**
     * The first byte of a part in the compact format. The first format's first byte is always 0; format 1 (until
     * 2026-12) wrote whole shares, without a size scale.
     */
    private static final byte FORMAT = 2;
    /** Format 2 with trade keys or withdrawals: written only for a part that has one, so other parts cost nothing. */
    private static final byte AMENDABLE = 3;

    /** A tick without a trade key ({@link TradeKeys}): nothing can withdraw it. */
    static final long NO_KEY = 0;

    static final long NOT_WITHDRAWN = WindowClose.NOT_WITHDRAWN;

    private static final int WITH_KEYS = 1;
    private static final int WITH_WITHDRAWALS = 2;

    private static final byte WHOLE_SHARES = 1;

    private static final int RAW_PRICES = -1;
    private static final int FIELDS = 4;
    private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    private static final double MAX_EXACT = 0x1p53;
    /** Millionths of a share in a unit of size scale k: {@code 10^(6 - k)}. */
    private static final long[] SIZE_UNIT = {1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    /**
     * Per tick its time, price bits, size (in millionths of a share) and clock before it, side by side: a tick's append touches one cache line,
     * where four arrays touched four (with a whole market most appends go to a block not touched for a while).
     */
    private long[] ticks;

    private int n;
    /** Per tick its trade key, side by side with {@link #ticks}; null while no tick of the block has one. */
    private long[] keys;
    /**
     * Per tick the symbol's clock when a cancel or correction withdrew it, else {@link #NOT_WITHDRAWN}; null while
     * none was withdrawn. A read as of a close sees a tick from its arrival until its withdrawal ({@link
     * com.marketreactions.streams.time.WindowClose#sees(long, long, long)}).
     */
    private long[] withdrawn;

    TickBlock() {
        this(2);
    }

    /** An empty block with room for {@code capacity} ticks (e.g. as many as the symbol's previous minute had). */
    TickBlock(int capacity) {
        ticks = new long[FIELDS * Math.max(2, capacity)];
    }

    static long start(long tsMillis) {
        return Math.floorDiv(tsMillis, SPAN_MS) * SPAN_MS;
    }

    int size() {
        return n;
    }

    private long ts(int i) {
        return ticks[FIELDS * i];
    }

    private double price(int i) {
        return Double.longBitsToDouble(ticks[FIELDS * i + 1]);
    }

    private long size(int i) {
        return ticks[FIELDS * i + 2];
    }

    private long clockBefore(int i) {
        return ticks[FIELDS * i + 3];
    }

    private long key(int i) {
        return keys == null ? NO_KEY : keys[i];
    }

    private long withdrawnAt(int i) {
        return withdrawn == null ? NOT_WITHDRAWN : withdrawn[i];
    }

    /** Adds a tick after every tick of the same or an earlier time (usually at the end); returns its index. */
    int add(long t, double p, long s, long clock) {
        return add(t, p, s, clock, NO_KEY, NOT_WITHDRAWN);
    }

    /** {@link #add(long, double, long, long)} with the tick's trade key and withdrawal clock. */
    int add(long t, double p, long s, long clock, long key, long withdrawnAt) {
        if (FIELDS * n == ticks.length) {
            ticks = Arrays.copyOf(ticks, 2 * ticks.length);
        }
        int i = n;
        while (i > 0 && ts(i - 1) > t) {
            i--;
        }
        if (i < n) {
            System.arraycopy(ticks, FIELDS * i, ticks, FIELDS * (i + 1), FIELDS * (n - i));
        }
        int at = FIELDS * i;
        ticks[at] = t;
        ticks[at + 1] = Double.doubleToRawLongBits(p);
        ticks[at + 2] = s;
        ticks[at + 3] = clock;
        if (key != NO_KEY || keys != null) {
            keys = insert(keys, i, key, NO_KEY);
        }
        if (withdrawnAt != NOT_WITHDRAWN || withdrawn != null) {
            withdrawn = insert(withdrawn, i, withdrawnAt, NOT_WITHDRAWN);
        }
        n++;
        return i;
    }

    /** {@code column} (one value per tick, {@code none} for each when null) with {@code v} inserted at {@code i}. */
    private long[] insert(long[] column, int i, long v, long none) {
        if (column == null) {
            column = new long[ticks.length / FIELDS];
            Arrays.fill(column, none);
        } else if (column.length < ticks.length / FIELDS) {
            column = Arrays.copyOf(column, ticks.length / FIELDS);
        }
        System.arraycopy(column, i, column, i + 1, n - i);
        column[i] = v;
        return column;
    }

    /** The index of the latest tick with trade key {@code key} at or after {@code from} not yet withdrawn, or -1. */
    int find(long key, long from) {
        for (int i = n - 1; keys != null && i >= 0 && ts(i) >= from; i--) {
            if (keys[i] == key && withdrawnAt(i) == NOT_WITHDRAWN) {
                return i;
            }
        }
        return -1;
    }

    /** Withdraws tick {@code i}, for reads as of {@code clock} and later. */
    void withdraw(int i, long clock) {
        if (withdrawn == null) {
            withdrawn = new long[ticks.length / FIELDS];
            Arrays.fill(withdrawn, NOT_WITHDRAWN);
        }
        withdrawn[i] = clock;
    }

    /** The time, price and size of tick {@code i}. */
    Withdrawn trade(int i) {
        return new Withdrawn(ts(i), price(i), size(i));
    }

    /** Appends this block's ticks with {@code from <= ts <= to} that had arrived by {@code asOf} to {@code out}. */
    void appendTo(TickSeries out, long from, long to, long asOf) {
        for (int i = 0; i < n; i++) {
            long t = ts(i);
            if (t >= from && t <= to && WindowClose.sees(asOf, clockBefore(i), withdrawnAt(i))) {
                out.add(t, price(i), size(i));
            }
        }
    }

    /** Hands every tick of this block to {@code visitor}, in order. */
    void forEach(TickVisitor visitor) {
        for (int i = 0; i < n; i++) {
            visitor.tick(ts(i), price(i), size(i), clockBefore(i), key(i), withdrawnAt(i));
        }
    }

    /**
     * Ticks {@code [from, to)} as one stored part: a format byte ({@value #FORMAT}), then Avro-encoded longs
     * (zig-zag varints): the count, the price scale (prices are whole multiples of 10^-scale, or
     * {@value #RAW_PRICES} for raw doubles), the size scale (sizes are whole multiples of 10^-scale shares, 0 for
     * whole shares), and per tick the time since the previous tick, the price as a step from the previous one in
     * units of the scale (or an Avro double), the size in units of its scale, and how far the symbol's clock stood
     * behind the tick. A replayed trade takes 4-6 bytes instead of 32: the changelog
     * is most of what the exactly-once commit waits for.
     *
     * <p>A part with a trade key or a withdrawal is format {@value #AMENDABLE}: after the size scale, which optional
     * columns follow each tick's clock ({@link #WITH_KEYS}: the key; {@link #WITH_WITHDRAWALS}: 0, or how far the
     * withdrawal's clock stood past the tick's plus one). Trades nobody can cancel are written as before.
     */
    byte[] part(int from, int to) {
        int scale = priceScale(from, to);
        int sizeScale = sizeScale(from, to);
        int columns = columns(from, to);
        byte[] buf = new byte[1 + 40 + (to - from) * 60];
        buf[0] = columns == 0 ? FORMAT : AMENDABLE;
        int pos = 1;
        pos += BinaryData.encodeLong(to - from, buf, pos);
        pos += BinaryData.encodeLong(scale, buf, pos);
        pos += BinaryData.encodeLong(sizeScale, buf, pos);
        if (columns != 0) {
            pos += BinaryData.encodeLong(columns, buf, pos);
        }
        long prevTs = 0;
        long prevUnits = 0;
        for (int i = from; i < to; i++) {
            pos += BinaryData.encodeLong(ts(i) - prevTs, buf, pos);
            prevTs = ts(i);
            if (scale == RAW_PRICES) {
                pos += BinaryData.encodeDouble(price(i), buf, pos);
            } else {
                long units = Math.round(price(i) * POW10[scale]);
                pos += BinaryData.encodeLong(units - prevUnits, buf, pos);
                prevUnits = units;
            }
            pos += BinaryData.encodeLong(size(i) / SIZE_UNIT[sizeScale], buf, pos);
            pos += BinaryData.encodeLong(ts(i) - clockBefore(i), buf, pos); // wraps for NO_CLOCK, and back
            if ((columns & WITH_KEYS) != 0) {
                pos += BinaryData.encodeLong(key(i), buf, pos);
            }
            if ((columns & WITH_WITHDRAWALS) != 0) {
                long w = withdrawnAt(i);
                pos += BinaryData.encodeLong(w == NOT_WITHDRAWN ? 0 : w - clockBefore(i) + 1, buf, pos); // wraps too
            }
        }
        return Arrays.copyOf(buf, pos);
    }

    /** Which optional columns the ticks {@code [from, to)} need: {@link #WITH_KEYS}, {@link #WITH_WITHDRAWALS}. */
    private int columns(int from, int to) {
        int c = 0;
        for (int i = from; i < to; i++) {
            c |= (key(i) != NO_KEY ? WITH_KEYS : 0) | (withdrawnAt(i) != NOT_WITHDRAWN ? WITH_WITHDRAWALS : 0);
        }
        return c;
    }

    /** The smallest number of decimals that gives every price of the ticks back exactly, else RAW_PRICES. */
    private int priceScale(int from, int to) {
        for (int k = 0; k < POW10.length; k++) {
            boolean exact = true;
            for (int i = from; i < to && exact; i++) {
                double units = price(i) * POW10[k];
                exact = Math.abs(units) < MAX_EXACT // bit for bit: a -0.0 would come back as 0.0
                        && Double.doubleToRawLongBits(Math.round(units) / POW10[k])
                                == Double.doubleToRawLongBits(price(i));
            }
            if (exact) {
                return k;
            }
        }
        return RAW_PRICES;
    }

    /** The fewest decimals that give every size of the ticks back: 0 for whole shares, at most 6. */
    private int sizeScale(int from, int to) {
        int k = 0;
        for (int i = from; i < to && k < SIZE_UNIT.length - 1; i++) {
            while (size(i) % SIZE_UNIT[k] != 0) {
                k++;
            }
        }
        return k;
    }

    /**
     * What a stored part's ticks are handed to, in their order (sizes in millionths of a share), each with its trade
     * key ({@link #NO_KEY} for none) and the clock it was withdrawn at ({@link #NOT_WITHDRAWN}).
     */
    @FunctionalInterface
    interface TickVisitor {
        void tick(long ts, double price, long size, long clockBefore, long key, long withdrawnAt);
    }

    /** Hands every tick of a stored part to {@code visitor} (either format: see {@link #part}). */
    static void forEach(byte[] part, TickVisitor visitor) {
        if (part[0] != FORMAT && part[0] != WHOLE_SHARES && part[0] != AMENDABLE) {
            forEachFixedWidth(part, visitor);
            return;
        }
        // read by hand, not through Avro's BinaryDecoder: this loop runs for every stored tick a window or an
        // estimate reads, and the decoder's bounds checks and allocation were most of its cost
        int[] at = {1};
        long n = readLong(part, at);
        int scale = (int) readLong(part, at);
        long sizeUnit = part[0] == WHOLE_SHARES ? Shares.MICROS : SIZE_UNIT[(int) readLong(part, at)];
        long columns = part[0] == AMENDABLE ? readLong(part, at) : 0;
        long t = 0;
        long units = 0;
        for (long i = 0; i < n; i++) {
            t += readLong(part, at);
            double p;
            if (scale == RAW_PRICES) {
                p = Double.longBitsToDouble(littleEndianLong(part, at[0]));
                at[0] += 8;
            } else {
                units += readLong(part, at);
                p = units / POW10[scale];
            }
            long s = readLong(part, at) * sizeUnit;
            long clock = t - readLong(part, at);
            long key = (columns & WITH_KEYS) != 0 ? readLong(part, at) : NO_KEY;
            long w = (columns & WITH_WITHDRAWALS) != 0 ? readLong(part, at) : 0;
            visitor.tick(t, p, s, clock, key, w == 0 ? NOT_WITHDRAWN : clock + w - 1);
        }
    }

    /** An Avro long (a zig-zag varint, as {@link BinaryData#encodeLong} writes it) at {@code at[0]}, which moves on. */
    private static long readLong(byte[] b, int[] at) {
        int i = at[0];
        long raw = 0;
        int shift = 0;
        byte x;
        do {
            if (i == b.length || shift > 63) {
                throw new IllegalStateException("a stored tick part is truncated or corrupt");
            }
            x = b[i++];
            raw |= (long) (x & 0x7f) << shift;
            shift += 7;
        } while (x < 0);
        at[0] = i;
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** An Avro double: 8 bytes, little-endian. */
    private static long littleEndianLong(byte[] b, int i) {
        if (i + 8 > b.length) {
            throw new IllegalStateException("a stored tick part is truncated or corrupt");
        }
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = (v << 8) | (b[i + k] & 0xff);
        }
        return v;
    }

    /** The first format (count as an int, then four 8-byte fields per tick, whole shares), as state written before it. */
    private static void forEachFixedWidth(byte[] part, TickVisitor visitor) {
        ByteBuffer buf = ByteBuffer.wrap(part);
        for (int i = buf.getInt(); i > 0; i--) {
            visitor.tick(
                    buf.getLong(),
                    buf.getDouble(),
                    buf.getLong() * Shares.MICROS,
                    buf.getLong(),
                    NO_KEY,
                    NOT_WITHDRAWN);
        }
    }

    /** Appends the ticks of a stored part to {@code block} (parts are read in order). */
    static void readPart(byte[] part, TickBlock block) {
        forEach(part, block::add);
    }

    /** Appends the ticks of a stored part with {@code from <= ts <= to} that had arrived by {@code asOf} to {@code out}. */
    static void appendPart(byte[] part, TickSeries out, long from, long to, long asOf) {
        forEach(part, (t, p, s, c, key, w) -> {
            if (t >= from && t <= to && WindowClose.sees(asOf, c, w)) {
                out.add(t, p, s);
            }
        });
    }
}
