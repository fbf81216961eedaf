package com.marketreactions.producers.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final TimeRules rules = new TimeRules(
            EpochUnit.AUTO,
            TimeRules.DEFAULT_NOT_BEFORE,
            TimeRules.DEFAULT_MAX_AHEAD,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private static final Instant T = Instant.parse("2025-11-03T14:31:00Z");

    @Test
    void tellsEpochUnitsApartByMagnitude() throws BadLineException {
        assertEquals(T, rules.parse("ts", "1762180260"));
        assertEquals(T, rules.parse("ts", "1762180260000"));
        assertEquals(T, rules.parse("ts", "1762180260000000"));
        assertEquals(T, rules.parse("ts", "1762180260000000000"));
        assertEquals(T.plusMillis(123), rules.parse("ts", "1762180260123456789"), "sub-millisecond parts are dropped");
        assertEquals(T, rules.parse("ts", "2025-11-03T09:31:00-05:00"));
        assertEquals(T, rules.epoch("publishedAt", 1762180260L));
    }

    @Test
    void aForcedUnitThatGivesAnImplausibleTimeSaysWhatTheNumberLooksLike() {
        BadLineException e = assertThrows(
                BadLineException.class, () -> rules.withUnit(EpochUnit.MILLIS).parse("ts", "1762180260"));
        assertEquals(
                "ts 1762180260 as epoch milliseconds is 1970-01-21T09:29:40.260Z, before 1980-01-01T00:00:00Z; "
                        + "looks like epoch seconds: 2025-11-03T14:31:00Z (--ts-unit s)",
                e.getMessage());
        e = assertThrows(
                BadLineException.class, () -> rules.withUnit(EpochUnit.MILLIS).parse("ts", "1762180380000000000"));
        assertEquals(
                "ts 1762180380000000000 as epoch milliseconds is +55843243-04-07T00:00:00Z, more than 1h ahead of "
                        + "now (2026-12-01T12:00:00Z; --max-ahead); looks like epoch nanoseconds: 2025-11-03T14:33:00Z "
                        + "(--ts-unit ns)",
                e.getMessage());
    }

    @Test
    void timesBeforeTheFloorOrTooFarAheadAreBadLines() {
        BadLineException e = assertThrows(BadLineException.class, () -> rules.parse("ts", "86399"));
        assertEquals(
                "ts 86399 as epoch seconds is 1970-01-01T23:59:59Z, before 1980-01-01T00:00:00Z; not a plausible "
                        + "time in any epoch unit",
                e.getMessage());
        e = assertThrows(BadLineException.class, () -> rules.parse("ts", "2026-12-01T13:00:01Z"));
        assertEquals(
                "ts '2026-12-01T13:00:01Z' is more than 1h ahead of now (2026-12-01T12:00:00Z; --max-ahead)",
                e.getMessage());
        assertThrows(BadLineException.class, () -> rules.parse("ts", "0202-11-03T14:31:00Z"), "a typo in the year");
    }

    @Test
    void theBoundsAreConfigurable() throws BadLineException {
        assertEquals(
                Instant.parse("2026-12-02T11:00:00Z"),
                rules.withMaxAhead(Duration.ofDays(1)).parse("ts", "2026-12-02T11:00:00Z"));
        assertEquals(
                Instant.parse("1970-01-01T00:16:40Z"),
                rules.withNotBefore(Instant.EPOCH).parse("ts", "1000"));
        assertThrows(IllegalArgumentException.class, () -> EpochUnit.of("minutes"));
    }
}
