package com.marketreactions.streams.reaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The exchange's day as the window variance reads it, on New York's clock, worked out by hand. */
class SessionClockTest {

    private static final SessionClock NEW_YORK = new SessionClock(ZoneId.of("America/New_York"));

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    /** Weight i+1 for part i, so a sum tells which parts were counted for how long. */
    private static double[] numbered() {
        double[] w = new double[SessionClock.BUCKETS];
        Arrays.setAll(w, i -> i + 1);
        return w;
    }

    @Test
    void partsFollowTheExchangeClockAcrossTheChangeToSummerTime() {
        // 09:30 New York is 14:30 UTC in winter and 13:30 UTC in summer (2025-03-09 the clocks went forward)
        assertEquals(1, NEW_YORK.bucket(at("2025-03-07T14:30:00Z")));
        assertEquals(1, NEW_YORK.bucket(at("2025-03-10T13:30:00Z")));
        assertEquals(0, NEW_YORK.bucket(at("2025-03-10T13:29:00Z"))); // pre-market
        assertEquals(0, NEW_YORK.bucket(at("2025-03-10T06:00:00Z"))); // 02:00: before 04:00 counts as pre-market
        assertEquals(17, NEW_YORK.bucket(at("2025-03-10T19:55:00Z"))); // 15:55, the last five minutes
        assertEquals(18, NEW_YORK.bucket(at("2025-03-10T20:00:00Z"))); // 16:00 after-market
        assertEquals(18, NEW_YORK.bucket(at("2025-03-11T01:30:00Z"))); // 21:30: after 20:00 still counts as POST
    }

    @Test
    void varianceMinutesWeighEachPartByItsShareOfTheInterval() {
        double[] w = numbered();
        // 09:29:30-09:36:00: 30 s of pre-market (1), 5 minutes of the first part (2), 1 minute of the second (3)
        assertEquals(
                0.5 * 1 + 5 * 2 + 1 * 3,
                NEW_YORK.varianceMinutes(at("2025-03-07T14:29:30Z"), at("2025-03-07T14:36:00Z"), w, 100),
                1e-9);
        // 19:59-20:30: one minute of after-market, then nothing until the night
        assertEquals(
                19, NEW_YORK.varianceMinutes(at("2025-03-08T00:59:00Z"), at("2025-03-08T01:30:00Z"), w, 100), 1e-9);
        assertEquals(0, NEW_YORK.varianceMinutes(at("2025-03-08T01:30:00Z"), at("2025-03-08T01:30:00Z"), w, 100));
    }

    @Test
    void aWeekendIsOneNightAndANightCarriesItsOwnWeight() {
        double[] none = new double[SessionClock.BUCKETS];
        // Friday 19:00 to Monday 05:00 New York: one night
        assertEquals(1, NEW_YORK.nights(at("2025-03-08T00:00:00Z"), at("2025-03-10T09:00:00Z")));
        assertEquals(7.5, NEW_YORK.varianceMinutes(at("2025-03-08T00:00:00Z"), at("2025-03-10T09:00:00Z"), none, 7.5));
        // Monday 10:00 to Wednesday 10:00: two nights, and a whole trading day (04:00-20:00, 960 minutes) between
        double[] flat = new double[SessionClock.BUCKETS];
        Arrays.fill(flat, 1);
        assertEquals(2, NEW_YORK.nights(at("2025-03-10T14:00:00Z"), at("2025-03-12T14:00:00Z")));
        assertEquals(
                (20 - 10) * 60 + 960 + (10 - 4) * 60 + 2 * 50.0,
                NEW_YORK.varianceMinutes(at("2025-03-10T14:00:00Z"), at("2025-03-12T14:00:00Z"), flat, 50),
                1e-9);
        // the same hours of one day hold no night
        assertEquals(0, NEW_YORK.nights(at("2025-03-10T14:00:00Z"), at("2025-03-10T23:00:00Z")));
    }
}
