package com.marketreactions.streams.emit;

import com.marketreactions.schema.ReactionStatus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The status of a reaction in a record header ({@value #NAME}: {@code FINAL} or {@code PROVISIONAL}) besides its
 * value, so that a reader interested in FINALs skips the PROVISIONAL updates without decoding them (with ten
 * times the news there are a hundred of them per FINAL). Records without it (written before it existed) are
 * decoded and their status read as before.
 */
public final class StatusHeader {

    public static final String NAME = "mr-status";
    private static final byte[] FINAL = ReactionStatus.FINAL.name().getBytes(StandardCharsets.UTF_8);
    private static final byte[] PROVISIONAL = ReactionStatus.PROVISIONAL.name().getBytes(StandardCharsets.UTF_8);

    private StatusHeader() {}

    public static Headers of(ReactionStatus status) {
        return new RecordHeaders().add(NAME, status == ReactionStatus.FINAL ? FINAL : PROVISIONAL);
    }

    /** True for a FINAL, false for a PROVISIONAL, null when the record does not say. */
    public static Boolean isFinal(Headers headers) {
        Header h = headers.lastHeader(NAME);
        if (h == null || h.value() == null) {
            return null;
        }
        return Arrays.equals(h.value(), FINAL)
                ? Boolean.TRUE
                : Arrays.equals(h.value(), PROVISIONAL) ? Boolean.FALSE : null;
    }
}
