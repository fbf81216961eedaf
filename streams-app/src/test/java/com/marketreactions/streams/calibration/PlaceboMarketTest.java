package com.marketreactions.streams.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The placebo market's calendar: New York's session matches its UTC hours only in standard time. */
class PlaceboMarketTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void runsThatFitFromJanuaryStartThereAsTheyAlwaysDid() {
        assertEquals(
                LocalDate.of(2025, 1, 6), date(PlaceboMarket.tradingDays(12).get(0)));
        assertEquals(
                LocalDate.of(2025, 1, 6), date(PlaceboMarket.tradingDays(45).get(0)));
    }

    @Test
    void longerRunsStartInNovemberAndStayInStandardTime() {
        List<Long> days = PlaceboMarket.tradingDays(60);
        assertEquals(LocalDate.of(2024, 11, 4), date(days.get(0)));
        assertEquals(60, days.size());
        for (long day : days) {
            // the session's hours, 09:00 to 01:00 the next day UTC, are New York's 04:00-20:00 only at UTC-5
            for (long t : new long[] {day + PlaceboMarket.PRE_MARKET, day + PlaceboMarket.DAY + PlaceboMarket.HOUR}) {
                assertEquals(
                        ZoneOffset.ofHours(-5),
                        NEW_YORK.getRules().getOffset(Instant.ofEpochMilli(t)),
                        Instant.ofEpochMilli(t).toString());
            }
        }
    }

    @Test
    void aRunLongerThanOneWinterIsRefusedSayingWhy() {
        assertEquals(90, PlaceboMarket.tradingDays(90).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlaceboMarket.tradingDays(91));
        assertTrue(e.getMessage().contains("at most 90"), e.getMessage());
    }

    private static LocalDate date(long midnight) {
        return Instant.ofEpochMilli(midnight).atZone(ZoneOffset.UTC).toLocalDate();
    }
}
