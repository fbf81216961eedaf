package com.marketreactions.streams.topology;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.schema.MarketReaction;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inputs that run at different speeds: a reaction waits for the slower one, and nothing it needs is lost. */
class TimeAlignmentTest {

    private static ReactionConfig fiveMinutes() {
        return ReactionConfig.defaults()
                .withHorizons(List.of(Horizon.parse("PT5M")))
                .withProvisionalInterval(Duration.ZERO);
    }

    @Test
    void aFeedMinutesBehindAnotherInTheSamePartitionLosesNoTickOfAnOpenWindow() {
        try (TopologyFixture f = new TopologyFixture(fiveMinutes())) {
            f.tick("SPY", ofSeconds(-30), 500.0, 1);
            f.tick("AMZN", ofSeconds(-20), 100.0, 1);
            f.news("n1", Duration.ZERO, "Microsoft", "MSFT");
            f.news("n2", Duration.ZERO, "Amazon", "AMZN");
            f.newsEnded(); // all the news there is
            // AMZN and SPY run 15 minutes ahead of MSFT's feed
            for (int m = 1; m <= 15; m++) {
                f.tick("AMZN", ofMinutes(m), 100.0 + m, 1);
                f.tick("SPY", ofMinutes(m), 500.0 + m, 1);
            }
            assertEquals(
                    List.of("AMZN"),
                    f.output().stream().map(MarketReaction::getTicker).toList(),
                    "AMZN's window closed by its own clock; MSFT's waits for MSFT's ticks");
            f.tick("MSFT", ofSeconds(-10), 400.0, 1);
            f.tick("MSFT", ofMinutes(1), 404.0, 7);
            f.tick("MSFT", ofMinutes(3), 408.0, 7);
            f.tick("MSFT", ofMinutes(5), 412.0, 7);
            assertTrue(f.output().isEmpty(), "MSFT's clock is at T0+5m: its window is still open");
            f.tick("MSFT", ofMinutes(7), 416.0, 7);
            MarketReaction msft = f.output().get(0);
            assertEquals(3, msft.getTickCount(), "every MSFT tick of (T0, T0+5m], 10 minutes behind AMZN's clock");
            assertEquals(0.03, msft.getRawReturn(), 1e-12);
            assertEquals(0.01, msft.getBenchmarkReturn(), 1e-12, "SPY at T0+5m (505) against 500");
            // nothing late or stalled: only what a few seconds of history lack
            assertEquals(List.of("SHORT_ESTIMATION", "FEW_VOLUME_MINUTES"), msft.getFlags());
        }
    }

    @Test
    void aBenchmarkBehindTheStockHoldsTheReactionAndItsHistoryUntilItArrives() {
        // as in a replay: the wall clock after the data and out of play
        try (TopologyFixture f = new TopologyFixture(fiveMinutes().withIdleTimeout(Duration.ofDays(3650)))) {
            f.driver.advanceWallClockTime(Duration.ofDays(13));
            f.tick("SPY", ofSeconds(-30), 500.0, 1);
            f.tick("AMZN", ofSeconds(-20), 100.0, 1);
            f.news("n1", Duration.ZERO, "Amazon", "AMZN");
            f.newsEnded(); // all the news there is
            // AMZN runs 12 days ahead (far beyond E + max horizon) while the benchmark stays at T0
            f.tick("AMZN", ofMinutes(2), 102.0, 1);
            for (int d = 1; d <= 12; d++) {
                f.tick("AMZN", Duration.ofDays(d), 200.0 + d, 1);
            }
            assertTrue(f.output().isEmpty(), "the benchmark has not passed the close");
            f.tick("SPY", ofMinutes(4), 505.0, 1);
            f.tick("SPY", ofMinutes(7), 510.0, 1);
            MarketReaction r = f.output().get(0);
            assertEquals(100.0, r.getBaselinePrice(), "the stock's history before T0 was kept for it");
            assertEquals(102.0, r.getEndPrice());
            assertEquals(0.01, r.getBenchmarkReturn(), 1e-12);
            // nothing late or stalled: only what a few seconds of history lack
            assertEquals(List.of("SHORT_ESTIMATION", "FEW_VOLUME_MINUTES"), r.getFlags());
        }
    }

