package com.marketreactions.streams.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.Shares;
import com.marketreactions.streams.reaction.TickSeries;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.io.BinaryData;
import org.junit.jupiter.api.Test;

class TickBlockTest {

    @Test
    void keepsProcessingOrderWhenTicksArriveOutOfOrder() {
        TickBlock b = new TickBlock();
        b.add(1_000, 10.0, 1, Long.MIN_VALUE);
        b.add(3_000, 30.0, 3, Long.MIN_VALUE);
        b.add(2_000, 20.0, 2, Long.MIN_VALUE); // late within the minute: goes between
        b.add(2_000, 21.0, 4, Long.MIN_VALUE); // same time: after the earlier arrival
        for (int i = 0; i < 10; i++) {
            b.add(4_000 + i, 40.0 + i, 5, Long.MIN_VALUE); // past the initial capacity
        }
        TickSeries s = new TickSeries();
        b.appendTo(s, 0, 59_999, Long.MAX_VALUE);
        assertEquals(14, s.size());
        assertEquals(1_000, s.ts(0));
        assertEquals(20.0, s.price(1));
        assertEquals(21.0, s.price(2));
        assertEquals(4, s.volume(2));
        assertEquals(30.0, s.price(3));
        assertEquals(49.0, s.price(13));
    }

    @Test
    void partsRoundTripAndRangeIsInclusive() {
        TickBlock b = new TickBlock();
        b.add(120_000, 1.5, 7, Long.MIN_VALUE);
        b.add(120_500, 2.5, 0, Long.MIN_VALUE);
        b.add(179_999, 3.5, 9, Long.MIN_VALUE);
        TickBlock copy = new TickBlock();
        TickBlock.readPart(b.part(0, 1), copy);
        TickBlock.readPart(b.part(1, 3), copy);
        TickSeries s = new TickSeries();
        copy.appendTo(s, 120_500, 179_999, Long.MAX_VALUE);
        TickSeries direct = new TickSeries();
        TickBlock.appendPart(b.part(0, 3), direct, 120_500, 179_999, Long.MAX_VALUE);
        assertEquals(2, direct.size());
        assertEquals(2, s.size());
        assertEquals(2.5, s.price(0));
        assertEquals(0, s.volume(0));
        assertEquals(179_999, s.ts(1));
        assertEquals(120_000, TickBlock.start(120_500));
        assertEquals(-60_000, TickBlock.start(-1));
    }

    @Test
    void aWithdrawnTickIsSeenUntilItsWithdrawalAndTheStoredFormKeepsKeysAndWithdrawals() {
        TickBlock b = new TickBlock();
        b.add(1_000, 10.0, 1, Long.MIN_VALUE, 11, TickBlock.NOT_WITHDRAWN); // the symbol's first: no clock yet
        b.add(2_000, 20.0, 2, 1_000, 22, TickBlock.NOT_WITHDRAWN);
        b.add(1_500, 15.0, 3, 2_000); // no key: between the two, the keys move with it
        assertEquals(-1, b.find(33, 0));
        assertEquals(2, b.find(22, 0));
        assertEquals(-1, b.find(22, 2_001), "not before the search's start");
        b.withdraw(0, 40_000);
        b.withdraw(b.find(22, 0), 2_000);
        assertEquals(-1, b.find(11, 0), "a withdrawn trade is not found again");
        assertEquals(new Withdrawn(2_000, 20.0, 2), b.trade(2));

        TickBlock copy = new TickBlock();
        TickBlock.readPart(b.part(0, 3), copy);
        assertArrayEquals(b.part(0, 3), copy.part(0, 3), "keys and withdrawal clocks read back exactly");
        for (TickBlock x : new TickBlock[] {b, copy}) {
            TickSeries asOf1999 = new TickSeries();
            x.appendTo(asOf1999, 0, 59_999, 1_999);
            assertEquals(2, asOf1999.size(), "as of 1.999 s: the first, not yet withdrawn; the 1.5 s not arrived");
            TickSeries asOf40s = new TickSeries();
            x.appendTo(asOf40s, 0, 59_999, 40_000);
            assertEquals(1, asOf40s.size(), "as of 40 s both are withdrawn");
            assertEquals(15.0, asOf40s.price(0));
            TickSeries all = new TickSeries();
            x.appendTo(all, 0, 59_999, Long.MAX_VALUE);
            assertEquals(1, all.size(), "a read of everything that arrived leaves out what was withdrawn");
        }
        TickBlock plain = new TickBlock();
        plain.add(1_000, 10.0, 1, Long.MIN_VALUE);
        assertEquals(2, plain.part(0, 1)[0], "trades without keys are written in the format before");
        assertEquals(3, b.part(0, 3)[0]);
    }

