package com.marketreactions.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.cli.Replay;
import com.marketreactions.common.Shares;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.differential.BatchReference;
import com.marketreactions.streams.differential.MarketInput;
import com.marketreactions.streams.web.ReactionChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's numbers against the batch reference: at every horizon's end the ticker's line is the reaction's
 * raw return, the benchmark's its benchmark return, the model's its expected return, the band's half-width
 * {@code 1.96 sigma sqrt(varianceMinutes)} (so "outside the band" is "significant"), and the volume bars of the
 * window add up to its volume. Data with a gap in the ticker's trading, news on the benchmark, a ticker
 * without ticks and a second news on the same ticker; the trades per bar the page draws trading time from.
 */
class ReactionChartTest {

    private static final long MIN = 60_000;
    private static final long T0 = Instant.parse("2025-11-03T15:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void everyHorizonEndsOnTheReactionsNumbers() throws Exception {
        ReactionConfig config = ReactionConfig.defaults()
                .withHorizons(List.of(Horizon.parse("PT5M"), Horizon.parse("PT30M"), Horizon.parse("PT1H")));
        List<MarketInput> inputs = new ArrayList<>();
        inputs.add(new MarketInput.News("n1", T0, List.of("STK", "SPY", "NOTICK"), "a deal", "desk", null));
        inputs.add(new MarketInput.News("n2", T0 + 10 * MIN, List.of("STK"), "a follow-up", "blog", null));
        Random random = new Random(7);
        List<MarketInput.Tick> ticks = new ArrayList<>();
        double spy = 500;
        double stk = 100;
        for (long t = T0 - 3 * 60 * MIN; t <= T0 + 90 * MIN; t += 1000 + random.nextInt(9000)) {
            spy *= 1 + random.nextGaussian() * 0.0003;
            ticks.add(new MarketInput.Tick("SPY", t, Math.round(spy * 100) / 100.0, 100));
            boolean gap = t > T0 + 20 * MIN && t < T0 + 25 * MIN;
            if (!gap && random.nextBoolean()) {
                stk *= 1 + random.nextGaussian() * 0.0008 + (t > T0 && t < T0 + 3 * MIN ? 0.002 : 0);
                ticks.add(new MarketInput.Tick("STK", t + 1, Math.round(stk * 100) / 100.0, 1 + random.nextInt(500)));
            }
        }
        inputs.addAll(ticks);
        List<MarketReaction> finals = new BatchReference(BatchReference.Params.of(config), inputs)
                .reactions().values().stream().sorted(Replay.ORDER).toList();
        Path file = dir.resolve("ticks.csv");
        List<String> lines = new ArrayList<>(List.of("symbol,ts,price,size"));
        ticks.forEach(
                t -> lines.add(t.symbol() + "," + Instant.ofEpochMilli(t.ts()) + "," + t.price() + "," + t.size()));
        Files.write(file, lines);

        List<ReactionChart> charts =
                Report.charts(finals, file, "SPY", config.session().zone());

        assertEquals(4, charts.size(), "n1 x STK, SPY, NOTICK and n2 x STK");
        int checked = 0;
        for (ReactionChart c : charts) {
            for (MarketReaction r : c.reactions()) {
                long end = c.t0() + Horizon.parse(r.getHorizon()).millis();
                int k = indexOf(c.x(), end);
                String what = c.newsId() + " " + c.ticker() + " " + r.getHorizon();
                assertClose(r.getRawReturn(), c.stock()[k], what + " raw return");
                assertClose(r.getBenchmarkReturn(), c.bench()[k], what + " benchmark return");
                assertClose(r.getExpectedReturn(), c.expected()[k], what + " expected return");
                if (r.getZScore() != null) {
                    double half = (c.upper()[k] - c.lower()[k]) / 2;
                    assertEquals(1.96 * r.getSigma() * Math.sqrt(r.getVarianceMinutes()), half, 1e-12, what + " band");
                    assertEquals(
                            r.getSignificant(),
                            Math.abs(c.stock()[k] - c.expected()[k]) >= half,
                            what + " significant");
                }
                long micros = 0; // the bars' shares summed exactly, as the reaction's volume is
                for (int i = 0; i < c.x().length; i++) {
                    if (c.x()[i] > c.t0() && c.x()[i] <= end) {
                        micros += Shares.micros(c.volume()[i]);
                    }
                }
                assertEquals(r.getVolume(), Shares.of(micros), what + " volume");
                checked++;
            }
        }
        assertEquals(12, checked);

        ReactionChart deal = charts.stream()
                .filter(c -> c.newsId().equals("n1") && c.ticker().equals("STK"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                deal.reactions().stream().anyMatch(r -> Boolean.TRUE.equals(r.getSignificant())),
                "the jump after T0 is significant somewhere: " + deal.reactions());
        assertEquals(
                List.of("t0", "news", "horizon", "horizon", "horizon"),
                deal.markers().stream().map(ReactionChart.Marker::kind).toList());
        assertEquals(T0 + 10 * MIN, deal.markers().get(1).t(), "the follow-up on the same ticker");
        assertNull(deal.expected()[0], "no model line before T0");
        assertNotNull(deal.normalVolume());
        ReactionChart none = charts.stream()
                .filter(c -> c.ticker().equals("NOTICK"))
                .findFirst()
                .orElseThrow();
        assertTrue(java.util.Arrays.stream(none.stock()).allMatch(v -> v == null), "no baseline, no line");
        ReactionChart spyChart = charts.stream()
                .filter(c -> c.ticker().equals("SPY"))
                .findFirst()
                .orElseThrow();
        assertTrue(java.util.Arrays.stream(spyChart.expected()).allMatch(v -> v == null), "the benchmark has no model");
        // the trades per bar, where the page tells trading hours from closed ones: the ticker's and the benchmark's
        long inRange = ticks.stream()
                .filter(t -> (t.symbol().equals("STK") || t.symbol().equals("SPY"))
                        && t.ts() > deal.x()[0]
                        && t.ts() <= deal.x()[deal.x().length - 1])
                .count();
        assertEquals(
                inRange,
                java.util.Arrays.stream(deal.trades()).skip(1).sum(),
                "every trade of STK and SPY after the first bar's end in a bar");
        assertEquals(
                0,
                java.util.Arrays.stream(none.trades()).sum()
                        - java.util.Arrays.stream(spyChart.trades()).sum(),
                "a ticker without ticks: the benchmark's trades only");
    }

    private static int indexOf(long[] x, long t) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] == t) {
                return i;
            }
        }
        throw new AssertionError("no bar ends at " + Instant.ofEpochMilli(t));
    }

    private static void assertClose(Double expected, Double actual, String what) {
        if (expected == null) {
            assertNull(actual, what);
        } else {
            assertNotNull(actual, what);
            assertEquals(expected, actual, 1e-12, what);
        }
    }
}
