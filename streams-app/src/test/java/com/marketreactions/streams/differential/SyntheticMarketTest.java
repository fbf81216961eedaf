package com.marketreactions.streams.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.schema.MarketReaction;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The generators' promises that the differential tests rely on. */
class SyntheticMarketTest {

    @Test
    void theLongMarketHasSevenStocksAndTheBenchmarkOverItsTradingDaysWithNothingLate() {
        long t = System.nanoTime();
        SyntheticMarket.Scenario sc = SyntheticMarket.generateLong(1);
        long generated = System.nanoTime();
        Map<String, MarketReaction> expected = sc.reference().reactions();
        long referenced = System.nanoTime();
        System.out.printf(
                "[long] %s: generated in %d ms, %d reference reactions in %d ms%n",
                sc.description(), (generated - t) / 1_000_000, expected.size(), (referenced - generated) / 1_000_000);

        Set<String> symbols = new TreeSet<>();
        Set<LocalDate> tradingDays = new TreeSet<>();
        Map<String, Long> lastTs = new HashMap<>();
        boolean tickSeen = false;
        for (MarketInput in : sc.inputs()) {
            if (in instanceof MarketInput.Tick tick) {
                tickSeen = true;
                symbols.add(tick.symbol());
                LocalDate d =
                        Instant.ofEpochMilli(tick.ts()).atZone(ZoneOffset.UTC).toLocalDate();
                long tod = Math.floorMod(tick.ts(), 86_400_000L);
                // Friday's after-market runs to 01:00 on Saturday; nothing else at weekends
                assertFalse(
                        d.getDayOfWeek() == DayOfWeek.SUNDAY
                                || d.getDayOfWeek() == DayOfWeek.SATURDAY && tod >= 3_600_000L,
                        "weekend trading: " + tick);
                if (tod >= 52_200_000L && tod < 75_600_000L) {
                    tradingDays.add(d); // 14:30-21:00: a regular session
                }
                long prev = lastTs.getOrDefault(tick.symbol(), Long.MIN_VALUE);
                assertTrue(
                        prev == Long.MIN_VALUE || tick.ts() > prev - SyntheticMarket.MAX_TICK_DELAY,
                        "disorder below 30 s: " + tick);
                lastTs.put(tick.symbol(), Math.max(prev, tick.ts()));
            } else {
                assertFalse(tickSeen, "all news before the first tick");
            }
        }
        assertTrue(symbols.size() >= 8 && symbols.contains("SPY"), symbols.toString());
        assertTrue(tradingDays.size() >= 60, tradingDays.size() + " days with ticks");
        assertTrue(sc.newsCount() >= 60 && sc.newsCount() <= 180, sc.newsCount() + " news");
        assertTrue(sc.tickCount() > 500_000, sc.tickCount() + " ticks");
        BatchReference ref = sc.reference();
        ref.reactions();
        assertEquals(Set.of(), ref.lateNewsIds());
        assertTrue(
                ref.coverage().getOrDefault("alias-resolved ticker", 0L) > 0,
                ref.coverage().toString());
        assertFalse(
                ref.coverage().keySet().stream().anyMatch(k -> k.contains("late tick")),
                ref.coverage().toString());
        assertTrue(expected.values().stream().anyMatch(r -> r.getModel().name().equals("MARKET_MODEL")));
    }

