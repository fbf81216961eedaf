package com.marketreactions.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sizes in millionths of a share: the decimal as printed, rounded half up, and exact sums. */
class SharesTest {

    @Test
    void printedSizesBecomeTheirMillionths() {
        assertEquals(100_000_000L, Shares.micros(100));
        assertEquals(300_000L, Shares.micros(0.3));
        assertEquals(1_000_123L, Shares.micros(1.000123));
        assertEquals(1L, Shares.micros(0.000001));
        assertEquals(0L, Shares.micros(0));
        assertEquals(1_000_000_000_000_000L, Shares.micros(Shares.MAX));
    }

    @Test
    void finerSizesRoundHalfUpAsTheirDecimalReads() {
        assertEquals(4_666_667L, Shares.micros(14 / 3.0));
        assertEquals(1L, Shares.micros(0.0000005), "a tie rounds up: 5.0E-7 is read as its decimal");
        assertEquals(0L, Shares.micros(0.0000004999));
        assertEquals(2_000_001L, Shares.micros(2.0000005));
    }

    @Test
    void theFastPathAgreesWithTheDecimalRuleOnRandomSizes() {
        Random r = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            int decimals = r.nextInt(10);
            double size =
                    BigDecimal.valueOf(r.nextLong(1, 10_000_000_000L), decimals).doubleValue();
            long want = BigDecimal.valueOf(size)
                    .setScale(6, RoundingMode.HALF_UP)
                    .movePointRight(6)
                    .longValueExact();
            assertEquals(want, Shares.micros(size), () -> "size " + size);
        }
    }

    @Test
    void aQuantityInSharesIsTheDoubleNearestItsDecimal() {
        assertEquals(0.3, Shares.of(300_000));
        assertEquals(4.666667, Shares.of(4_666_667));
        assertEquals(1e9, Shares.of(Shares.micros(1e9)));
    }

    @Test
    void sumsSaturateInsteadOfWrapping() {
        assertEquals(5L, Shares.add(2, 3));
        assertEquals(Long.MAX_VALUE, Shares.add(Long.MAX_VALUE - 1, 2));
        assertEquals(Long.MAX_VALUE, Shares.add(Long.MAX_VALUE, Long.MAX_VALUE));
    }

    @Test
    void sizesPrintAsAVendorWritesThem() {
        assertEquals("100", Shares.text(100.0));
        assertEquals("0.3", Shares.text(0.3));
        assertEquals("1000000000", Shares.text(1e9));
        assertEquals("NaN", Shares.text(Double.NaN));
    }

    @Test
    void aSizeMustBeAFiniteNumberOfSharesInRange() {
        assertNull(Shares.problem(0));
        assertNull(Shares.problem(0.25));
        assertNull(Shares.problem(Shares.MAX));
        for (double bad : new double[] {-1, -0.5, Double.NaN, Double.POSITIVE_INFINITY, 1.5e9}) {
            String problem = Shares.problem(bad);
            assertTrue(problem != null && problem.startsWith("size must be a number of shares"), problem);
        }
    }
}
