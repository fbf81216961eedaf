package com.marketreactions.streams.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.marketreactions.schema.EventStudy;
import com.marketreactions.schema.ReactionModel;
import com.marketreactions.schema.internal.StudyOverlap;
import com.marketreactions.schema.internal.StudySums;
import com.marketreactions.streams.reaction.EstimationRanks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The study's statistics against implementations nobody here wrote, on the same inputs: R's {@code wilcox.test},
 * estudy2's {@code wilcoxon_test} and EventStudy's (sipemu/eventstudy) CSectT, Patell, BMP, generalized sign and
 * Kolari-Pynnönen tests, run once by {@code study-fixtures/make-fixtures.R} (how, in that folder's README). The
 * inputs are written with 17 significant digits, so both sides start from the same doubles; they differ only in
 * the order of their sums: 1e-12 relative.
 */
class OutsideImplementationFixturesTest {

    private static final double RELATIVE = 1e-12;

    @Test
    void theStudysStatisticsEqualTheOutsideImplementations() throws IOException {
        StudySums s = EventStudyMath.empty();
        for (Map<String, String> row : csv("inputs.csv")) {
            s = EventStudyMath.add(
                    s,
                    new EventStudyMath.Observation(
                            Double.parseDouble(row.get("car")),
                            Double.parseDouble(row.get("sar")),
                            ReactionModel.MARKET_MODEL, // EventStudy's market model: its Patell term (M - 2)/(M - 4)
                            Integer.parseInt(row.get("m")),
                            Double.parseDouble(row.get("p")),
                            null,
                            List.of(),
                            List.of(),
                            "F" + row.get("event"),
                            0L));
        }
        EventStudy r = EventStudyMath.result("all", "PT30M", s);
        Map<String, Double> want = values("outputs.csv");
        close(want.get("caar"), r.getCaar(), "caar (EventStudy::CSectTTest)");
        close(want.get("csectT"), r.getCsectT(), "csectT (EventStudy::CSectTTest)");
        close(want.get("patellZ"), r.getPatellZ(), "patellZ (EventStudy::PatellZTest)");
        close(want.get("bmpT"), r.getBmpT(), "bmpT (EventStudy::BMPTest)");
        close(want.get("genSignZ"), r.getGenSignZ(), "genSignZ (EventStudy::GeneralizedSignTest)");
        double v = SignedRankSums.positiveRankSum(s.getSignedRanks());
        assertEquals(want.get("wilcoxonV"), v, 0.0, "V (stats::wilcox.test), exact: integer counts");
        assertEquals(want.get("wilcoxonV.estudy2"), v, 0.0, "V (estudy2::wilcoxon_test)");
        close(want.get("wilcoxonZ"), r.getWilcoxonZ(), "wilcoxonZ (stats::wilcox.test)");
        close(want.get("wilcoxonP"), r.getWilcoxonP(), "wilcoxonP (stats::wilcox.test)");
    }

    @Test
    void theKolariPynnonenAdjustmentEqualsEventStudysOnTheCorrelationsTheStudyAssumes() throws IOException {
        StudySums s = EventStudyMath.empty();
        Map<String, StudyOverlap> overlaps = new HashMap<>();
        long h = java.time.Duration.ofHours(1).toMillis();
        for (Map<String, String> row : csv("kp-inputs.csv")) {
            EventStudyMath.Observation o = new EventStudyMath.Observation(
                    0.0,
                    Double.parseDouble(row.get("sar")),
                    ReactionModel.MARKET_MODEL,
                    100,
                    null,
                    null,
                    List.of(),
                    List.of(),
                    row.get("ticker"),
                    Long.parseLong(row.get("t0")));
            s = EventStudyMath.add(s, o);
            TickerOverlap.Step step =
                    TickerOverlap.add(overlaps.getOrDefault(o.ticker(), TickerOverlap.empty()), o.eventTime(), h);
            overlaps.put(o.ticker(), step.after());
            s = EventStudyMath.addOverlap(
                    s, step.overlap(), step.overlapSquares(), step.overlapTriangles(), step.late());
        }
        EventStudy r = EventStudyMath.result("all", "PT1H", s);
        Map<String, Double> want = values("kp-outputs.csv");
        // r: the package's mean off-diagonal sample correlation of estimation SARs built to have these correlations
        close(want.get("overlapR"), r.getOverlapR(), "overlapR");
        close(want.get("bmpT"), r.getBmpT(), "bmpT (EventStudy::BMPTest)");
        close(want.get("bmpKpT"), r.getBmpKpT(), "bmpKpT (EventStudy::KolariPynnonenTest)");
    }

    /**
     * Our U of each event's z-score among its standardized residuals, averaged, is EventStudy's {@code RankTest}
     * event-day {@code mean_rank} (one sigma per firm: its ranks of sigma times the same values are the same); the
     * GRANK z from the package's mean, by hand: n mean / sqrt(sum (T - 1) / (12 (T + 1))).
     */
    @Test
    void theGeneralizedRanksAverageToEventStudysMeanRank() throws IOException {
        Map<String, List<Double>> residuals = new LinkedHashMap<>();
        Map<String, Double> z = new HashMap<>();
        for (Map<String, String> row : csv("rank-inputs.csv")) {
            double x = Double.parseDouble(row.get("standardized"));
            if (row.get("relative_index").equals("0")) {
                z.put(row.get("event"), x);
            } else {
                residuals
                        .computeIfAbsent(row.get("event"), k -> new ArrayList<>())
                        .add(x);
            }
        }
        StudySums s = EventStudyMath.empty();
        double sumU = 0;
        double variance = 0;
        for (Map.Entry<String, List<Double>> e : residuals.entrySet()) {
            double[] est =
                    e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            EstimationRanks ranks = EstimationRanks.of(est);
            double u = ranks.centeredRank(z.get(e.getKey()));
            int t = ranks.observations();
            assertEquals(est.length + 1, t);
            sumU += u;
            variance += (t - 1.0) / (12.0 * (t + 1));
            s = EventStudyMath.add(
                    s,
                    new EventStudyMath.Observation(
                            0.0, 0.0, ReactionModel.MARKET_MODEL, est.length, null, u, List.of(), List.of(), "X", 0L));
        }
        Map<String, Double> want = values("rank-outputs.csv");
        int n = residuals.size();
        assertEquals(want.get("n"), n, 0.0, "events");
        close(want.get("meanRank"), sumU / n, "mean U (EventStudy::RankTest mean_rank)");
        close(
                n * want.get("meanRank") / Math.sqrt(variance),
                EventStudyMath.result("all", "PT5M", s).getGrankZ(),
                "grankZ from RankTest's mean_rank");
    }

    private static void close(double expected, Double actual, String what) {
        assertEquals(expected, actual, RELATIVE * Math.max(1, Math.abs(expected)), what);
    }

    private static Map<String, Double> values(String name) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map<String, String> row : csv(name)) {
            out.put(row.get("statistic"), Double.parseDouble(row.get("value")));
        }
        return out;
    }

    /** A fixture's rows by column name (plain CSV: no quotes, no commas in values). */
    private static List<Map<String, String>> csv(String name) throws IOException {
        try (InputStream in = OutsideImplementationFixturesTest.class.getResourceAsStream("/study-fixtures/" + name)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            String[] head = lines[0].trim().split(",");
            List<Map<String, String>> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] cells = lines[i].trim().split(",");
                Map<String, String> row = new HashMap<>();
                for (int c = 0; c < head.length; c++) {
                    row.put(head[c], cells[c].trim());
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
