package com.marketreactions.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.marketreactions.streams.reaction.TickSeries;
import org.junit.jupiter.api.Test;

class TickBlockTest {

    @Test
    void keepsProcessingOrderWhenTicksArriveOutOfOrder() {
        TickBlock b = new TickBlock();
        b.add(1_000, 10.0, 1, Long.MIN_VALUE);
        b.add(3_000, 30.0, 3, Long.MIN_VALUE);
        b.add(2_000, 20.0, 2, Long.MIN_VALUE);   // late within the minute: goes between
        b.add(2_000, 21.0, 4, Long.MIN_VALUE);   // same time: after the earlier arrival
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
    void readsAsOfACloseTimeLeaveOutTicksThatArrivedAfterTheSymbolsClockPassedIt() {
        TickBlock b = new TickBlock();
        b.add(1_000, 10.0, 1, Long.MIN_VALUE);
        b.add(50_000, 50.0, 1, 1_000);
        b.add(2_000, 20.0, 1, 50_000);          // arrived when the clock stood at 50 s
        TickSeries asOf10s = new TickSeries();
        b.appendTo(asOf10s, 0, 59_999, 10_000);
        assertEquals(2, asOf10s.size(), "the late tick is not seen as of 10 s");
        TickSeries asOf50s = new TickSeries();
        TickBlock.appendPart(b.part(0, 3), asOf50s, 0, 59_999, 50_000);
        assertEquals(3, asOf50s.size(), "but it is as of 50 s, and the stored form keeps the arrival clock");
        assertEquals(20.0, asOf50s.price(1));
    }
}
