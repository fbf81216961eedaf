package com.marketreactions.streams.pending;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Key of a pending reaction, laid out so that a range scan from the start yields the reactions whose
 * window closes first: close time (8 bytes, sign-flipped big-endian), a late-news byte, then
 * {@code ticker \0 horizon \0 newsId}.
 */
public record PendingKey(long closeTime, boolean lateNews, String ticker, String horizon, String newsId) {

    public Bytes encode() {
        byte[] rest = (ticker + '\0' + horizon + '\0' + newsId).getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(9 + rest.length)
                .putLong(closeTime ^ Long.MIN_VALUE)
                .put((byte) (lateNews ? 1 : 0))
                .put(rest)
                .array());
    }

    public static PendingKey decode(Bytes key) {
        ByteBuffer buf = ByteBuffer.wrap(key.get());
        long close = buf.getLong() ^ Long.MIN_VALUE;
        boolean late = buf.get() == 1;
        String rest = new String(key.get(), 9, key.get().length - 9, StandardCharsets.UTF_8);
        int a = rest.indexOf('\0');
        int b = rest.indexOf('\0', a + 1);
        return new PendingKey(close, late, rest.substring(0, a), rest.substring(a + 1, b), rest.substring(b + 1));
    }

    /** The smallest key whose close time is after {@code t}: the exclusive upper bound of a scan up to t. */
    static Bytes after(long t) {
        return Bytes.wrap(ByteBuffer.allocate(8)
                .putLong((t == Long.MAX_VALUE ? t : t + 1) ^ Long.MIN_VALUE)
                .array());
    }

    static Bytes first() {
        return Bytes.wrap(new byte[0]);
    }
}
