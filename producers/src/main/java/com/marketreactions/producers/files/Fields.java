package com.marketreactions.producers.files;

import com.marketreactions.common.RecordChecks;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.regex.Pattern;

/** Field rules shared by the parsers: tickers and timestamps. */
final class Fields {

    static final String TICKER_RULE = RecordChecks.TICKER_RULE;
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private Fields() {
    }

    /** Trimmed and upper-cased; must look like a ticker. */
    static String ticker(String field, String raw) throws BadLineException {
        String t = raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new BadLineException(field + " is required");
        }
        if (!isTicker(t)) {
            throw new BadLineException(field + ": " + quote(raw.trim()) + " is not a ticker (" + TICKER_RULE + ")");
        }
        return t;
    }

    static boolean isTicker(String upperCased) {
        return RecordChecks.isTicker(upperCased);
    }

    /**
     * An ISO-8601 instant ({@code 2025-11-03T11:00:00Z}), an offset or zoned date-time
     * ({@code 2025-11-03T12:00:00+01:00}), or epoch milliseconds. Truncated to the millisecond, the
     * precision of the Avro field and of the Kafka record timestamp.
     */
    static Instant timestamp(String field, String raw) throws BadLineException {
        String s = raw == null ? "" : raw.trim();
        if (s.isEmpty()) {
            throw new BadLineException(field + " is required");
        }
        if (INTEGER.matcher(s).matches()) {
            try {
                return epochMillis(field, Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw new BadLineException(field + ": epoch ms out of range " + quote(s));
            }
        }
        TemporalAccessor t;
        try {
            t = DateTimeFormatter.ISO_DATE_TIME.parseBest(s, ZonedDateTime::from, LocalDateTime::from);
        } catch (DateTimeException e) {
            throw new BadLineException(field + ": unknown timestamp format " + quote(s));
        }
        if (!(t instanceof ZonedDateTime z)) {
            throw new BadLineException(field + ": " + quote(s) + " has no zone offset (add Z or +hh:mm)");
        }
        try {
            return epochMillis(field, z.toInstant().toEpochMilli());
        } catch (ArithmeticException e) {
            throw new BadLineException(field + ": out of range " + quote(s));
        }
    }

    /** Kafka rejects negative record timestamps, so event times before the epoch are refused here. */
    static Instant epochMillis(String field, long ms) throws BadLineException {
        if (ms < 0) {
            throw new BadLineException(field + " must not be before 1970-01-01T00:00:00Z, got " + ms);
        }
        return Instant.ofEpochMilli(ms);
    }

    /** {@code 'text'}, cut short so that a reason stays one short line. */
    static String quote(String s) {
        return RecordChecks.quote(s);
    }
}
