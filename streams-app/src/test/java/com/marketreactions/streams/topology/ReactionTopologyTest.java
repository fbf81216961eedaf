package com.marketreactions.streams.topology;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.InputLimits;
import com.marketreactions.schema.Direction;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReactionTopologyTest {

    private static final double EPS = 1e-12;

    /** AMZN and SPY before T0 = 15:00. Stream time is per symbol: each has its own clock. */
    private static void before(TopologyFixture f) {
        f.tick("SPY", ofSeconds(-20), 500.0, 100);
        f.tick("AMZN", ofSeconds(-10), 100.0, 10);
    }

    /** AMZN and SPY after T0, up to T0 + 25m. */
    private static void after(TopologyFixture f) {
        f.tick("AMZN", ofMinutes(1), 101.0, 20);
        f.tick("SPY", ofMinutes(2), 505.0, 100);
        f.tick("AMZN", ofMinutes(3), 103.0, 30);
        f.tick("AMZN", ofMinutes(20), 99.0, 40);
        f.tick("SPY", ofMinutes(25), 510.0, 100);
    }

    @Test
    void emitsOneFinalReactionPerHorizonOnceStreamTimePassesCloseAndGrace() {
        try (TopologyFixture f = new TopologyFixture("PT5M", "PT30M")) {
            before(f);
            f.news("n1", Duration.ZERO, "Amazon news", "AMZN");
            f.newsEnded(); // all the news there is
            f.tick("AMZN", ofMinutes(1), 101.0, 20);
            f.tick("SPY", ofMinutes(2), 505.0, 100);
            f.tick("AMZN", ofMinutes(3), 103.0, 30);
            assertTrue(f.output().isEmpty(), "nothing is final before the windows close");

            f.tick("AMZN", ofMinutes(6), 104.0, 5);
            f.tick("SPY", ofMinutes(6), 506.0, 5);
            assertTrue(f.output().isEmpty(), "PT5M closes at T0+5m+G(1m): a tick at T0+6m is not past it");
            f.tick("AMZN", ofMinutes(6).plusMillis(1), 104.0, 5);
            assertTrue(f.output().isEmpty(), "the benchmark's clock is still at T0+6m");
            f.tick("SPY", ofMinutes(6).plusMillis(1), 506.0, 5);
            List<MarketReaction> first = f.output();
            assertEquals(1, first.size());
            MarketReaction r5 = first.get(0);
            assertEquals("PT5M", r5.getHorizon());
            assertEquals(ReactionStatus.FINAL, r5.getStatus());
            assertEquals(100.0, r5.getBaselinePrice());
            assertEquals(TopologyFixture.T0.minusSeconds(10), r5.getBaselineTime());
            assertEquals(103.0, r5.getEndPrice());
            assertEquals(101.0, r5.getFirstPrice());
            assertEquals(0.03, r5.getRawReturn(), EPS);
            assertEquals(103.0, r5.getHigh());
            assertEquals(101.0, r5.getLow());
            assertEquals(0.03, r5.getMaxRunup(), EPS);
            assertEquals(0.01, r5.getMaxDrawdown(), EPS);
            assertEquals(2, r5.getTickCount());
            assertEquals(50, r5.getVolume());
            assertEquals(Direction.UP, r5.getDirection());
            assertEquals(0.01, r5.getBenchmarkReturn(), EPS);

            f.tick("AMZN", ofMinutes(20), 99.0, 40);
            f.tick("SPY", ofMinutes(25), 510.0, 100);
            f.tick("AMZN", ofMinutes(40), 98.0, 5);
            f.tick("SPY", ofMinutes(40), 507.0, 5);
            Map<String, MarketReaction> last = f.byTickerAndHorizon(f.output());
            MarketReaction r30 = last.get("AMZN PT30M");
            assertEquals(1, last.size());
            assertEquals(99.0, r30.getEndPrice());
            assertEquals(-0.01, r30.getRawReturn(), EPS);
            assertEquals(Direction.DOWN, r30.getDirection());
            assertEquals(104.0, r30.getHigh());
            assertEquals(5, r30.getTickCount());
            assertEquals(510.0 / 500.0 - 1, r30.getBenchmarkReturn(), EPS);

            f.endOfInput();
            assertTrue(f.output().isEmpty(), "exactly one FINAL per (news, ticker, horizon)");
            assertEquals(1, f.endMarkers, "the end of input is announced once, after the last reaction");
            f.endOfInput();
            f.output();
            assertEquals(1, f.endMarkers);
        }
    }

    @Test
    void tickBeyondGraceStillCountsForAWindowThatIsOpen() {
        try (TopologyFixture f = new TopologyFixture("PT5M")) {
            before(f);
            f.news("n1", Duration.ZERO, "Amazon", "AMZN");
            f.newsEnded(); // all the news there is
            f.tick("AMZN", ofMinutes(1), 101.0, 20);
            f.tick("AMZN", ofMinutes(3), 103.0, 30);
            f.tick("AMZN", ofMinutes(5).plusSeconds(30), 110.0, 1);
            f.tick("AMZN", ofMinutes(4), 107.0, 1); // 90 s behind the clock (grace 60 s), but the window is open
            f.tick("AMZN", ofMinutes(5), 108.0, 1); // 30 s behind: applied, and the last tick <= T0+5m
            f.tick("SPY", ofMinutes(7), 505.0, 1);
            f.tick("AMZN", ofMinutes(6).plusSeconds(1), 109.0, 1); // closes the window (T0+5m+G)
            f.tick("AMZN", ofMinutes(4).plusSeconds(30), 150.0, 1); // late for the closed window
            MarketReaction r = f.output().get(0);
            assertEquals(108.0, r.getEndPrice());
            assertEquals(4, r.getTickCount(), "ticks at 1m, 3m, 4m (late but the window open) and 5m");
            assertEquals(108.0, r.getHigh(), "not the 150 that came after the window closed");
            f.endOfInput();
            assertTrue(f.output().isEmpty());
        }
    }

    @Test
    void lateTickAfterGraceIsNotAppliedToAClosedWindow() {
        try (TopologyFixture f = new TopologyFixture("PT5M")) {
            before(f);
            f.news("n1", Duration.ZERO, "Amazon", "AMZN");
            f.newsEnded(); // all the news there is
            f.tick("SPY", ofMinutes(7), 505.0, 1);
            f.tick("AMZN", ofMinutes(7), 104.0, 1);
            assertEquals(1, f.output().size());
            f.tick("AMZN", ofMinutes(4), 150.0, 1);
            f.endOfInput();
            assertTrue(f.output().isEmpty(), "a late tick re-emits nothing");
        }
    }

    @Test
    void equalTimestampsAreOrderedByInputPosition() {
        try (TopologyFixture f = new TopologyFixture("PT5M")) {
            f.tick("SPY", ofSeconds(-1), 500.0, 1);
            f.tick("AMZN", Duration.ZERO, 100.0, 1);
            f.tick("AMZN", Duration.ZERO, 100.5, 1); // same ts, later in the input: this is the baseline
            f.tick("AMZN", ofMinutes(2), 102.0, 1);
            f.tick("AMZN", ofMinutes(2), 101.0, 1); // same ts, later: this is the end
            f.news("n1", Duration.ZERO, "Amazon", "AMZN");
            f.endOfInput();
            MarketReaction r = f.output().get(0);
            assertEquals(100.5, r.getBaselinePrice());
            assertEquals(101.0, r.getEndPrice());
            assertEquals(102.0, r.getHigh());
            assertEquals(2, r.getTickCount());
        }
    }

    @Test
    void noBaselineLeavesPriceFieldsNullButCountsTheWindow() {
        try (TopologyFixture f = new TopologyFixture("PT5M")) {
            f.tick("SPY", ofSeconds(-1), 500.0, 1);
            f.tick("NEWCO", ofMinutes(1), 10.0, 7);
            f.tick("NEWCO", ofMinutes(2), 11.0, 8);
            f.news("n1", Duration.ZERO, "NewCo lists", "NEWCO");
            f.endOfInput();
            MarketReaction r = f.output().get(0);
            assertNull(r.getBaselinePrice());
            assertNull(r.getRawReturn());
            assertNull(r.getMaxRunup());
            assertNull(r.getDirection());
            assertNull(r.getBenchmarkReturn());
            assertEquals(11.0, r.getEndPrice());
            assertEquals(2, r.getTickCount());
            assertEquals(15, r.getVolume());
            assertEquals(11.0, r.getHigh());
            assertTrue(r.getFlags().contains("NO_BASELINE"));
            assertEquals("NONE", r.getModel().name());
        }
    }

    @Test
    void emptyWindowEndsAtTheBaseline() {
        try (TopologyFixture f = new TopologyFixture("PT5M")) {
            f.tick("AMZN", ofMinutes(-3), 100.0, 1);
            f.tick("SPY", ofSeconds(-1), 500.0, 1);
            f.news("n1", Duration.ZERO, "Amazon", "AMZN");
            f.newsEnded(); // all the news there is
            f.tick("AMZN", ofMinutes(10), 120.0, 1);
            f.tick("SPY", ofMinutes(10), 500.0, 1);
            MarketReaction r = f.output().get(0);
            assertEquals(100.0, r.getBaselinePrice());
            assertEquals(100.0, r.getEndPrice());
            assertEquals(0.0, r.getRawReturn());
            assertEquals(0, r.getTickCount());
            assertNull(r.getHigh());
            assertNull(r.getFirstPrice());
            assertEquals(Direction.FLAT, r.getDirection());
            assertTrue(r.getFlags().contains("NO_TICKS_IN_WINDOW"));
        }
    }

    @Test
    void newsBetweenTicksTakesTheLastTickAtOrBeforeItAsBaseline() {
        try (TopologyFixture f = new TopologyFixture("PT5M")) {
            f.tick("SPY", ofMinutes(-1), 500.0, 1);
            f.tick("AMZN", ofSeconds(-30), 100.0, 1);
            f.tick("AMZN", Duration.ZERO, 101.0, 1); // exactly at T0: still the baseline side
            f.tick("AMZN", ofSeconds(1), 102.0, 1);
            f.news("n1", Duration.ZERO, "Amazon", "AMZN");
            f.endOfInput();
            MarketReaction r = f.output().get(0);
            assertEquals(101.0, r.getBaselinePrice());
            assertEquals(102.0, r.getFirstPrice());
            assertEquals(1, r.getTickCount());
        }
    }

    @Test
    void aBlankAliasOrAnAliasToNoTickerResolvesNothing() {
        try (TopologyFixture f = new TopologyFixture("PT5M")) {
            f.aliases.pipeInput("  ", "MSFT"); // another producer than ours may write these
            f.aliases.pipeInput("Azure", "not a ticker");
            f.aliases.pipeInput("AWS", "amzn");
            before(f);
            f.news("n1", Duration.ZERO, "Azure and AWS, both up", new String[0]);
            f.endOfInput();
            assertEquals(
                    List.of("AMZN"),
                    f.output().stream().map(MarketReaction::getTicker).toList());
        }
    }

    /**
     * A news event whose text names more companies than {@code news.max.tickers} allows: its explicit tickers, then
     * those of its aliases in the alias table's order, up to the limit; every reaction carries that list.
     */
    @Test
    void aNewsEventResolvesToAtMostTheTickerLimit() {
        ReactionConfig config = ReactionConfig.defaults()
                .withHorizons(List.of(Horizon.parse("PT5M")))
                .withProvisionalInterval(Duration.ZERO);
        config = config.withLimits(new InputLimits(3, 50, 1_000, 20_000, Duration.ofMinutes(1), Duration.ofMinutes(1)));
        try (TopologyFixture f = new TopologyFixture(config)) {
            f.aliases.pipeInput("Nvidia", "NVDA");
            f.aliases.pipeInput("Microsoft", "MSFT");
            f.aliases.pipeInput("Google", "GOOGL");
            before(f);
            f.news("n1", Duration.ZERO, "Microsoft, Nvidia and Google in the Amazon deal", "AMZN");
            f.endOfInput();
            List<MarketReaction> out = f.output();
            assertEquals(
                    List.of("AMZN", "GOOGL", "MSFT"),
                    out.stream().map(MarketReaction::getTicker).sorted().toList());
            for (MarketReaction r : out) {
                assertEquals(List.of("AMZN", "GOOGL", "MSFT"), r.getNewsTickers());
            }
        }
    }

    @Test
    void everyTickerAndHorizonOfANewsEventGetsOneReaction() {
        try (TopologyFixture f = new TopologyFixture("PT5M", "PT30M", "PT1H")) {
            f.aliases.pipeInput("Microsoft", "MSFT");
            f.tick("MSFT", ofMinutes(-1), 500.0, 1);
            before(f);
            after(f);
            f.tick("MSFT", ofMinutes(25), 495.0, 1);
            f.news("n1", Duration.ZERO, "Amazon deal weighs on Microsoft", "AMZN");
            f.endOfInput();
            Map<String, MarketReaction> out = f.byTickerAndHorizon(f.output());
            assertEquals(6, out.size(), out.keySet().toString());
            assertEquals(-0.01, out.get("MSFT PT30M").getRawReturn(), EPS);
            assertEquals(List.of("AMZN", "MSFT"), out.get("MSFT PT1H").getNewsTickers());
        }
    }

    @Test
    void benchmarkItselfIsFlaggedAndHasNoModel() {
        try (TopologyFixture f = new TopologyFixture("PT5M")) {
            before(f);
            after(f);
            f.news("n1", Duration.ZERO, "Market", "SPY");
            f.endOfInput();
            MarketReaction r = f.output().get(0);
            assertTrue(r.getFlags().contains("IS_BENCHMARK"));
            assertEquals(0.01, r.getRawReturn(), EPS);
            assertNull(r.getBenchmarkReturn());
        }
    }

    @Test
    void repeatedNewsEventIsReactedToOnce() {
        try (TopologyFixture f = new TopologyFixture("PT5M")) {
            before(f);
            f.news("n1", Duration.ZERO, "Amazon", "AMZN");
            f.news("n1", Duration.ZERO, "Amazon", "AMZN");
            f.endOfInput();
            assertEquals(1, f.output().size());
        }
    }

    @Test
    void lateNewsWithinLatenessIsExactAndEmittedAtOnce() {
        try (TopologyFixture f = new TopologyFixture("PT5M")) {
            before(f);
            after(f);
            f.tick("AMZN", ofMinutes(25), 98.0, 1); // both clocks at T0+25m
            f.news("wire", ofMinutes(25), "Markets close higher"); // no ticker: the news input is at T0+25m too

            f.news("n1", ofMinutes(18), "Amazon", "AMZN"); // 7 minutes behind: beyond L = 5m, closed at 24m
            f.news("n2", ofMinutes(21), "Amazon", "AMZN"); // 4 minutes behind: within L, window still open
            f.news("n3", ofMinutes(22), "Amazon", "AMZN"); // 3 minutes behind: within L, window open
            Map<String, MarketReaction> out =
                    f.output().stream().collect(java.util.stream.Collectors.toMap(MarketReaction::getNewsId, r -> r));
            assertEquals(List.of("n1"), List.copyOf(out.keySet()), "only the window closed by T0+25m is final");
            assertTrue(out.get("n1").getFlags().contains("LATE_NEWS"));
            assertEquals(103.0, out.get("n1").getBaselinePrice());
            f.endOfInput();
            out = f.output().stream().collect(java.util.stream.Collectors.toMap(MarketReaction::getNewsId, r -> r));
            assertEquals(List.of("n2", "n3"), out.keySet().stream().sorted().toList());
            assertEquals(98.0, out.get("n2").getEndPrice());
            // no lateness flag: only what the fixture's few minutes of data lack (the input ends at T0+25m)
            assertEquals(
                    List.of("SHORT_ESTIMATION", "FEW_VOLUME_MINUTES", "INPUT_ENDED_EARLY"),
                    out.get("n2").getFlags());
            assertTrue(!out.get("n3").getFlags().contains("LATE_NEWS"));
        }
    }

    @Test
    void aFinalWaitsUntilNoEarlierNewsCanArriveInTime() {
        try (TopologyFixture f = new TopologyFixture("PT5M")) {
            before(f);
            f.news("n1", Duration.ZERO, "Amazon", "AMZN");
            after(f); // both clocks at T0+20m: the window closed at T0+6m
            assertEquals(List.of(), f.output(), "the news input is at T0: a news before n1 may still come in time");
            f.news("wire", ofMinutes(5), "Markets steady"); // no ticker: the news input at T0+5m, L past n1
            assertEquals(List.of(), f.output(), "not more than L past: one at T0 could still come");
            f.news("wire-2", ofMinutes(5).plusMillis(1), "Markets steady again");
            List<MarketReaction> out = f.output();
            assertEquals(1, out.size(), "now any earlier news would be late");
            assertEquals(ReactionStatus.FINAL, out.get(0).getStatus());
            // not late: only what the fixture's few minutes of history lack
            assertEquals(
                    List.of("SHORT_ESTIMATION", "FEW_VOLUME_MINUTES"),
                    out.get(0).getFlags());
        }
    }

    @Test
    void aQuietNewsInputHoldsNoFinal() {
        try (TopologyFixture f = new TopologyFixture(TopologyFixtureConfigs.idle(Duration.ofSeconds(10)))) {
            before(f);
            f.news("n1", Duration.ZERO, "Amazon", "AMZN");
            after(f);
            assertEquals(List.of(), f.output());
            f.driver.advanceWallClockTime(Duration.ofSeconds(11)); // the news partition says it is quiet
            List<MarketReaction> out = f.output();
            assertEquals(1, out.size(), "no news for the idle timeout: nothing earlier is coming");
            assertEquals(ReactionStatus.FINAL, out.get(0).getStatus());
        }
    }

    @Test
    void idlePartitionFinalizesByWallClock() {
        try (TopologyFixture f = new TopologyFixture(TopologyFixtureConfigs.idle(Duration.ofSeconds(10)))) {
            before(f);
            after(f);
            f.news("n1", ofMinutes(24), "Amazon", "AMZN");
            f.driver.advanceWallClockTime(Duration.ofSeconds(9));
            assertTrue(f.output().isEmpty());
            f.driver.advanceWallClockTime(Duration.ofMinutes(7));
            assertEquals(1, f.output().size(), "event time followed the wall clock past close + grace");
        }
    }

    /**
     * Many reactions of one ticker, each updated by the rule on its own: a PROVISIONAL at a tick inside its window
     * once the history before T0 is complete (T0 + G), then one at least a sixtieth of the horizon (and the
     * interval) after its last. Ticks that no reaction is due at are skipped without a pass over them all; this
     * pins that the skipping changes nothing.
     */
    @Test
    void eachReactionIsUpdatedByItsOwnRuleAmongMany() {
        ReactionConfig config = ReactionConfig.defaults()
                .withHorizons(List.of(Horizon.parse("PT5M"), Horizon.parse("PT30M"), Horizon.parse("PT1H")))
                .withProvisionalInterval(ofSeconds(30));
        long grace = config.grace().toMillis();
        List<Long> newsAt = List.of(0L, 70_000L, 95_000L, 600_000L, 601_000L, 1_500_000L);
        try (TopologyFixture f = new TopologyFixture(config)) {
            before(f);
            for (int i = 0; i < newsAt.size(); i++) {
                f.news("n" + i, Duration.ofMillis(newsAt.get(i)), "Amazon", "AMZN");
            }
            List<Long> ticks = new java.util.ArrayList<>();
            for (long t = 7_000; t <= 5_400_000; t += 7_000 + (t / 7_000) % 5 * 1_000) {
                f.tick("SPY", Duration.ofMillis(t), 500.0 + (t % 13), 1); // first: the benchmark is never behind
                f.tick("AMZN", Duration.ofMillis(t), 100.0 + (t % 7), 1);
                ticks.add(t);
            }
            java.util.Map<String, List<Long>> expected = new java.util.TreeMap<>();
            for (int i = 0; i < newsAt.size(); i++) {
                long t0 = newsAt.get(i);
                for (Horizon h : config.horizons()) {
                    long gap = Math.max(config.provisionalInterval().toMillis(), h.millis() / 60);
                    List<Long> due = new java.util.ArrayList<>();
                    for (long t : ticks) {
                        boolean inWindow = t > t0 && t <= t0 + h.millis() && t > t0 + grace;
                        if (inWindow && (due.isEmpty() || t - due.get(due.size() - 1) >= gap)) {
                            due.add(t);
                        }
                    }
                    expected.put("n" + i + " " + h.label(), due);
                }
            }
            java.util.Map<String, List<Long>> got = new java.util.TreeMap<>();
            expected.keySet().forEach(k -> got.put(k, new java.util.ArrayList<>()));
            long base = TopologyFixture.T0.toEpochMilli();
            f.output().stream()
                    .filter(r -> r.getTicker().equals("AMZN") && r.getStatus() == ReactionStatus.PROVISIONAL)
                    .forEach(r -> got.get(r.getNewsId() + " " + r.getHorizon())
                            .add(r.getEndTime().toEpochMilli() - base)); // the tick it was emitted at
            assertEquals(expected, got);
            assertTrue(expected.values().stream().mapToInt(List::size).sum() > 200, "enough updates to mean something");
        }
    }

    /**
     * The same ticks read after the window has closed on the wall clock (a replay, or a service catching up): no
     * PROVISIONAL, the same FINAL. One read while it is open gets its updates (the test above).
     */
    @Test
    void aWindowClosedOnTheWallClockGetsNoProvisionalOnlyItsFinal() {
        ReactionConfig config = ReactionConfig.defaults()
                .withHorizons(List.of(Horizon.parse("PT30M")))
                .withProvisionalInterval(ofMinutes(5))
                .withIdleTimeout(Duration.ofDays(365)) // the wall clock closes no window here
                .withBenchmarkWait(Duration.ofDays(365));
        try (TopologyFixture f = new TopologyFixture(config)) {
            f.driver.advanceWallClockTime(Duration.ofHours(2)); // T0 + h + G is behind the wall clock
            before(f);
            f.news("n1", Duration.ZERO, "Amazon", "AMZN");
            f.tick("SPY", ofSeconds(90), 500.0, 1);
            f.tick("AMZN", ofMinutes(2), 101.0, 1);
            f.tick("AMZN", ofMinutes(7), 103.0, 1);
            assertEquals(List.of(), f.output(), "a window closed in real time gets no PROVISIONAL");
            f.endOfInput();
            List<MarketReaction> last = f.output();
            assertEquals(
                    List.of(ReactionStatus.FINAL),
                    last.stream().map(MarketReaction::getStatus).toList());
            assertEquals(0.03, last.get(0).getRawReturn(), EPS);
        }
    }

    @Test
    void provisionalUpdatesAreRateLimitedInStreamTimeThenOneFinal() {
        ReactionConfig config = ReactionConfig.defaults()
                .withHorizons(List.of(Horizon.parse("PT30M")))
                .withProvisionalInterval(ofMinutes(5));
        try (TopologyFixture f = new TopologyFixture(config)) {
            before(f);
            f.news("n1", Duration.ZERO, "Amazon", "AMZN");
            f.tick("AMZN", ofSeconds(20), 100.5, 1); // the history before T0 is not complete (T0 + G): no update
            f.tick("SPY", ofSeconds(30), 500.0, 1);
            f.tick("AMZN", ofMinutes(1), 101.0, 1); // the benchmark has not passed T0 + G yet: no update
            f.tick("SPY", ofSeconds(90), 500.0, 1);
            f.tick("AMZN", ofMinutes(2), 101.0, 1); // both past T0 + G: an update
            f.tick("AMZN", ofMinutes(3), 102.0, 1); // 1 min later: rate-limited
            f.tick("AMZN", ofMinutes(7), 103.0, 1); // 5 min after the last update: an update
            f.tick("SPY", ofMinutes(8), 501.0, 1); // not the stock: no update
            List<MarketReaction> updates = f.output();
            assertEquals(
                    List.of(ReactionStatus.PROVISIONAL, ReactionStatus.PROVISIONAL),
                    updates.stream().map(MarketReaction::getStatus).toList());
            assertEquals(0.01, updates.get(0).getRawReturn(), EPS);
            assertEquals(3, updates.get(0).getTickCount());
            assertEquals(0.03, updates.get(1).getRawReturn(), EPS);
            assertEquals(5, updates.get(1).getTickCount(), "the statistics so far, kept tick by tick");
            f.endOfInput();
            List<MarketReaction> last = f.output();
            assertEquals(1, last.size());
            assertEquals(ReactionStatus.FINAL, last.get(0).getStatus());
            assertEquals(0.03, last.get(0).getRawReturn(), EPS);
        }
    }

    @Test
    void perNewsImpactOnceAllTickersAreFinal() {
        try (TopologyFixture f = new TopologyFixture("PT5M", "PT30M")) {
            f.tick("MSFT", ofMinutes(-1), 500.0, 1);
            before(f);
            f.news("n1", Duration.ZERO, "Amazon and Microsoft", "AMZN", "MSFT", "NVDA");
            f.newsEnded(); // all the news there is
            after(f);
            f.tick("MSFT", ofMinutes(25), 495.0, 1);
            assertEquals(2, f.output().size(), "PT5M of AMZN and MSFT; NVDA waits");
            assertTrue(
                    f.impact.readValuesToList().isEmpty(),
                    "NVDA has never traded: its windows wait for its own ticks or the end of input");
            f.endOfInput();
            List<com.marketreactions.schema.NewsImpact> impacts = f.impact.readValuesToList();
            assertEquals(3, impacts.size(), "the PT5M and PT30M impacts and one end marker");
            com.marketreactions.schema.NewsImpact i30 = impacts.stream()
                    .filter(i -> i != null && i.getHorizon().equals("PT30M"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    List.of("AMZN", "MSFT", "NVDA"),
                    i30.getTickers().stream().map(t -> t.getTicker()).toList());
            assertEquals(-0.01, i30.getTickers().get(1).getRawReturn(), EPS);
            assertNull(i30.getTickers().get(2).getRawReturn());
            // AMZN -1% raw, MSFT -1% raw; abnormal = raw - 1 * 2% benchmark (no estimation points: beta 1)
            assertEquals("AMZN", i30.getMostAffected(), "ties on |abnormal| and |raw| go to the first ticker");
            assertTrue(impacts.contains(null));
        }
    }
}
