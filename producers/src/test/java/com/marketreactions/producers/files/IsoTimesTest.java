package com.marketreactions.producers.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast reading of the common ISO shape gives what the JDK's ISO parser gives, or leaves the string to it. */
class IsoTimesTest {

    private static long jdk(String s) {
        return ZonedDateTime.parse(s, DateTimeFormatter.ISO_DATE_TIME)
                .toInstant()
                .toEpochMilli();
    }

    @Test
    void agreesWithTheJdkOnRandomTimesOffsetsAndFractions() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            long seconds = r.nextLong(-2_000_000_000L, 4_000_000_000L);
            int nanos = r.nextInt(1_000_000_000);
            int offset = r.nextInt(-18, 19) * 3600 + (r.nextBoolean() ? 0 : 30 * 60) * (r.nextBoolean() ? 1 : -1);
            offset = Math.max(-18 * 3600, Math.min(18 * 3600, offset));
            OffsetDateTime t = Instant.ofEpochSecond(seconds, nanos).atOffset(ZoneOffset.ofTotalSeconds(offset));
            int digits = r.nextInt(10); // 0 = no fraction
            String text = String.format(
                            "%04d-%02d-%02dT%02d:%02d:%02d",
                            t.getYear(),
                            t.getMonthValue(),
                            t.getDayOfMonth(),
                            t.getHour(),
                            t.getMinute(),
                            t.getSecond())
                    + (digits == 0
                            ? ""
                            : "." + String.format("%09d", t.getNano()).substring(0, digits))
                    + (offset == 0 && r.nextBoolean()
                            ? "Z"
                            : t.getOffset().getId().equals("Z")
                                    ? "+00:00"
                                    : t.getOffset().getId());
            if (t.getYear() < 1000) {
                continue;
            }
            assertEquals(jdk(text), IsoTimes.epochMillis(text), text);
        }
    }

    @Test
    void leavesEverythingElseToTheJdk() {
        for (String s : new String[] {
            "2025-02-30T00:00:00Z",
            "2025-11-03T24:00:00Z",
            "2025-11-03T14:30:00",
            "2025-11-03 14:30:00Z",
            "2025-11-03T14:30:00.Z",
            "2025-11-03T14:30:00.1234567890Z",
            "2025-11-03T06:00:00-05:00[America/New_York]",
            "2025-11-03T14:30Z",
            "20251103T143000Z",
            "2025-11-03T14:30:00+0100"
        }) {
            assertEquals(IsoTimes.NOT_THIS_SHAPE, IsoTimes.epochMillis(s), s);
        }
        assertEquals(jdk("2024-02-29T23:59:59.999+14:00"), IsoTimes.epochMillis("2024-02-29T23:59:59.999+14:00"));
    }
}