    @Test
    void readsAsOfACloseTimeLeaveOutTicksThatArrivedAfterTheSymbolsClockPassedIt() {
        TickBlock b = new TickBlock();
        b.add(1_000, 10.0, 1, Long.MIN_VALUE);
        b.add(50_000, 50.0, 1, 1_000);
        b.add(2_000, 20.0, 1, 50_000); // arrived when the clock stood at 50 s
        TickSeries asOf10s = new TickSeries();
        b.appendTo(asOf10s, 0, 59_999, 10_000);
        assertEquals(2, asOf10s.size(), "the late tick is not seen as of 10 s");
        TickSeries asOf50s = new TickSeries();
        TickBlock.appendPart(b.part(0, 3), asOf50s, 0, 59_999, 50_000);
        assertEquals(3, asOf50s.size(), "but it is as of 50 s, and the stored form keeps the arrival clock");
        assertEquals(20.0, asOf50s.price(1));
    }

    @Test
    void partsGiveEveryTickBackBitForBitInFewBytes() {
        double[][] prices = {
            {244.36, 244.37, 244.35, 250.0}, // cents
            {0.0123, 0.0124, 1.5, 12.25}, // sub-penny quotes
            {1.0 / 3, 2.0 / 3, Math.PI, 1e-300}, // no decimal scale: raw doubles
            {1e300, -0.0, Double.MIN_VALUE, 7.0}, // extremes
        };
        for (double[] ps : prices) {
            TickBlock b = new TickBlock();
            long clock = Long.MIN_VALUE; // the symbol's first tick has no clock before it
            for (int i = 0; i < 256; i++) {
                long t = 1_762_180_200_000L + i * 37L;
                b.add(t, ps[i % ps.length], i % 5 == 0 ? 100 : 1_000_000_000_000L + i, clock);
                clock = i % 7 == 0 ? t + 90_000 : t; // now and then a later tick came first
            }
            byte[] part = b.part(0, 256);
            TickBlock copy = new TickBlock();
            TickBlock.readPart(part, copy);
            assertEquals(256, copy.size());
            TickSeries want = new TickSeries();
            TickSeries got = new TickSeries();
            b.appendTo(want, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
            copy.appendTo(got, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
            for (int i = 0; i < 256; i++) {
                assertEquals(want.ts(i), got.ts(i));
                assertEquals(
                        Double.doubleToRawLongBits(want.price(i)),
                        Double.doubleToRawLongBits(got.price(i)),
                        "tick " + i + " of " + java.util.Arrays.toString(ps));
                assertEquals(want.volume(i), got.volume(i));
            }
            TickSeries asOf = new TickSeries();
            TickBlock.appendPart(part, asOf, Long.MIN_VALUE, Long.MAX_VALUE, 1_762_180_200_000L + 37L * 100);
            TickSeries asOfDirect = new TickSeries();
            b.appendTo(asOfDirect, Long.MIN_VALUE, Long.MAX_VALUE, 1_762_180_200_000L + 37L * 100);
            assertEquals(asOfDirect.size(), asOf.size(), "the arrival clocks survive the encoding");
        }
        TickBlock cents = new TickBlock();
        for (int i = 0; i < 256; i++) {
            cents.add(60_000L + i * 200L, (24_436 + i % 9 - 4) / 100.0, 100, 60_000L + (i - 1) * 200L);
        }
        byte[] part = cents.part(0, 256);
        assertTrue(part.length <= 256 * 8, "a part of replayed trades in cents takes " + part.length + " bytes");
        byte[] cut = java.util.Arrays.copyOf(part, part.length - 3);
        assertThrows(
                IllegalStateException.class,
                () -> TickBlock.readPart(cut, new TickBlock()),
                "a truncated part is an error, never fewer ticks");
    }

    @Test
    void readsPartsWrittenInTheFirstFixedWidthFormat() {
        // state a deployment wrote before the compact format: count, then (time, price, size, clock) as 8 bytes each
        ByteBuffer old = ByteBuffer.allocate(4 + 2 * 32)
                .putInt(2)
                .putLong(1_000)
                .putDouble(1.0 / 3)
                .putLong(5)
                .putLong(Long.MIN_VALUE)
                .putLong(2_000)
                .putDouble(244.36)
                .putLong(7)
                .putLong(1_000);
        TickSeries s = new TickSeries();
        TickBlock.appendPart(old.array(), s, 0, 59_999, Long.MAX_VALUE);
        assertEquals(2, s.size());
        assertEquals(1.0 / 3, s.price(0));
        assertEquals(7 * Shares.MICROS, s.volume(1), "whole shares then, millionths now");
        TickSeries asOf = new TickSeries();
        TickBlock.appendPart(old.array(), asOf, 0, 59_999, 500);
        assertEquals(1, asOf.size());
    }

    @Test
    void readsPartsWrittenInTheCompactFormatOfWholeShares() {
        // format 1 (until 2026-12): count, price scale, then per tick time step, price step, whole shares, clock lag
        byte[] buf = new byte[64];
        int pos = 0;
        buf[pos++] = 1;
        for (long v : new long[] {2, 2, 1_000, 24_436, 5, 1_000 - Long.MIN_VALUE, 1_000, 1, 7, 1_000}) {
            pos += BinaryData.encodeLong(v, buf, pos);
        }
        TickSeries s = new TickSeries();
        TickBlock.appendPart(Arrays.copyOf(buf, pos), s, 0, 59_999, Long.MAX_VALUE);
        assertEquals(2, s.size());
        assertEquals(244.36, s.price(0));
        assertEquals(5 * Shares.MICROS, s.volume(0));
        assertEquals(244.37, s.price(1));
        assertEquals(7 * Shares.MICROS, s.volume(1));
    }

    @Test
    void fractionalSizesRoundTripAndWholeOnesCostNoMoreThanBefore() {
        TickBlock whole = new TickBlock();
        TickBlock fractional = new TickBlock();
        long[] sizes = {300_000, 1_000_123, 5_000_000, 1};
        for (int i = 0; i < sizes.length; i++) {
            whole.add(1_000 * i, 10.0, 100 * Shares.MICROS, Long.MIN_VALUE);
            fractional.add(1_000 * i, 10.0, sizes[i], Long.MIN_VALUE);
        }
        TickSeries back = new TickSeries();
        TickBlock.appendPart(fractional.part(0, sizes.length), back, 0, 59_999, Long.MAX_VALUE);
        for (int i = 0; i < sizes.length; i++) {
            assertEquals(sizes[i], back.volume(i));
        }
        // whole shares are written in units of a share (size scale 0), as format 1 wrote them
        byte[] want = new byte[128];
        int pos = 0;
        want[pos++] = 2;
        for (long v : new long[] {sizes.length, 0, 0}) {
            pos += BinaryData.encodeLong(v, want, pos);
        }
        for (int i = 0; i < sizes.length; i++) {
            for (long v : new long[] {i == 0 ? 0 : 1_000, i == 0 ? 10 : 0, 100, 1_000L * i - Long.MIN_VALUE}) {
                pos += BinaryData.encodeLong(v, want, pos);
            }
        }
        assertArrayEquals(Arrays.copyOf(want, pos), whole.part(0, sizes.length));
    }
}
