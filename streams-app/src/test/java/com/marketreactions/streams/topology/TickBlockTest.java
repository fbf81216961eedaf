package com.marketreactions.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.marketreactions.streams.reaction.TickSeries;
import org.junit.jupiter.api.Test;

class TickBlockTest {

    @Test
    void keepsProcessingOrderWhenTicksArriveOutOfOrder() {
        TickBlock b = new TickBlock();
        b.add(1_000, 10.0, 1);
        b.add(3_000, 30.0, 3);
        b.add(2_000, 20.0, 2);   // late within the minute: goes between
        b.add(2_000, 21.0, 4);   // same time: after the earlier arrival
        for (int i = 0; i < 10; i++) {
            b.add(4_000 + i, 40.0 + i, 5); // past the initial capacity
        }
        TickSeries s = new TickSeries();
        b.appendTo(s, 0, 59_999);
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
        b.add(120_000, 1.5, 7);
        b.add(120_500, 2.5, 0);
        b.add(179_999, 3.5, 9);
        TickBlock copy = new TickBlock();
        TickBlock.readPart(b.part(0, 1), copy);
        TickBlock.readPart(b.part(1, 3), copy);
        TickSeries s = new TickSeries();
        copy.appendTo(s, 120_500, 179_999);
        TickSeries direct = new TickSeries();
        TickBlock.appendPart(b.part(0, 3), direct, 120_500, 179_999);
        assertEquals(2, direct.size());
        assertEquals(2, s.size());
        assertEquals(2.5, s.price(0));
        assertEquals(0, s.volume(0));
        assertEquals(179_999, s.ts(1));
        assertEquals(120_000, TickBlock.start(120_500));
        assertEquals(-60_000, TickBlock.start(-1));
    }
}
