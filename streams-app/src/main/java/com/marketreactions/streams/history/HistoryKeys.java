package com.marketreactions.streams.history;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * The key layout of the tick history's RocksDB store: a symbol's minutes are {@code symbol, 0, minute, part}, the
 * minute sign-flipped big-endian so that byte order is time order; its meta record is {@code symbol, 1}; the owner's
 * clock is the single byte {@code 0}, shorter than any symbol's key so it cannot collide with one.
 */
final class HistoryKeys {

    static final Bytes CLOCK = Bytes.wrap(new byte[] {0});
    private static final byte MINUTES = 0;
    private static final byte META = 1;

    private HistoryKeys() {}

    /** What every minute key of {@code symbol} starts with. */
    static byte[] minutesPrefix(String symbol) {
        return withMarker(symbol, MINUTES);
    }

    static Bytes meta(String symbol) {
        return Bytes.wrap(withMarker(symbol, META));
    }

    private static byte[] withMarker(String symbol, byte marker) {
        byte[] s = symbol.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(s.length + 1).put(s).put(marker).array();
    }

    /** The key of part {@code part} of {@code minute} under a symbol's minutes prefix. */
    static Bytes minute(byte[] prefix, long minute, int part) {
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + 12)
                .put(prefix)
                .putLong(minute ^ Long.MIN_VALUE)
                .putInt(part)
                .array());
    }

    /** The minute of a minute key under a prefix of {@code prefixLength} bytes. */
    static long minuteOf(int prefixLength, byte[] key) {
        return ByteBuffer.wrap(key, prefixLength, 8).getLong() ^ Long.MIN_VALUE;
    }
}
