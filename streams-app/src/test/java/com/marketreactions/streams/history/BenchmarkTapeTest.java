package com.marketreactions.streams.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.marketreactions.streams.reaction.TickSeries;
import com.marketreactions.streams.time.StreamTime;
import org.junit.jupiter.api.Test;

/** When the tape may stand for a read of the benchmark's history, and when a window must read the history. */
class BenchmarkTapeTest {

    @Test
    void inOrderTradesAreOnTheTapeInArrivalOrder() {
        BenchmarkTape tape = new BenchmarkTape();
        tape.add(1_000, 500.0, 1, StreamTime.NONE);
        tape.add(2_000, 501.0, 1, 1_000);
        tape.add(2_000, 502.0, 1, 2_000); // an equal time is in order: after the one before it
        tape.add(3_000, 503.0, 1, 2_000);
        TickSeries t = tape.window(999, 3_000);
        assertNotNull(t);
        int from = t.firstAtOrAfter(1_000);
        int to = t.lastAtOrBefore(3_000);
        assertEquals(4, to - from + 1);
        assertEquals(502.0, t.price(t.lastAtOrBefore(2_000)), "of equal times the later arrival is last");
    }

    @Test
    void aWindowWithATradeOutOfOrderInsideItIsReadFromTheHistory() {
        BenchmarkTape tape = new BenchmarkTape();
        tape.add(1_000, 500.0, 1, StreamTime.NONE);
        tape.add(5_000, 501.0, 1, 1_000);
        tape.add(3_000, 502.0, 1, 5_000); // behind the clock: seen or not depending on the close
        assertNull(tape.window(2_000, 4_000), "(2000, 4000] holds it");
        assertNull(tape.window(2_999, 3_000), "(2999, 3000] holds it");
        assertNotNull(tape.window(3_000, 6_000), "(3000, 6000] does not");
        assertNotNull(tape.window(0, 2_999), "(0, 2999] does not");
    }

    @Test
    void afterARestartTheTapeHoldsOnlyWhatCameAfterTheClock() {
        BenchmarkTape tape = new BenchmarkTape();
        assertNull(tape.window(0, 10_000), "nothing on the tape yet");
        tape.add(9_000, 500.0, 1, 8_000); // the clock was 8000 before the restart: the history has up to 8000
        assertNull(tape.window(7_000, 10_000), "starts before what the tape holds");
        assertNull(tape.window(7_999, 10_000), "a trade at 8000 may be in the history only");
        assertNotNull(tape.window(8_000, 10_000));
    }

    @Test
    void trimmedTradesAreGoneAndWindowsBeforeTheCutReadTheHistory() {
        BenchmarkTape tape = new BenchmarkTape();
        tape.add(1_000, 500.0, 1, StreamTime.NONE);
        tape.add(2_000, 501.0, 1, 1_000);
        tape.add(1_500, 502.0, 1, 2_000);
        tape.add(3_000, 503.0, 1, 2_000);
        tape.dropBefore(2_000);
        assertNull(tape.window(1_000, 3_000));
        TickSeries t = tape.window(1_999, 3_000);
        assertNotNull(t, "the trade out of order at 1500 went with the cut");
        assertEquals(2, t.size());
        assertEquals(2_000, t.ts(0));
    }
}
