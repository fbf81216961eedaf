package com.marketreactions.streams.topology;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.Trades;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cancels and corrections of earlier trades: applied to every window still open when they arrive, never to one
 * whose FINAL is out (docs/reactions.md#cancels-and-corrections).
 */
class AmendmentTopologyTest {

    private static final String VENUE = "XNAS";

    private static void trade(TopologyFixture f, String symbol, Duration at, double price, long size, String id) {
        f.send(Trades.trade(symbol, TopologyFixture.T0.plus(at), price, size, VENUE, id));
    }

    private static void cancel(TopologyFixture f, String symbol, Duration sentAt, String id) {
        f.send(Trades.cancel(symbol, TopologyFixture.T0.plus(sentAt), 1.0, 1.0, VENUE, id));
    }

    /** AMZN and SPY before T0, the news, and AMZN's trades up to T0 + 3m (the one at 2m, 120.0, to be cancelled). */
    private static void start(TopologyFixture f) {
        trade(f, "SPY", ofSeconds(-20), 500.0, 100, "s1");
        trade(f, "AMZN", ofSeconds(-10), 100.0, 10, "a1");
        f.news("n1", Duration.ZERO, "Amazon news", "AMZN");
        f.newsEnded();
        trade(f, "AMZN", ofMinutes(1), 101.0, 20, "a2");
        trade(f, "SPY", ofSeconds(90), 501.0, 100, "s2"); // both clocks past T0 + G: updates from now on
        trade(f, "AMZN", ofMinutes(2), 120.0, 30, "a3");
        trade(f, "AMZN", ofMinutes(3), 102.0, 40, "a4");
        trade(f, "SPY", ofMinutes(3), 502.0, 100, "s3");
    }

    private static void closeAll(TopologyFixture f) {
        trade(f, "AMZN", ofMinutes(40), 103.0, 1, "a9");
        trade(f, "SPY", ofMinutes(40), 503.0, 1, "s9");
    }

    @Test
    void aCancelTakesItsTradeOutOfAWindowAlreadyUpdatedTickByTick() {
        ReactionConfig config = ReactionConfig.defaults()
                .withHorizons(List.of(Horizon.parse("PT5M")))
                .withProvisionalInterval(Duration.ofSeconds(1));
        try (TopologyFixture f = new TopologyFixture(config)) {
            start(f);
            List<MarketReaction> provisional = f.output();
            assertTrue(
                    provisional.stream()
                            .anyMatch(r -> r.getStatus() == ReactionStatus.PROVISIONAL && r.getHigh() == 120.0),
                    "the window was followed tick by tick and held the trade: " + provisional);
            cancel(f, "AMZN", ofMinutes(3).plusSeconds(5), "a3");
            closeAll(f);
            MarketReaction r = f.byTickerAndHorizon(f.output()).get("AMZN PT5M");
            assertEquals(ReactionStatus.FINAL, r.getStatus());
            assertEquals(2, r.getTickCount());
            assertEquals(60.0, r.getVolume());
            assertEquals(102.0, r.getHigh(), "the cancelled 120 is gone");
            assertEquals(1.0, f.metricTotal("trades-amended-total"));
            assertEquals(0.0, f.metricTotal("trades-amended-late-total"));
        }
    }

    @Test
    void aCancelAfterAWindowClosedLeavesItsFinalAndStillCountsForTheLongerWindow() {
        try (TopologyFixture f = new TopologyFixture("PT5M", "PT30M")) {
            start(f);
            trade(f, "AMZN", ofMinutes(7), 104.0, 1, "a5");
            trade(f, "SPY", ofMinutes(7), 504.0, 1, "s5");
            Map<String, MarketReaction> closed = f.byTickerAndHorizon(f.output());
            assertEquals(120.0, closed.get("AMZN PT5M").getHigh());
            assertEquals(ReactionStatus.FINAL, closed.get("AMZN PT5M").getStatus());

            cancel(f, "AMZN", ofMinutes(7).plusSeconds(1), "a3");
            closeAll(f);
            Map<String, MarketReaction> last = f.byTickerAndHorizon(f.output());
            assertEquals(1, last.size(), "the PT5M FINAL is not withdrawn or repeated: " + last.keySet());
            MarketReaction r30 = last.get("AMZN PT30M");
            assertEquals(104.0, r30.getHigh(), "the PT30M window was open: the trade is out of it");
            assertEquals(1.0, f.metricTotal("trades-amended-late-total"), "a window of the trade had closed");
        }
    }

    @Test
    void aCorrectionReplacesPriceAndSizeAtTheTradesTime() {
        try (TopologyFixture f = new TopologyFixture("PT5M")) {
            start(f);
            f.send(Trades.correction(
                    "AMZN", TopologyFixture.T0.plus(ofMinutes(3).plusSeconds(30)), 102.5, 35, VENUE, "a3c", "a3"));
            cancel(f, "AMZN", ofMinutes(3).plusSeconds(40), "a4"); // the last trade goes: the corrected one is last
            closeAll(f);
            MarketReaction r = f.byTickerAndHorizon(f.output()).get("AMZN PT5M");
            assertEquals(102.5, r.getHigh());
            assertEquals(102.5, r.getEndPrice());
            assertEquals(TopologyFixture.T0.plus(ofMinutes(2)), r.getEndTime(), "at the corrected trade's time");
            assertEquals(55.0, r.getVolume());
            assertEquals(2, r.getTickCount());
        }
    }

    @Test
    void aCancelOfTheBenchmarkMovesEveryWindowsBenchmarkSide() {
        try (TopologyFixture f = new TopologyFixture("PT5M")) {
            start(f);
            cancel(f, "SPY", ofMinutes(3).plusSeconds(1), "s3");
            closeAll(f);
            MarketReaction r = f.byTickerAndHorizon(f.output()).get("AMZN PT5M");
            assertEquals(
                    501.0 / 500.0 - 1,
                    r.getBenchmarkReturn(),
                    1e-12,
                    "the benchmark's last trade is the one at 90 s now");
        }
    }

    @Test
    void aCancelNamingNoTradeOrOnAnotherVenueChangesNothingAndIsCounted() {
        try (TopologyFixture f = new TopologyFixture("PT5M")) {
            start(f);
            cancel(f, "AMZN", ofMinutes(3).plusSeconds(1), "nope");
            f.send(Trades.cancel("AMZN", TopologyFixture.T0.plus(ofMinutes(3)), 1.0, 1.0, "XNYS", "a3"));
            cancel(f, "MSFT", ofMinutes(3), "a3"); // a symbol without any trade
            closeAll(f);
            MarketReaction r = f.byTickerAndHorizon(f.output()).get("AMZN PT5M");
            assertEquals(120.0, r.getHigh());
            assertEquals(3, r.getTickCount());
            assertEquals(3.0, f.metricTotal("amendments-unmatched-total"));
            assertEquals(0.0, f.metricTotal("trades-amended-total"));
        }
    }
}
