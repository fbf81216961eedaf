package com.marketreactions.cli;

import com.marketreactions.schema.EventStudy;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints event studies as a table: one row per group and horizon. */
final class StudyTable {

    private static final String ROW = "  %-28s %-6s %4s %4s %9s %14s %14s %14s %14s %14s %14s %14s %14s%n";

    private StudyTable() {}

    static void print(List<EventStudy> studies, PrintStream out) {
        if (studies.isEmpty()) {
            return;
        }
        out.println("Event study (CAAR and its tests, p two-sided; n = reactions with a model and a z-score, "
                + "no z = those without):");
        out.println(
                "  KP-BMP = BMP adjusted for correlated SARs, overlapping windows of one ticker or of correlated ones (Kolari-Pynnonen 2010); "
                        + "Hall t = skewness-corrected t of SAR (Hall 1992); Wilcoxon = signed-rank z of SAR;");
        out.println("  GRANK = generalized rank z of each z-score among its estimation residuals "
                + "(Kolari-Pynnonen 2011)");
        out.printf(
                ROW,
                "group",
                "horiz",
                "n",
                "no z",
                "CAAR",
                "csect t (p)",
                "Patell z (p)",
                "BMP t (p)",
                "KP-BMP t (p)",
                "gen. sign z (p)",
                "Hall skew t (p)",
                "Wilcoxon z (p)",
                "GRANK z (p)");
        List<EventStudy> thin = studies.stream().filter(s -> s.getN() < 2).toList();
        for (EventStudy s : studies) {
            if (s.getN() < 2) {
                continue; // no test stands on fewer than two reactions
            }
            out.printf(
                    ROW,
                    s.getGroup(),
                    s.getHorizon(),
                    s.getN(),
                    s.getExcluded(),
                    ReactionTable.pct(s.getCaar()),
                    stat(s.getCsectT(), s.getCsectP()),
                    stat(s.getPatellZ(), s.getPatellP()),
                    stat(s.getBmpT(), s.getBmpP()),
                    stat(s.getBmpKpT(), s.getBmpKpP()),
                    stat(s.getGenSignZ(), s.getGenSignP()),
                    stat(s.getSkewT(), s.getSkewP()),
                    stat(s.getWilcoxonZ(), s.getWilcoxonP()),
                    stat(s.getGrankZ(), s.getGrankP()));
        }
        if (!thin.isEmpty()) {
            out.printf(
                    "  (%d group-horizons with fewer than 2 reactions not shown: %s)%n",
                    thin.size(),
                    String.join(
                            ", ",
                            thin.stream().map(EventStudy::getGroup).distinct().toList()));
        }
        out.println();
    }

    private static String stat(Double value, Double p) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f (%.3f)%s", value, p, p < 0.05 ? "*" : "");
    }
}
