package com.marketreactions.streams.calibration;

import com.marketreactions.schema.EventStudy;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.internal.StudySums;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.study.EventStudyMath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The size of each event-study test on placebo reactions: the placebos of a horizon dealt at random into portfolios
 * of {@value #PORTFOLIO} events, each portfolio's study computed as a group's is ({@link EventStudyMath}), and the
 * share of portfolios each test calls significant at 5%. A test of the right size rejects about 5%. Dealing again
 * and again (each deal a fresh shuffle) averages out which placebos happened to share a portfolio, though not the
 * market's draw of the placebos themselves.
 */
final class StudySize {

    static final int PORTFOLIO = 25;

    /** The tests by the name the docs use, and their two-sided p-value in a study. */
    static final Map<String, Function<EventStudy, Double>> TESTS = new LinkedHashMap<>();

    static {
        TESTS.put("cross-sectional t", EventStudy::getCsectP);
        TESTS.put("Patell Z", EventStudy::getPatellP);
        TESTS.put("BMP t", EventStudy::getBmpP);
        TESTS.put("generalized sign Z", EventStudy::getGenSignP);
        TESTS.put("skewness-adjusted t (Hall)", EventStudy::getSkewP);
        TESTS.put("Wilcoxon signed-rank Z", EventStudy::getWilcoxonP);
        TESTS.put("generalized rank Z (GRANK)", EventStudy::getGrankP);
    }

    /** Per test: portfolios with a p-value over all deals, how many of them below 5%, and how many deals. */
    record Rate(int portfolios, int rejected, int deals) {
        double rate() {
            return portfolios == 0 ? Double.NaN : (double) rejected / portfolios;
        }

        /** Portfolios per deal: how many independent ones the rate rests on. */
        int perDeal() {
            return portfolios / deals;
        }

        /** The rate as a table's cell: in percent, with the portfolios it rests on. */
        String cell() {
            return String.format(
                    Locale.ROOT,
                    deals == 1 ? " %.1f%% (of %d) |" : " %.1f%% (of %d a deal) |",
                    100 * rate(),
                    perDeal());
        }

        /** This rate and another's together: the portfolios of both, and both's deals. */
        Rate plus(Rate other) {
            return new Rate(portfolios + other.portfolios, rejected + other.rejected, deals + other.deals);
        }
    }

    /** Per test, the rates of two measurements pooled (another market's draw of the same kind). */
    static Map<String, Rate> pooled(Map<String, Rate> a, Map<String, Rate> b) {
        Map<String, Rate> both = new LinkedHashMap<>(a);
        b.forEach((test, r) -> both.merge(test, r, Rate::plus));
        return both;
    }

    private StudySize() {}

    /**
     * The rejection rate of each test over the portfolios of {@code placebos} (FINALs of one horizon). A portfolio
     * holds no two events of one ticker whose windows overlap: those share their moves, and the tests assume
     * independent events (clustered events are what Kolari and Pynnönen adjust for).
     */
    static Map<String, Rate> measure(List<MarketReaction> placebos, long seed, int deals) {
        List<MarketReaction> tested = new ArrayList<>();
        for (MarketReaction r : placebos) {
            if (r.getZScore() != null) {
                tested.add(r);
            }
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        TESTS.keySet().forEach(t -> counts.put(t, new int[2]));
        Random random = new Random(seed);
        for (int d = 0; d < deals; d++) {
            List<MarketReaction> left = new ArrayList<>(tested);
            Collections.shuffle(left, random);
            deal(left, counts);
        }
        Map<String, Rate> rates = new LinkedHashMap<>();
        counts.forEach((name, c) -> rates.put(name, new Rate(c[0], c[1], deals)));
        return rates;
    }

    /** One deal of the shuffled {@code left} into portfolios, each test's portfolios and rejections added up. */
    private static void deal(List<MarketReaction> left, Map<String, int[]> counts) {
        long h = Horizon.parse(left.get(0).getHorizon()).millis();
        while (true) {
            List<MarketReaction> portfolio = new ArrayList<>();
            for (Iterator<MarketReaction> it = left.iterator(); it.hasNext() && portfolio.size() < PORTFOLIO; ) {
                MarketReaction r = it.next();
                if (portfolio.stream().noneMatch(o -> overlap(o, r, h))) {
                    portfolio.add(r);
                    it.remove();
                }
            }
            if (portfolio.size() < PORTFOLIO) {
                break;
            }
            StudySums sums = EventStudyMath.empty();
            for (MarketReaction r : portfolio) {
                sums = EventStudyMath.add(sums, EventStudyMath.Observation.of(r));
            }
            EventStudy study = EventStudyMath.result("placebo", portfolio.get(0).getHorizon(), sums);
            TESTS.forEach((name, p) -> {
                Double value = p.apply(study);
                if (value != null) {
                    counts.get(name)[0]++;
                    counts.get(name)[1] += value < 0.05 ? 1 : 0;
                }
            });
        }
    }

    private static boolean overlap(MarketReaction a, MarketReaction b, long h) {
        return a.getTicker().equals(b.getTicker())
                && Math.abs(a.getEventTime().toEpochMilli() - b.getEventTime().toEpochMilli()) < h;
    }

    /** A markdown table: a row per test, a column per horizon. */
    static String table(Map<String, Map<String, Rate>> byHorizon) {
        StringBuilder sb = new StringBuilder("| test (portfolios of " + PORTFOLIO + ") |");
        byHorizon.keySet().forEach(h -> sb.append(' ').append(h).append(" |"));
        sb.append("\n|---|").append("---:|".repeat(byHorizon.size())).append('\n');
        for (String test : TESTS.keySet()) {
            sb.append("| ").append(test).append(" |");
            for (Map<String, Rate> rates : byHorizon.values()) {
                sb.append(rates.get(test).cell());
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
