package com.marketreactions.streams.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamTimeTest {

    private static final long IDLE = 10_000;
    private static final long WAIT = 60_000;

    @Test
    void aReactionIsCompleteUpToTheSlowerOfItsTickerAndTheBenchmark() {
        StreamTime t = new StreamTime("SPY", 1, IDLE, WAIT, 0);
        t.tick("AMZN", 5_000, 0);
        t.tick("SPY", 3_000, 0);
        t.newsProgress(0, 9_000);
        assertEquals(3_000, t.reactionTime("AMZN", 5_000, 0));
        assertEquals(3_000, t.reactionTime("SPY", 3_000, 0), "the benchmark's own reactions follow its clock");
        assertEquals(1_000, t.reactionTime("MSFT", 1_000, 0), "another symbol's clock never moves MSFT's");
        assertEquals(3_000, t.taskTime(0));
        t.end();
        assertEquals(StreamTime.END, t.reactionTime("MSFT", 1_000, 0));
    }

    @Test
    void beforeBothInputsHaveTicksTheTaskHasNoTime() {
        StreamTime t = new StreamTime("SPY", 1, IDLE, WAIT, 0);
        t.tick("AMZN", 5_000, 0);
        assertEquals(StreamTime.NONE, t.taskTime(0));
    }

    @Test
    void aSilentBenchmarkWaitsWhileStocksTradeThenStalls() {
        StreamTime t = new StreamTime("SPY", 1, IDLE, WAIT, 0);
        t.tick("SPY", 1_000, 0);
        t.tick("AMZN", 90_000, 59_000);
        assertEquals(1_000, t.benchmarkTime(59_000), "past the idle timeout, short of the wait: waiting");
        assertFalse(t.benchmarkStalled(59_000));
        assertTrue(t.benchmarkStalled(60_000));
        assertEquals(90_000, t.benchmarkTime(60_000), "then it follows the stocks");
    }

    @Test
    void whenEverythingIsSilentEventTimeFollowsTheWallClock() {
        StreamTime t = new StreamTime("SPY", 1, IDLE, WAIT, 0);
        t.tick("SPY", 1_000, 0);
        t.tick("AMZN", 2_000, 0);
        assertEquals(1_000, t.reactionTime("AMZN", 2_000, 9_999), "the benchmark is behind");
        assertEquals(1_000, t.reactionTime("AMZN", 2_000, 15_000), "no partition has reported quiet yet");
        t.quiet(0, 14_500);
        assertEquals(2_000 + 5_000, t.reactionTime("AMZN", 2_000, 15_000), "5 s after the idle timeout ran out");
        assertFalse(t.benchmarkStalled(15_000), "a closed market is not a stalled benchmark");
    }

    @Test
    void aQuietSymbolFollowsTheNewestOwnTick() {
        StreamTime t = new StreamTime("SPY", 1, IDLE, WAIT, 0);
        t.tick("MSFT", 1_000, 0);
        t.tick("SPY", 50_000, 12_000);
        t.tick("AMZN", 50_000, 12_000);
        assertEquals(50_000, t.symbolTime("MSFT", 1_000, 12_000));
        assertEquals(1_000, t.symbolTime("MSFT", 1_000, 9_000), "not before the idle timeout");
    }

    @Test
    void aPartitionThatStopsReportingKeepsTheMarketOpenAndTheBenchmarkWaitsUpToItsBound() {
        StreamTime t = new StreamTime("SPY", 2, IDLE, WAIT, 0);
        t.tick("SPY", 1_000, 0);
        t.tick("AMZN", 90_000, 0);
        t.quiet(0, 20_000); // this task's partition is quiet; partition 1 (the benchmark's) says nothing
        assertEquals(1_000, t.benchmarkTime(20_000), "everything silent, but not every partition is quiet: wait");
        assertFalse(t.benchmarkStalled(59_999));
        assertTrue(t.benchmarkStalled(60_000));
        assertEquals(90_000, t.benchmarkTime(60_000), "after the wait it follows the stocks (flagged)");
        t.quiet(0, 70_000);
        t.quiet(1, 70_000);
        assertFalse(t.benchmarkStalled(70_000), "both partitions quiet: the market is closed");
    }

    @Test
    void theSlowestNewsPartitionBoundsTheTaskTime() {
        StreamTime t = tradingAt50s();
        assertTrue(t.newsProgress(0, 2_000));
        assertEquals(StreamTime.NONE, t.taskTime(0), "news partition 1 has said nothing: no news is late yet");
        assertTrue(t.newsProgress(1, 4_000));
        assertFalse(t.newsProgress(1, 3_000), "progress never goes back");
        assertEquals(2_000, t.taskTime(0), "the news input is behind the trades: it is the task's time");
        assertEquals(2_000, t.newsTime(0), "news up to 2000 has arrived from both partitions");
        t.newsProgress(0, StreamTime.END);
        assertEquals(4_000, t.taskTime(0));
        t.newsProgress(1, StreamTime.END);
        assertEquals(50_000, t.taskTime(0), "both ended: the trades' time");
        assertEquals(StreamTime.END, t.newsTime(0));
    }

    @Test
    void aQuietNewsPartitionHoldsNothingWhileItsHeartbeatIsFresh() {
        StreamTime t = tradingAt50s();
        t.newsProgress(0, 40_000);
        t.newsQuiet(1, 1_000);
        assertEquals(40_000, t.taskTime(1_000), "partition 1 is quiet: partition 0 alone is behind");
        assertEquals(40_000, t.taskTime(1_000 + IDLE));
        assertEquals(StreamTime.NONE, t.taskTime(2_000 + IDLE), "no heartbeat within the idle timeout: unknown again");
        restored(t);
    }

    /** The progress a task kept comes back after a restart; what it never heard stays unknown. */
    private static void restored(StreamTime before) {
        StreamTime t = tradingAt50s();
        t.restoreNews(new long[] {before.newsProgress(0), before.newsProgress(1)});
        assertEquals(StreamTime.NONE, t.newsTime(0));
        t.newsQuiet(1, 0);
        assertEquals(40_000, t.newsTime(0));
    }

    /** Two partitions, a stock and the benchmark both at 50 s, nothing heard from the news input yet. */
    private static StreamTime tradingAt50s() {
        StreamTime t = new StreamTime("SPY", 2, IDLE, WAIT, 0);
        t.tick("AMZN", 50_000, 0);
        t.tick("SPY", 50_000, 0);
        return t;
    }
}
