package com.marketreactions.streams.reaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WindowStatsTest {

    private static final long T0 = 1_762_182_000_000L; // 2025-11-03T15:00:00Z

    @Test
    void ticksFoldedInAnyArrivalOrderGiveWhatAReadInOrderGives() {
        TickSeries inOrder = new TickSeries()
                .add(T0 + 1_000, 10, 1)
                .add(T0 + 30_000, 12, 2)
                .add(T0 + 30_000, 13, 3)
                .add(T0 + 70_000, 9, 4);
        WindowStats read = WindowStats.of(
                T0, 120_000, inOrder, new TickSeries().add(T0 + 5_000, 500, 1).add(T0 + 65_000, 505, 1));

        WindowStats folded = new WindowStats(T0, 120_000);
        folded.addStock(T0 + 30_000, 12, 2);
        folded.addStock(T0 + 70_000, 9, 4);
        folded.addStock(T0 + 1_000, 10, 1); // late: becomes the first trade
        folded.addStock(T0 + 30_000, 13, 3); // same time as an earlier arrival: after it
        folded.addBench(T0 + 65_000, 505);
        folded.addBench(T0 + 5_000, 500); // late: not the benchmark's last price

        for (WindowStats w : new WindowStats[] {read, folded}) {
            assertEquals(4, w.count);
            assertEquals(10, w.volume);
            assertEquals(13.0, w.high);
            assertEquals(9.0, w.low);
            assertEquals(10.0, w.firstPrice);
            assertEquals(T0 + 1_000, w.firstTs);
            assertEquals(9.0, w.lastPrice);
            assertEquals(2, w.minutes, "minutes 0 and 1 of the window");
            assertEquals(505.0, w.benchLast);
            assertEquals(2, w.marketMinutes);
        }
    }
}
