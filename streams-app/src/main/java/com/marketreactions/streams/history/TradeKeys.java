package com.marketreactions.streams.history;

import java.nio.charset.StandardCharsets;

/**
 * The key the history finds a trade by when a cancel or correction names it: its venue and its vendor's trade id,
 * hashed to 64 bits (never {@link TickBlock#NO_KEY}). The same in every JVM, since it is stored. Two trades of one
 * symbol would need the same key within the day a search looks back over to be confused: about 1 in 10^7 for a
 * symbol with a million trades that day.
 */
public final class TradeKeys {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private TradeKeys() {}

    /** The key of the trade {@code tradeId} on {@code venue} (null for none), or NO_KEY for no id. */
    public static long of(String venue, String tradeId) {
        if (tradeId == null) {
            return TickBlock.NO_KEY;
        }
        long h = FNV_OFFSET;
        h = mix(h, venue == null ? new byte[0] : venue.getBytes(StandardCharsets.UTF_8));
        h = (h ^ 0xff) * FNV_PRIME; // not a UTF-8 byte: separates the venue from the id
        h = mix(h, tradeId.getBytes(StandardCharsets.UTF_8));
        h = finish(h);
        return h == TickBlock.NO_KEY ? 1 : h;
    }

    private static long mix(long h, byte[] bytes) {
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        return h;
    }

    /** MurmurHash3's 64-bit finalizer: FNV's low bits alone are poorly spread. */
    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
