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
}
