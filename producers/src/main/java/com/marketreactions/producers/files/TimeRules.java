package com.marketreactions.producers.files;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;

/**
 * How the event times of a file are read and which are plausible: integers are epoch times in {@code unit}
 * ({@link EpochUnit#AUTO}: by magnitude), strings are ISO-8601 with an offset or zone; the result, truncated to
 * the millisecond (the precision of the Avro field and of a Kafka record timestamp), must lie in
 * {@code [notBefore, now + maxAhead]}. The upper bound defaults to one hour: a Kafka 4 broker refuses a record
 * more than {@code message.timestamp.after.max.ms} (one hour by default) ahead of its clock, and the whole
 * batch with it, so such a time is reported here, on its line, instead.
 *
 * @param unit the unit of integer timestamps
 * @param notBefore the earliest plausible time
 * @param maxAhead how far after the clock's time a time may be
 * @param clock what "now" is
 */
public record TimeRules(EpochUnit unit, Instant notBefore, Duration maxAhead, Clock clock) {

    /** No intraday market data or news feed reaches back further; a time before it is a wrong unit or a typo. */
    public static final Instant DEFAULT_NOT_BEFORE = Instant.parse("1980-01-01T00:00:00Z");

    public static final Duration DEFAULT_MAX_AHEAD = Duration.ofHours(1);
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    /** By magnitude, from 1980-01-01 to an hour from now. */
    public static TimeRules defaults() {
        return new TimeRules(EpochUnit.AUTO, DEFAULT_NOT_BEFORE, DEFAULT_MAX_AHEAD, Clock.systemUTC());
    }

    public TimeRules withUnit(EpochUnit u) {
        return new TimeRules(u, notBefore, maxAhead, clock);
    }

    public TimeRules withMaxAhead(Duration d) {
        return new TimeRules(unit, notBefore, d, clock);
    }

    public TimeRules withNotBefore(Instant t) {
        return new TimeRules(unit, t, maxAhead, clock);
    }

    /** A timestamp field: an epoch integer or an ISO-8601 date-time with an offset. */
    Instant parse(String field, String raw) throws BadLineException {
        return parse(field, raw, null);
    }

    /**
     * A timestamp field as {@link #parse(String, String)}, where a date-time without an offset is local time in
     * {@code localZone} (its offset on that date: daylight saving time in summer), unless that is null.
     */
    Instant parse(String field, String raw, ZoneId localZone) throws BadLineException {
        String s = raw == null ? "" : raw.trim();
        if (s.isEmpty()) {
            throw new BadLineException(field + " is required");
        }
        if (INTEGER.matcher(s).matches()) {
            long v;
            try {
                v = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new BadLineException(field + ": out of range for any epoch unit " + Fields.quote(s));
            }
            return epoch(field, v);
        }
        long fast = IsoTimes.epochMillis(s);
        if (fast != IsoTimes.NOT_THIS_SHAPE) {
            return plausible(fast)
                    ? Instant.ofEpochMilli(fast)
                    : instant(field, Instant.ofEpochMilli(fast), Fields.quote(s));
        }
        TemporalAccessor t;
        try {
            t = DateTimeFormatter.ISO_DATE_TIME.parseBest(s, ZonedDateTime::from, LocalDateTime::from);
        } catch (DateTimeException e) {
            throw new BadLineException(field + ": unknown timestamp format " + Fields.quote(s));
        }
        if (t instanceof LocalDateTime local && localZone != null) {
            return instant(field, local.atZone(localZone).toInstant(), Fields.quote(s));
        }
        if (!(t instanceof ZonedDateTime z)) {
            throw new BadLineException(field + ": " + Fields.quote(s) + " has no zone offset (add Z or +hh:mm)");
        }
        return instant(field, z.toInstant(), Fields.quote(s));
    }

    /** An epoch integer in this file's unit (by magnitude for AUTO). */
    Instant epoch(String field, long value) throws BadLineException {
        EpochUnit u = unit.of(value);
        Long ms = u.toMillis(value);
        if (ms == null || !plausible(ms)) {
            String as = ms == null ? "out of range" : Instant.ofEpochMilli(ms).toString();
            throw new BadLineException(field + " " + value + " as " + u.describe() + " is " + as
                    + (ms == null ? "" : ", " + bounds(ms)) + lookAlike(value, u));
        }
        return Instant.ofEpochMilli(ms);
    }

    /** Checks a time read some other way (e.g. a vendor's RFC 1123 date) against the bounds. */
    Instant instant(String field, Instant t, String shown) throws BadLineException {
        long ms;
        try {
            ms = t.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new BadLineException(field + ": out of range " + shown);
        }
        if (!plausible(ms)) {
            throw new BadLineException(field + " " + shown + " is " + bounds(ms));
        }
        return Instant.ofEpochMilli(ms);
    }

    private boolean plausible(long ms) {
        return ms >= notBefore.toEpochMilli() && ms <= clock.millis() + maxAhead.toMillis();
    }

    private String bounds(long ms) {
        return ms < notBefore.toEpochMilli()
                ? "before " + notBefore
                : "more than " + maxAhead.toString().substring(2).toLowerCase(java.util.Locale.ROOT) + " ahead of now ("
                        + clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "; --max-ahead)";
    }

    /** "; looks like epoch seconds: 2025-11-03T14:31:00Z (--ts-unit s)" when another unit gives a plausible time. */
    private String lookAlike(long value, EpochUnit used) {
        for (EpochUnit u : EpochUnit.values()) {
            if (u == EpochUnit.AUTO || u == used) {
                continue;
            }
            Long ms = u.toMillis(value);
            if (ms != null && plausible(ms)) {
                return "; looks like " + u.describe() + ": " + Instant.ofEpochMilli(ms) + " (--ts-unit " + u.label()
                        + ")";
            }
        }
        return "; not a plausible time in any epoch unit";
    }
}
