package com.marketreactions.streams.calibration;

import com.marketreactions.schema.EventStudy;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.internal.StudySums;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.calibration.StudySize.Rate;
import com.marketreactions.streams.study.EventStudyMath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The size of BMP's t and of its Kolari-Pynnönen adjustment on clustered events: runs of {@value #RUN} consecutive
 * placebos of one ticker (as five outlets report one deal, one after another), {@value #RUNS} runs of different
 * tickers to a portfolio of 25. Where a run's windows overlap (all of P1D's, some of PT1H's) its SARs share their
 * moves and BMP's t over-rejects; the adjustment, with each same-ticker pair's correlation taken as the share of the
 * window the two have in common, should bring it back to 5%. Each portfolio's study is computed as a group's is, its
 * overlaps added as the aggregator adds them ({@link EventStudyMath#addOverlap}).
 */
final class ClusteredStudySize {

    static final int RUN = 5;
    static final int RUNS = 5;

    /** BMP's t and the adjusted t on the clustered portfolios, and the sum of their mean correlations r. */
    record Clustered(Rate bmp, Rate adjusted, double sumR) {
        double meanR() {
            return sumR / bmp.portfolios();
        }

        Clustered plus(Clustered other) {
            return new Clustered(bmp.plus(other.bmp), adjusted.plus(other.adjusted), sumR + other.sumR);
        }
    }

    private ClusteredStudySize() {}

    /** The rates over {@code deals} deals of the runs of {@code placebos} (FINALs of one horizon). */
    static Clustered measure(List<MarketReaction> placebos, long seed, int deals) {
        Map<String, List<MarketReaction>> byTicker = new TreeMap<>();
        for (MarketReaction r : placebos) {
            if (r.getZScore() != null) {
                byTicker.computeIfAbsent(r.getTicker(), k -> new ArrayList<>()).add(r);
            }
        }
        List<List<MarketReaction>> runs = new ArrayList<>();
        for (List<MarketReaction> ofTicker : byTicker.values()) {
            ofTicker.sort(Comparator.comparing(MarketReaction::getEventTime));
            for (int i = 0; i + RUN <= ofTicker.size(); i += RUN) {
                runs.add(ofTicker.subList(i, i + RUN));
            }
        }
        long h = Horizon.parse(placebos.get(0).getHorizon()).millis();
        int[] bmp = new int[2];
        int[] adjusted = new int[2];
        double sumR = 0;
        Random random = new Random(seed);
        for (int d = 0; d < deals; d++) {
            List<List<MarketReaction>> left = new ArrayList<>(runs);
            Collections.shuffle(left, random);
            while (true) {
                List<List<MarketReaction>> portfolio = new ArrayList<>();
                Set<String> tickers = new HashSet<>();
                for (Iterator<List<MarketReaction>> it = left.iterator(); it.hasNext() && portfolio.size() < RUNS; ) {
                    List<MarketReaction> run = it.next();
                    if (tickers.add(run.get(0).getTicker())) {
                        portfolio.add(run);
                        it.remove();
                    }
                }
                if (portfolio.size() < RUNS) {
                    break;
                }
                EventStudy study = study(portfolio, h);
                count(bmp, study.getBmpP());
                count(adjusted, study.getBmpKpP());
                if (study.getBmpP() != null) {
                    sumR += study.getOverlapR(); // over the portfolios BMP's rate counts, which meanR divides by
                }
            }
        }
        return new Clustered(new Rate(bmp[0], bmp[1], deals), new Rate(adjusted[0], adjusted[1], deals), sumR);
    }

    /** A portfolio's study: its runs of one ticker each, every reaction's overlap with those before it in its run. */
    private static EventStudy study(List<List<MarketReaction>> portfolio, long h) {
        StudySums sums = EventStudyMath.empty();
        for (List<MarketReaction> run : portfolio) {
            for (int i = 0; i < run.size(); i++) {
                long t0 = run.get(i).getEventTime().toEpochMilli();
                double overlap = 0;
                double squares = 0;
                double triangles = 0;
                for (int j = 0; j < i; j++) {
                    double share = share(run.get(i), run.get(j), h);
                    overlap += share;
                    squares += share * share;
                    for (int k = j + 1; k < i; k++) {
                        triangles += share * share(run.get(i), run.get(k), h) * share(run.get(j), run.get(k), h);
                    }
                }
                sums = EventStudyMath.add(sums, EventStudyMath.Observation.of(run.get(i)));
                sums = EventStudyMath.addOverlap(sums, overlap, squares, triangles, false);
            }
        }
        return EventStudyMath.result(
                "clustered placebo", portfolio.get(0).get(0).getHorizon(), sums);
    }

    /** The share of their windows two reactions of one horizon {@code h} have in common. */
    private static double share(MarketReaction a, MarketReaction b, long h) {
        long apart = Math.abs(a.getEventTime().toEpochMilli() - b.getEventTime().toEpochMilli());
        return Math.max(0.0, 1.0 - apart / (double) h);
    }

    private static void count(int[] c, Double p) {
        if (p != null) {
            c[0]++;
            c[1] += p < 0.05 ? 1 : 0;
        }
    }

    /** A markdown table: a column per horizon, rows for BMP's t, the adjusted t and the mean r. */
    static String table(Map<String, Clustered> byHorizon) {
        StringBuilder sb = new StringBuilder("| clustered portfolios (" + RUNS + " runs of " + RUN + ") |");
        byHorizon.keySet().forEach(h -> sb.append(' ').append(h).append(" |"));
        sb.append("\n|---|").append("---:|".repeat(byHorizon.size())).append('\n');
        sb.append("| BMP t |");
        byHorizon.values().forEach(c -> sb.append(c.bmp().cell()));
        sb.append("\n| BMP t, Kolari-Pynnönen adj. |");
        byHorizon.values().forEach(c -> sb.append(c.adjusted().cell()));
        sb.append("\n| mean r |");
        byHorizon.values().forEach(c -> sb.append(String.format(Locale.ROOT, " %.3f |", c.meanR())));
        return sb.append('\n').toString();
    }
}
