package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private long now;

    @Test
    void showsRecordsPercentRateAndTimeLeft() {
        ProgressLine p = new ProgressLine("ticks.csv", 100_000, System.err, () -> now);
        assertEquals("ticks.csv: 25,000 records (25%), 12,500/s, 6 s left   ", p.render(25_000, 2_000_000_000L));
    }

    @Test
    void redrawsAtMostFourTimesASecondAndEndsWithANewline() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine p = new ProgressLine("f", 3_001, new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now);
        p.accept(1000);
        now += 100_000_000;
        p.accept(2000); // 0.1 s after the last: skipped
        now += 200_000_000;
        p.accept(3000); // the last record: always drawn, then a newline
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, out.chars().filter(c -> c == '\r').count(), out);
        assertTrue(out.endsWith("\n") && out.contains("3,000 records (100%)"), out);
    }
}
