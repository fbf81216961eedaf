package com.marketreactions.streams.reaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.marketreactions.schema.MarketReaction;
import java.util.List;
import org.junit.jupiter.api.Test;

class CarPathTest {

    private static final long MINUTE = 60_000L;

    @Test
    void theGridIsEveryMinuteToASessionThenEveryHalfHourAndTheEnd() {
        assertEquals(425, CarPath.grid(1440 * MINUTE).size(), "P1D, as docs/event-study.md says");
        assertEquals(617, CarPath.grid(5 * 1440 * MINUTE).size(), "P5D");
        assertEquals(List.of(MINUTE, 2 * MINUTE, 3 * MINUTE, 4 * MINUTE, 5 * MINUTE), CarPath.grid(5 * MINUTE));
        assertEquals(List.of(MINUTE, 90_000L), CarPath.grid(90_000L), "a horizon between minutes ends on itself");
        List<Long> day = CarPath.grid(1440 * MINUTE);
        assertEquals(390 * MINUTE, day.get(389));
        assertEquals(420 * MINUTE, day.get(390));
        assertEquals(1440 * MINUTE, day.get(day.size() - 1));
    }

    @Test
    void thePathEndsAtTheReactionsAbnormalReturnAndUsesTheBaselineBeforeTheFirstTick() {
        long t0 = 1_000_000L * MINUTE;
        TickSeries stock = new TickSeries();
        TickSeries bench = new TickSeries();
        for (int m = 0; m < 60; m++) { // an estimation hour: stock and benchmark each minute
            stock.add(t0 - (60 - m) * MINUTE, 100 + (m % 3) * 0.1, 10);
            bench.add(t0 - (60 - m) * MINUTE + 1000, 500 + (m % 5) * 0.2, 10);
        }
        TickSeries window = new TickSeries().add(t0 + 2 * MINUTE + 5, 103.0, 5).add(t0 + 4 * MINUTE, 104.0, 5);
        TickSeries benchWindow = new TickSeries().add(t0 + 3 * MINUTE + 1, 505.0, 5);
        ReactionCalculator calc =
                new ReactionCalculator(120 * MINUTE, 10, NormalModel.MARKET, 0.005, SessionConfig.defaults());
        Estimate est = calc.estimate(t0, stock, bench);
        MarketReaction r = calc.compute(est, 5 * MINUTE, window, benchWindow, MarketReaction.newBuilder())
                .setNewsId("n")
                .setTicker("S")
                .setHorizon("PT5M")
                .setStatus(com.marketreactions.schema.ReactionStatus.FINAL)
                .setBenchmark("M")
                .build();
        List<Double> path = CarPath.of(est, 5 * MINUTE, window, benchWindow);
        assertEquals(5, path.size());
        assertEquals(r.getAbnormalReturn(), path.get(4), "bit for bit: the same expression");
        assertEquals(0.0, path.get(0), "no tick of either in the first minute: P0 and B0");
        double beta = est.fit().beta();
        double p0 = est.baselinePrice();
        double b0 = est.benchmarkBaseline();
        assertEquals((103.0 / p0 - 1) - beta * (b0 / b0 - 1), path.get(2), 1e-15, "minute 3: the stock's tick only");
        assertEquals((104.0 / p0 - 1) - beta * (505.0 / b0 - 1), path.get(3), 1e-15, "minute 4: both");
        assertEquals(0.0, path.get(1), "minute 2: the stock's first tick is 5 ms later");
    }

    /** Each stretch is the first grid point at or after the trade, for every horizon shape and edge. */
    @Test
    void aTradeFallsInTheStretchOfTheFirstPointAtOrAfterIt() {
        for (long h : new long[] {
            90_000L,
            5 * MINUTE,
            60 * MINUTE,
            390 * MINUTE,
            390 * MINUTE + 1,
            400 * MINUTE,
            420 * MINUTE,
            420 * MINUTE + 7,
            1440 * MINUTE,
            5 * 1440 * MINUTE
        }) {
            List<Long> grid = CarPath.grid(h);
            PathSlots slots = new PathSlots(0, h);
            java.util.Random random = new java.util.Random(h);
            for (int k = 0; k < 5_000; k++) {
                long d = k < grid.size()
                        ? grid.get(k)
                        : k < 2 * grid.size()
                                ? grid.get(k - grid.size()) + 1
                                : 1 + (long) (random.nextDouble() * (h - 1));
                if (d > h) {
                    continue;
                }
                int expected = 0;
                while (grid.get(expected) < d) {
                    expected++;
                }
                assertEquals(expected, slots.slot(d), "h " + h + ", d " + d);
            }
        }
    }

    /** The path a window's statistics keep, its trades folded in any order, is the path over its ticks in order. */
    @Test
    void thePathOfAWindowsStatisticsEqualsThePathOverItsTicks() {
        java.util.Random random = new java.util.Random(3);
        long t0 = 1_000_000L * MINUTE + 12_345;
        TickSeries stock = new TickSeries();
        TickSeries bench = new TickSeries();
        for (int m = 0; m < 120; m++) {
            stock.add(t0 - (120 - m) * MINUTE, 100 + random.nextInt(9) * 0.1, 10);
            bench.add(t0 - (120 - m) * MINUTE + 1000, 500 + random.nextInt(9) * 0.2, 10);
        }
        ReactionCalculator calc =
                new ReactionCalculator(150 * MINUTE, 10, NormalModel.MARKET, 0.005, SessionConfig.defaults());
        Estimate est = calc.estimate(t0, stock, bench);
        for (long h : new long[] {5 * MINUTE, 1440 * MINUTE}) {
            List<long[]> trades = new java.util.ArrayList<>(); // ts, price in cents, 0 stock / 1 benchmark
            for (int i = 0; i < 3_000; i++) {
                long ts = t0 + 1 + (long) (random.nextDouble() * h * (random.nextInt(5) == 0 ? 0.01 : 1));
                trades.add(new long[] {Math.min(ts, t0 + h), 10_000 + random.nextInt(300), random.nextInt(2)});
            }
            trades.add(new long[] {t0 + h, 10_111, 0}); // on the last point
            WindowStats folded = new WindowStats(t0, h);
            java.util.Collections.shuffle(trades, random); // arrival order
            for (long[] t : trades) {
                if (t[2] == 0) {
                    folded.addStock(t[0], t[1] / 100.0, 1);
                } else {
                    folded.addBench(t[0], t[1] / 100.0 * 5);
                }
            }
            // the same ticks in processing order: by time, equal times in arrival order
            List<long[]> ordered = new java.util.ArrayList<>(trades);
            ordered.sort(java.util.Comparator.comparingLong(t -> t[0]));
            TickSeries window = new TickSeries();
            TickSeries benchWindow = new TickSeries();
            for (long[] t : ordered) {
                if (t[2] == 0) {
                    window.add(t[0], t[1] / 100.0, 1);
                } else {
                    benchWindow.add(t[0], t[1] / 100.0 * 5, 1);
                }
            }
            assertEquals(CarPath.of(est, h, window, benchWindow), CarPath.of(est, folded), "h " + h);
        }
    }
}