    @Test
    void aSilentBenchmarkIsWaitedForAndOnlyThenFinalizedFlagged() {
        ReactionConfig config = fiveMinutes().withIdleTimeout(ofSeconds(10)).withBenchmarkWait(ofSeconds(60));
        try (TopologyFixture f = new TopologyFixture(config)) {
            f.tick("SPY", ofSeconds(-30), 500.0, 1);
            f.tick("AMZN", ofSeconds(-20), 100.0, 1);
            f.news("n1", Duration.ZERO, "Amazon", "AMZN");
            // the stock keeps trading, one tick per 5 s of wall time, while the benchmark is silent
            for (int i = 1; i <= 11; i++) {
                f.driver.advanceWallClockTime(ofSeconds(5));
                f.tick("AMZN", ofMinutes(i), 100.0 + i, 1);
            }
            assertTrue(f.output().isEmpty(), "55 s of silence, beyond the idle timeout: still waiting");
            f.driver.advanceWallClockTime(ofSeconds(5));
            f.tick("AMZN", ofMinutes(12), 112.0, 1);
            List<MarketReaction> out = f.output();
            assertEquals(1, out.size(), "60 s of silence: finalized without the benchmark");
            MarketReaction r = out.get(0);
            assertTrue(r.getFlags().contains("BENCHMARK_STALLED"), r.getFlags().toString());
            assertEquals(0.05, r.getRawReturn(), 1e-12, "the stock's numbers are complete");
            assertEquals(0.0, r.getBenchmarkReturn(), 1e-12, "the benchmark's as far as it came");
        }
    }

    @Test
    void aWhollySilentTaskFinalizesByTheWallClockUnflagged() {
        ReactionConfig config = fiveMinutes().withIdleTimeout(ofSeconds(10)).withBenchmarkWait(ofSeconds(60));
        try (TopologyFixture f = new TopologyFixture(config)) {
            f.tick("SPY", ofSeconds(-30), 500.0, 1);
            f.tick("AMZN", ofSeconds(-20), 100.0, 1);
            f.news("n1", Duration.ZERO, "Amazon", "AMZN");
            f.tick("AMZN", ofMinutes(2), 102.0, 1);
            f.tick("SPY", ofMinutes(2), 505.0, 1);
            f.driver.advanceWallClockTime(ofSeconds(9));
            assertTrue(f.output().isEmpty());
            f.driver.advanceWallClockTime(ofMinutes(7)); // the market closed: event time follows the wall clock
            MarketReaction r = f.output().get(0);
            assertFalse(r.getFlags().contains("BENCHMARK_STALLED"), r.getFlags().toString());
            assertEquals(0.01, r.getBenchmarkReturn(), 1e-12);
        }
    }

    @Test
    void aQuietSymbolFollowsItsPartitionAfterTheIdleTimeout() {
        ReactionConfig config = fiveMinutes().withIdleTimeout(ofSeconds(10));
        try (TopologyFixture f = new TopologyFixture(config)) {
            f.tick("SPY", ofSeconds(-30), 500.0, 1);
            f.tick("MSFT", ofSeconds(-20), 400.0, 1);
            f.news("n1", Duration.ZERO, "Microsoft", "MSFT");
            for (int i = 1; i <= 8; i++) {
                f.driver.advanceWallClockTime(ofSeconds(2));
                f.tick("AMZN", ofMinutes(i), 100.0 + i, 1);
                f.tick("SPY", ofMinutes(i), 500.0 + i, 1);
            }
            Map<String, MarketReaction> out = f.byTickerAndHorizon(f.output());
            assertEquals(1, out.size(), "MSFT, silent for 16 s of wall time, follows AMZN's clock");
            assertTrue(out.get("MSFT PT5M").getFlags().contains("NO_TICKS_IN_WINDOW"));
            assertNull(out.get("MSFT PT5M").getFirstPrice());
        }
    }
}
