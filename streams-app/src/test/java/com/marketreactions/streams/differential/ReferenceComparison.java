package com.marketreactions.streams.differential;

import com.marketreactions.schema.MarketReaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the FINAL reactions of a run with the batch reference's: the same key set, and field by field
 * ({@link ReactionDiff}) for every reaction, with one allowance. A late news is computed from whatever history
 * the stream retained: when the stream's reaction to it carries {@code HISTORY_TRUNCATED} (and the reference
 * says the news was late) only the identity fields are compared, and the reaction must carry LATE_NEWS; those
 * cases are counted. A non-late news must match on every field, flags included.
 */
public final class ReferenceComparison {

    public static final String HISTORY_TRUNCATED = "HISTORY_TRUNCATED";
    public static final String LATE_NEWS = "LATE_NEWS";
    /** What identifies a reaction and its news, whatever history it was computed from. */
    public static final Set<String> IDENTITY = Set.of(
            "newsId",
            "ticker",
            "horizon",
            "status",
            "eventTime",
            "benchmark",
            "headline",
            "source",
            "sentiment",
            "newsTickers");

    /**
     * @param problems one line per disagreement, in key order: missing, extra, then differing fields
     * @param truncatedLateNews reactions of late news that the stream flagged HISTORY_TRUNCATED (compared by
     *                          identity only)
     */
    public record Outcome(List<String> problems, int truncatedLateNews) {

        public boolean agree() {
            return problems.isEmpty();
        }
    }

    private ReferenceComparison() {}

    public static Outcome compare(Map<String, MarketReaction> expected, Map<String, MarketReaction> actual) {
        List<String> problems = new ArrayList<>();
        Set<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(actual.keySet());
        Set<String> extra = new TreeSet<>(actual.keySet());
        extra.removeAll(expected.keySet());
        missing.forEach(k -> problems.add(k + ": expected a FINAL reaction, none emitted"));
        extra.forEach(k -> problems.add(k + ": FINAL reaction emitted that the reference does not have"));
        int truncated = 0;
        for (Map.Entry<String, MarketReaction> e : new TreeMap<>(expected).entrySet()) {
            MarketReaction a = actual.get(e.getKey());
            if (a == null) {
                continue;
            }
            boolean lateInReference = flags(e.getValue()).contains(LATE_NEWS);
            if (lateInReference && flags(a).contains(HISTORY_TRUNCATED)) {
                truncated++;
                for (String d : ReactionDiff.diff(e.getValue(), a, IDENTITY)) {
                    problems.add(e.getKey() + " (late news, history truncated) " + d);
                }
                if (!flags(a).contains(LATE_NEWS)) {
                    problems.add(e.getKey() + " (late news, history truncated) flags: LATE_NEWS missing from "
                            + a.getFlags());
                }
                continue;
            }
            for (String d : ReactionDiff.diff(e.getValue(), a)) {
                problems.add(e.getKey() + " " + d);
            }
        }
        return new Outcome(problems, truncated);
    }

    private static Set<String> flags(MarketReaction r) {
        Set<String> out = new TreeSet<>();
        for (CharSequence f : r.getFlags()) {
            out.add(f.toString());
        }
        return out;
    }
}
