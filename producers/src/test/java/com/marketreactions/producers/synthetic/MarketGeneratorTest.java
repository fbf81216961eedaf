package com.marketreactions.producers.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.schema.StockTick;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MarketGeneratorTest {

    private static final LocalDate FRIDAY = LocalDate.of(2025, 10, 31);
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 3);

    private static MarketGenerator.Builder market(long seed) {
        return MarketGenerator.builder().seed(seed).from(MONDAY).symbols(8).afterHoursRateFactor(0.05);
    }

    private static List<StockTick> take(Iterator<StockTick> it, int n) {
        List<StockTick> out = new ArrayList<>(n);
        while (out.size() < n && it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }

    private static List<StockTick> all(MarketGenerator g) {
        List<StockTick> out = new ArrayList<>();
        g.iterator().forEachRemaining(out::add);
        return out;
    }

    @Test
    void sameSeedGivesTheSameFirstTenThousandTicks() {
        List<StockTick> a = take(market(42).build().iterator(), 10_000);
        List<StockTick> b = take(market(42).build().iterator(), 10_000);
        assertEquals(10_000, a.size());
        assertTrue(a.equals(b), "same seed, another generator");
        MarketGenerator g = market(42).build();
        assertTrue(a.equals(take(g.iterator(), 10_000)), "a second pass over the same generator");
        assertTrue(a.equals(g.stream().limit(10_000).toList()), "the stream");
    }

    @Test
    void differentSeedGivesDifferentTicks() {
        List<StockTick> a = take(market(42).build().iterator(), 10_000);
        List<StockTick> b = take(market(43).build().iterator(), 10_000);
        long sameTime = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).getTs().equals(b.get(i).getTs())) {
                sameTime++;
            }
        }
        assertTrue(!a.equals(b));
        assertTrue(sameTime < 100, "arrival times should be independent across seeds, " + sameTime + " equal");
    }

    @Test
    void aSymbolsTicksDoNotDependOnTheOtherSymbols() {
        SymbolSpec a = new SymbolSpec("AAA", 50, 1.1, 0.01, 0.5);
        SymbolSpec b = new SymbolSpec("BBB", 80, 0.7, 0.02, 0.3);
        SymbolSpec c = new SymbolSpec("CCC", 20, 1.4, 0.03, 0.4);
        MarketGenerator two = MarketGenerator.builder()
                .seed(3)
                .from(MONDAY)
                .to(MONDAY)
                .symbols(List.of(a, b))
                .build();
        MarketGenerator three = MarketGenerator.builder()
                .seed(3)
                .from(MONDAY)
                .to(MONDAY)
                .symbols(List.of(c, b, a))
                .shock(new Shock("CCC", Instant.parse("2025-11-03T15:00:00Z"), 4))
                .build();
        for (String symbol : List.of("AAA", "BBB", "SPY")) {
            List<StockTick> fromTwo =
                    two.stream().filter(t -> t.getSymbol().equals(symbol)).toList();
            List<StockTick> fromThree =
                    three.stream().filter(t -> t.getSymbol().equals(symbol)).toList();
            assertTrue(fromTwo.size() > 2_000, symbol + ": " + fromTwo.size());
            assertEquals(fromTwo.size(), fromThree.size(), symbol);
            for (int i = 0; i < fromTwo.size(); i++) {
                assertEquals(fromTwo.get(i), fromThree.get(i), symbol + " tick " + i);
            }
        }
    }

    @Test
    void ticksComeInNonDecreasingTimeOrderAcrossSymbols() {
        MarketGenerator g = market(7)
                .to(MONDAY.plusDays(4))
                .closingPrints(true)
                .shock(new Shock("SYM003", Instant.parse("2025-11-04T15:00:00.500Z"), 2))
                .anchor(DayAnchor.close("SYM001", MONDAY.plusDays(1), 100))
                .build();
        Instant last = Instant.EPOCH;
        Map<String, Integer> perSymbol = new HashMap<>();
        long n = 0;
        for (StockTick t : g) {
            assertTrue(!t.getTs().isBefore(last), "tick " + n + " at " + t.getTs() + " after " + last);
            last = t.getTs();
            perSymbol.merge(t.getSymbol(), 1, Integer::sum);
            n++;
        }
        assertEquals(9, perSymbol.size(), "8 symbols and the benchmark: " + perSymbol.keySet());
        assertTrue(n > 80_000, "5 days of 9 symbols, got " + n);
    }

    @Test
    void tradesOnlyInTradingHoursOfWeekdays() {
        List<StockTick> ticks = all(market(3).from(FRIDAY).to(MONDAY).build());
        Map<Session, Integer> sessions = new EnumMap<>(Session.class);
        TreeMap<LocalDate, Integer> days = new TreeMap<>();
        for (StockTick t : ticks) {
            sessions.merge(TradingCalendar.sessionAt(t.getTs()), 1, Integer::sum);
            days.merge(TradingCalendar.dateOf(t.getTs()), 1, Integer::sum);
        }
        assertEquals(List.of(FRIDAY, MONDAY), List.copyOf(days.keySet()), "no ticks on Saturday or Sunday");
        assertEquals(null, sessions.get(Session.CLOSED), "no ticks at night");
        assertTrue(sessions.get(Session.PRE_MARKET) > 0 && sessions.get(Session.AFTER_HOURS) > 0, sessions.toString());
        // across the DST change: 09:30 New York is 13:30 UTC on Friday and 14:30 UTC on Monday
        StockTick firstRegularMonday = ticks.stream()
                .filter(t -> TradingCalendar.sessionAt(t.getTs()) == Session.REGULAR
                        && TradingCalendar.dateOf(t.getTs()).equals(MONDAY))
                .findFirst()
                .orElseThrow();
        assertTrue(
                !firstRegularMonday.getTs().isBefore(Instant.parse("2025-11-03T14:30:00Z"))
                        && firstRegularMonday.getTs().isBefore(Instant.parse("2025-11-03T14:31:00Z")),
                firstRegularMonday.toString());
    }

    @Test
    void regularSessionTradesAtTheConfiguredRateAndExtendedHoursAtTheirFactors() {
        List<SymbolSpec> symbols = SymbolSpec.generated(10, 5, 0.2);
        MarketGenerator g = MarketGenerator.builder()
                .seed(5)
                .from(MONDAY)
                .to(MONDAY.plusDays(4))
                .symbols(symbols)
                .benchmark(new BenchmarkSpec("SPY", 500, 0.01, 0))
                .preMarketRateFactor(0.05)
                .afterHoursRateFactor(0.1)
                .build();
        Map<Session, Integer> counts = new EnumMap<>(Session.class);
        for (StockTick t : g) {
            counts.merge(TradingCalendar.sessionAt(t.getTs()), 1, Integer::sum);
        }
        double days = 5;
        double regular = counts.get(Session.REGULAR) / (10 * days * 6.5 * 3600);
        double pre = counts.get(Session.PRE_MARKET) / (10 * days * 5.5 * 3600);
        double after = counts.get(Session.AFTER_HOURS) / (10 * days * 4 * 3600);
        // Poisson counts: the relative standard errors are 0.2%, 1% and 0.8%
        assertEquals(0.2, regular, 0.2 * 0.02, "regular ticks per second per symbol");
        assertEquals(0.2 * 0.05, pre, 0.2 * 0.05 * 0.06, "pre-market ticks per second per symbol");
        assertEquals(0.2 * 0.1, after, 0.2 * 0.1 * 0.06, "after-hours ticks per second per symbol");
    }

    @Test
    void sizesArePositiveMostlyRoundLotsAndPricesAreInCents() {
        int roundLots = 0;
        List<StockTick> ticks = take(market(11).build().iterator(), 20_000);
        for (StockTick t : ticks) {
            assertTrue(t.getSize() > 0, t.toString());
            assertEquals(Math.round(t.getPrice() * 100) / 100.0, t.getPrice(), 0.0, t.toString());
            roundLots += t.getSize() % 100 == 0 ? 1 : 0;
        }
        assertTrue(roundLots > 0.7 * ticks.size() && roundLots < ticks.size(), roundLots + " round lots");
    }

    /**
     * Symbol A has beta 1.5 and as much noise as the market: its one-minute returns correlate with the
     * benchmark's at 1.5 / sqrt(1.5^2 + 1) = 0.83. Symbol Z has beta 0: no correlation. Both are estimated
     * from about 1,900 minutes, so the standard error is about 0.02 and neither bound passes by accident.
     */
    @Test
    void symbolsMoveWithTheMarketByTheirBeta() {
        MarketGenerator g = MarketGenerator.builder()
                .seed(9)
                .from(MONDAY)
                .to(MONDAY.plusDays(4))
                .symbols(List.of(new SymbolSpec("A", 400, 1.5, 0.01, 2), new SymbolSpec("Z", 400, 0, 0.01, 2)))
                .benchmark(new BenchmarkSpec("SPY", 400, 0.01, 2))
                .preMarketRateFactor(0)
                .afterHoursRateFactor(0)
                .build();
        Map<String, TreeMap<Long, Double>> closes = new HashMap<>();
        for (StockTick t : g) {
            long minute = t.getTs().toEpochMilli() / 60_000;
            closes.computeIfAbsent(t.getSymbol(), s -> new TreeMap<>()).put(minute, t.getPrice());
        }
        double[][] a = returns(closes.get("A"), closes.get("SPY"));
        double[][] z = returns(closes.get("Z"), closes.get("SPY"));
        assertTrue(a[0].length > 1800, a[0].length + " minutes");
        double corrA = correlation(a[0], a[1]);
        double corrZ = correlation(z[0], z[1]);
        assertTrue(corrA > 0.75 && corrA < 0.9, "corr(A, market) = " + corrA);
        assertTrue(Math.abs(corrZ) < 0.08, "corr(Z, market) = " + corrZ);
        double beta = covariance(a[0], a[1]) / covariance(a[1], a[1]);
        assertEquals(1.5, beta, 0.15, "estimated beta of A");
    }

    @Test
    void shockJumpsThePriceAtItsInstant() {
        Instant at = Instant.parse("2025-11-03T16:00:00.250Z");
        MarketGenerator g = MarketGenerator.builder()
                .seed(4)
                .from(MONDAY)
                .to(MONDAY)
                .symbols(List.of(new SymbolSpec("A", 100, 1, 0.01, 5)))
                .shock(new Shock("A", at, 5.0))
                .build();
        StockTick before = null;
        StockTick after = null;
        for (StockTick t : g) {
            if (t.getSymbol().equals("A")) {
                if (t.getTs().isBefore(at)) {
                    before = t;
                } else if (after == null) {
                    after = t;
                }
            }
        }
        double jump = after.getPrice() / before.getPrice() - 1;
        assertTrue(after.getTs().toEpochMilli() - before.getTs().toEpochMilli() < 5_000, before + " " + after);
        assertEquals(0.05, jump, 0.004, "jump between " + before + " and " + after);
    }

    @Test
    void anchorsFixTheCloseAndTheSessionExtreme() {
        LocalDate tuesday = MONDAY.plusDays(1);
        Instant highAt = TradingCalendar.at(tuesday, LocalTime.of(10, 30));
        MarketGenerator g = MarketGenerator.builder()
                .seed(8)
                .from(MONDAY)
                .to(tuesday)
                .closingPrints(true)
                .symbols(List.of(new SymbolSpec("A", 100, 1.2, 0.015, 1)))
                .benchmark(new BenchmarkSpec("SPY", 600, 0.01, 1))
                .anchor(DayAnchor.close("A", MONDAY, 102.5))
                .anchor(DayAnchor.close("A", tuesday, 104).withOpen(103).withExtreme(highAt, 108))
                .anchor(DayAnchor.close("SPY", tuesday, 590).withExtreme(highAt.plusSeconds(600), 586))
                .build();
        Map<String, Double> closingPrints = new HashMap<>();
        Map<String, Double> tuesdayHigh = new HashMap<>();
        Map<String, Double> tuesdayLow = new HashMap<>();
        double nearHigh = 0;
        for (StockTick t : g) {
            String s = t.getSymbol();
            LocalDate date = TradingCalendar.dateOf(t.getTs());
            if (t.getTs().equals(TradingCalendar.at(date, TradingCalendar.CLOSE))) {
                closingPrints.put(s + " " + date, t.getPrice());
            }
            if (TradingCalendar.sessionAt(t.getTs()) == Session.REGULAR && date.equals(tuesday)) {
                tuesdayHigh.merge(s, t.getPrice(), Math::max);
                tuesdayLow.merge(s, t.getPrice(), Math::min);
                if (s.equals("A") && Math.abs(t.getTs().toEpochMilli() - highAt.toEpochMilli()) < 3_000) {
                    nearHigh = Math.max(nearHigh, t.getPrice());
                }
            }
        }
        assertEquals(102.5, closingPrints.get("A " + MONDAY), 0.0, "Monday's closing print of A");
        assertEquals(104.0, closingPrints.get("A " + tuesday), 0.0, "Tuesday's closing print of A");
        assertEquals(590.0, closingPrints.get("SPY " + tuesday), 0.0, "closing print of the benchmark on its anchor");
        assertTrue(tuesdayHigh.get("A") <= 108.0, "no regular-session tick above the high: " + tuesdayHigh.get("A"));
        assertTrue(nearHigh > 107.8, "A reaches its high at 10:30: " + nearHigh);
        assertTrue(tuesdayLow.get("SPY") >= 586.0 && tuesdayLow.get("SPY") < 586.5, "SPY low " + tuesdayLow.get("SPY"));
    }

    @Test
    void streamsMillionsOfTicksWithoutAnEnd() {
        Iterator<StockTick> it = MarketGenerator.builder()
                .seed(1)
                .symbols(200)
                .benchmark(new BenchmarkSpec("SPY", 500, 0.01, 1))
                .build()
                .iterator();
        long n = 0;
        Instant last = Instant.EPOCH;
        while (n < 2_000_000) {
            StockTick t = it.next();
            last = t.getTs();
            n++;
        }
        assertTrue(it.hasNext());
        assertTrue(last.isAfter(Instant.parse("2025-01-09T00:00:00Z")), "about 4 trading days of 200 symbols: " + last);
    }

    @Test
    void endsAfterItsLastDay() {
        Iterator<StockTick> it = market(2)
                .from(LocalDate.of(2025, 11, 1))
                .to(LocalDate.of(2025, 11, 2))
                .build()
                .iterator();
        assertTrue(!it.hasNext(), "a weekend has no ticks");
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void rejectsContradictoryParameters() {
        assertThrows(IllegalArgumentException.class, () -> DayAnchor.close("A", LocalDate.of(2025, 11, 1), 10));
        assertThrows(
                IllegalArgumentException.class,
                () -> DayAnchor.close("A", MONDAY, 10)
                        .withExtreme(TradingCalendar.at(MONDAY, LocalTime.of(11, 0)), 9.5)
                        .withOpen(9));
        assertThrows(
                IllegalArgumentException.class,
                () -> market(1).shock(new Shock("NOPE", Instant.now(), 1)).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> market(1).benchmark(new BenchmarkSpec("SYM001", 1, 0, 1)).build());
        Instant mondayNoon = TradingCalendar.at(MONDAY, LocalTime.NOON);
        assertThrows(
                IllegalArgumentException.class,
                () -> market(1)
                        .anchor(DayAnchor.close("SYM001", MONDAY, 10).withExtreme(mondayNoon.minusSeconds(3600), 11))
                        .waypoint(new Waypoint("SYM001", mondayNoon, 11.5))
                        .build(),
                "a waypoint above the session high");
        assertThrows(
                IllegalArgumentException.class,
                () -> new Waypoint("SYM001", mondayNoon.plusSeconds(12 * 3600), 1),
                "a waypoint at night");
        assertThrows(IllegalArgumentException.class, () -> new SymbolSpec("amzn", 1, 1, 0.01, 1));
        assertThrows(IllegalArgumentException.class, () -> new Shock("A", Instant.now(), -100));
    }

    @Test
    void generatedSymbolsAreNamedInOrder() {
        List<SymbolSpec> s = SymbolSpec.generated(12, 1, 0.1);
        assertEquals("SYM001", s.get(0).symbol());
        assertEquals("SYM012", s.get(11).symbol());
        assertEquals("SYM0001", SymbolSpec.generated(1000, 1, 0.1).get(0).symbol());
    }

    /** Simple one-minute returns of x and m over minutes where both traded in that minute and the one before. */
    private static double[][] returns(TreeMap<Long, Double> x, TreeMap<Long, Double> m) {
        List<double[]> pairs = new ArrayList<>();
        for (Map.Entry<Long, Double> e : x.entrySet()) {
            long k = e.getKey();
            Double x0 = x.get(k - 1);
            Double m0 = m.get(k - 1);
            Double m1 = m.get(k);
            if (x0 != null && m0 != null && m1 != null) {
                pairs.add(new double[] {e.getValue() / x0 - 1, m1 / m0 - 1});
            }
        }
        double[][] out = new double[2][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            out[0][i] = pairs.get(i)[0];
            out[1][i] = pairs.get(i)[1];
        }
        return out;
    }

    private static double covariance(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double c = 0;
        for (int i = 0; i < a.length; i++) {
            c += (a[i] - ma) * (b[i] - mb);
        }
        return c / (a.length - 1);
    }

    private static double correlation(double[] a, double[] b) {
        return covariance(a, b) / Math.sqrt(covariance(a, a) * covariance(b, b));
    }
}
