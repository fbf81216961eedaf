package com.marketreactions.streams.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.schema.EventStudy;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.calibration.StudySize.Rate;
import com.marketreactions.streams.differential.ReferenceStudy;
import com.marketreactions.streams.differential.TopologyRun;
import com.marketreactions.streams.story.StoryConfig;
import com.marketreactions.streams.study.EventStudyMath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BMP's t and its Kolari-Pynnönen adjustment on sector news: placebo news each naming {@value #PER_NEWS} names of one
 * industry whose idiosyncratic moves share {@value #SHARE} of their variance ({@link PlaceboMarket#industry}), through
 * the real topology. A portfolio is {@value #PER_PORTFOLIO} such news (25 reactions, five simultaneous at a time): their
 * SARs correlate within a news by the industry's share, BMP's t over-rejects, and the adjustment, with rho estimated
 * from the reactions' residual hours, should bring it back to about 5%. Each portfolio's study is the batch reference's
 * ({@link ReferenceStudy}), which the topology's equals to 1e-7 ({@code TopologyMatchesBatchReferenceTest}); the table
 * goes to {@code target/calibration/sector-portfolios.md}.
 */
class SectorCalibrationTest {

    private static final int NEWS = Integer.getInteger("reactions.calibration.sector.news", 300);
    private static final int DAYS = Integer.getInteger("reactions.calibration.sector.days", 20);
    private static final int DEALS = Integer.getInteger("reactions.calibration.sector.deals", 20);
    private static final double SHARE = 0.3;
    private static final int PER_NEWS = 5;
    private static final int PER_PORTFOLIO = 5;

    @Test
    void theAdjustedBmpHoldsItsSizeOnSectorNews(@TempDir Path state) throws IOException {
        StoryConfig stories = ReactionConfig.defaults().stories();
        ReactionConfig config =
                ReactionConfig.defaults().withStories(new StoryConfig(false, stories.threshold(), stories.window()));
        long started = System.nanoTime();
        Map<String, Rate> bmp = new LinkedHashMap<>();
        Map<String, Rate> adjusted = new LinkedHashMap<>();
        Map<String, Double> rho = new LinkedHashMap<>();
        Map<String, double[]> sarProducts = new LinkedHashMap<>();
        for (long seed : CalibrationSeeds.fromProperties()) {
            PlaceboMarket.Market market = new PlaceboMarket(seed, DAYS, 2, 12)
                    .industry(SHARE, PER_NEWS)
                    .build(NEWS, 0, 0);
            TopologyRun.Result run =
                    TopologyRun.run(config, market.inputs(), state.resolve("seed-" + seed), "calibration-sector");
            assertEquals(List.of(), run.emissionProblems());
            Map<String, List<MarketReaction>> byHorizon = new TreeMap<>();
            run.finals().values().stream()
                    .filter(r -> r.getZScore() != null)
                    .forEach(r -> byHorizon
                            .computeIfAbsent(r.getHorizon(), k -> new ArrayList<>())
                            .add(r));
            byHorizon.forEach((h, reactions) -> {
                Measured m = measure(reactions, seed);
                bmp.merge(h, m.bmp(), Rate::plus);
                adjusted.merge(h, m.adjusted(), Rate::plus);
                rho.merge(h, m.meanRho(), (a, b) -> (a + b) / 2);
                double[] p = sarProducts.computeIfAbsent(h, k -> new double[2]);
                sameNewsProducts(reactions, p);
            });
        }
        StringBuilder table = new StringBuilder("| sector portfolios (" + PER_PORTFOLIO + " news of " + PER_NEWS
                + " names, industry share " + SHARE + ") |");
        bmp.keySet().forEach(h -> table.append(' ').append(h).append(" |"));
        table.append("\n|---|").append("---:|".repeat(bmp.size())).append("\n| BMP t |");
        bmp.values().forEach(r -> table.append(r.cell()));
        table.append("\n| BMP t, Kolari-Pynnönen adj. |");
        adjusted.values().forEach(r -> table.append(r.cell()));
        table.append("\n| mean crossTickerR |");
        rho.values().forEach(r -> table.append(String.format(Locale.ROOT, " %.3f |", r)));
        table.append("\n| mean SAR product within a news (the correlation to match) |");
        sarProducts.values().forEach(p -> table.append(String.format(Locale.ROOT, " %.3f |", p[0] / p[1])));
        table.append('\n');
        Path out = Path.of("target", "calibration");
        Files.createDirectories(out);
        Files.writeString(out.resolve("sector-portfolios.md"), table);
        System.out.printf(
                Locale.ROOT,
                "[calibration] sector news: %d news of %d names over %d days, %.1f s%n%s",
                NEWS,
                PER_NEWS,
                DAYS,
                (System.nanoTime() - started) / 1e9,
                table);

        bmp.forEach((h, r) -> {
            assertTrue(r.rate() > 0.12, h + ": BMP's t should over-reject correlated news\n" + table);
            assertTrue(adjusted.get(h).rate() < 0.09, h + ": the adjusted t rejects too often\n" + table);
            assertTrue(adjusted.get(h).rate() > 0.01, h + ": the adjusted t never rejects\n" + table);
            assertTrue(rho.get(h) > 0.1 && rho.get(h) < 0.5, h + ": rho far from the planted share\n" + table);
        });
    }

    private record Measured(Rate bmp, Rate adjusted, double meanRho) {}

    /** Portfolios of {@value #PER_PORTFOLIO} news each, dealt {@link #DEALS} times over the news of one horizon. */
    private static Measured measure(List<MarketReaction> reactions, long seed) {
        Map<String, List<MarketReaction>> byNews = new TreeMap<>();
        reactions.forEach(r ->
                byNews.computeIfAbsent(r.getNewsId(), k -> new ArrayList<>()).add(r));
        List<List<MarketReaction>> news = new ArrayList<>(byNews.values());
        Random random = new Random(seed);
        int[] b = new int[2];
        int[] a = new int[2];
        double sumRho = 0;
        int rhos = 0;
        for (int d = 0; d < DEALS; d++) {
            Collections.shuffle(news, random);
            for (int i = 0; i + PER_PORTFOLIO <= news.size(); i += PER_PORTFOLIO) {
                List<EventStudyMath.Observation> os = new ArrayList<>();
                List<ReferenceStudy.Across> across = new ArrayList<>();
                for (List<MarketReaction> one : news.subList(i, i + PER_PORTFOLIO)) {
                    for (MarketReaction r : one) {
                        os.add(EventStudyMath.Observation.of(r));
                        across.add(new ReferenceStudy.Across(r.getResidualHours(), false));
                    }
                }
                EventStudy s = ReferenceStudy.of("sector", reactions.get(0).getHorizon(), os, across);
                count(b, s.getBmpP());
                count(a, s.getBmpKpP());
                if (s.getCrossTickerR() != null) {
                    sumRho += s.getCrossTickerR();
                    rhos++;
                }
            }
        }
        return new Measured(
                new Rate(b[0], b[1], DEALS), new Rate(a[0], a[1], DEALS), rhos == 0 ? Double.NaN : sumRho / rhos);
    }

    /**
     * Adds to {@code p} the products of the SARs of every two reactions of one news, and their count: under no effect
     * their mean is the SARs' correlation the adjustment should take (each SAR has unit variance), to within about
     * 0.02 at the test's size.
     */
    private static void sameNewsProducts(List<MarketReaction> reactions, double[] p) {
        Map<String, List<MarketReaction>> byNews = new TreeMap<>();
        reactions.forEach(r ->
                byNews.computeIfAbsent(r.getNewsId(), k -> new ArrayList<>()).add(r));
        for (List<MarketReaction> one : byNews.values()) {
            for (int i = 0; i < one.size(); i++) {
                for (int j = i + 1; j < one.size(); j++) {
                    p[0] += one.get(i).getZScore() * one.get(j).getZScore();
                    p[1]++;
                }
            }
        }
    }

    private static void count(int[] c, Double p) {
        if (p != null) {
            c[0]++;
            c[1] += p < 0.05 ? 1 : 0;
        }
    }
}