    @Test
    void theWideMarketIsSkewedLikeAWholeMarketReproducibleAndHasNothingLate() {
        long t = System.nanoTime();
        SyntheticMarket.Scenario sc = SyntheticMarket.generateWide(1);
        long generated = System.nanoTime();
        BatchReference ref = sc.reference();
        Map<String, MarketReaction> expected = ref.reactions();
        long referenced = System.nanoTime();
        System.out.printf(
                "[wide] %s: generated in %d ms, %d reference reactions in %d ms%n",
                sc.description(), (generated - t) / 1_000_000, expected.size(), (referenced - generated) / 1_000_000);
        assertEquals(sc.inputs(), SyntheticMarket.generateWide(1).inputs(), "the same seed, the same data");

        Map<String, Long> ticks = new HashMap<>();
        boolean tickSeen = false;
        for (MarketInput in : sc.inputs()) {
            if (in instanceof MarketInput.Tick tick) {
                tickSeen = true;
                ticks.merge(tick.symbol(), 1L, Long::sum);
            } else {
                assertFalse(tickSeen, "all news before the first tick");
            }
        }
        assertEquals(1001, ticks.size(), "1,000 stocks and SPY trade");
        List<Long> stocks = ticks.entrySet().stream()
                .filter(e -> !e.getKey().equals("SPY"))
                .map(Map.Entry::getValue)
                .sorted()
                .toList();
        long quietest = stocks.get(0);
        assertTrue(quietest <= 60, "the quietest name trades a handful of times a day: " + quietest);
        assertTrue(ticks.get("AAPL") > 50 * quietest, "the busiest name trades far more: " + ticks.get("AAPL"));
        assertTrue(sc.tickCount() > 300_000 && sc.tickCount() < 600_000, sc.tickCount() + " ticks");

        long many = sc.inputs().stream()
                .filter(in -> in instanceof MarketInput.News n
                        && BatchReference.tickersOf(n, sc.aliases()).size() >= 10)
                .count();
        assertTrue(
                many >= 0.01 * sc.newsCount() && many <= 0.06 * sc.newsCount(),
                many + " of " + sc.newsCount() + " news name 10 or more tickers");
        assertEquals(
                0,
                SyntheticMarket.ticksLateBeyondGrace(
                        sc.inputs(), sc.config().grace().toMillis()));
        assertEquals(Set.of(), ref.lateNewsIds());

        // what the thin names are for: news with no history before it, empty windows, both models
        Set<String> met = new TreeSet<>();
        for (MarketReaction r : expected.values()) {
            r.getFlags().forEach(f -> met.add(f.toString()));
            met.add(r.getModel().name());
        }
        assertTrue(
                met.containsAll(Set.of(
                        "NO_BASELINE",
                        "NO_TICKS_IN_WINDOW",
                        "IS_BENCHMARK",
                        "MARKET_MODEL",
                        "MARKET_ADJUSTED",
                        "NONE")),
                met.toString());
        Set<String> thinHalf = new TreeSet<>();
        ticks.forEach((s, n) -> {
            if (n <= stocks.get(stocks.size() / 2)) {
                thinHalf.add(s);
            }
        });
        assertTrue(
                expected.values().stream()
                                .filter(r -> thinHalf.contains(r.getTicker().toString()))
                                .count()
                        > 100,
                "reactions of the thinner half of the names");
    }

    @Test
    void theShortSeedsLateFeaturesAreWhereTheDescriptionSaysAndReproducible() {
        for (long seed : List.of(1L, 2L, 3L, 5L)) {
            SyntheticMarket.Scenario a = SyntheticMarket.generate(seed);
            SyntheticMarket.Scenario b = SyntheticMarket.generate(seed);
            assertEquals(a.inputs(), b.inputs(), "seed " + seed + " reproducible");
            System.out.println("[short] " + a.description());
        }
        // seed 3 has no lateness of any kind; seed 2 has late ticks, a lagging benchmark and late news
        SyntheticMarket.Scenario quiet = SyntheticMarket.generate(3);
        assertEquals(
                0,
                SyntheticMarket.ticksLateBeyondGrace(
                        quiet.inputs(), quiet.config().grace().toMillis()));
        assertEquals(Set.of(), quiet.reference().lateNewsIds());
        SyntheticMarket.Scenario late = SyntheticMarket.generate(2);
        assertTrue(SyntheticMarket.ticksLateBeyondGrace(
                        late.inputs(), late.config().grace().toMillis())
                > 0);
        assertFalse(late.reference().lateNewsIds().isEmpty());
    }
}
