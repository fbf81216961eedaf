package com.marketreactions.producers.files;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the bad lines of a file: counts all of them, keeps the first {@link #LIMIT} for the report.
 */
public final class LineErrors {

    /** How many bad lines are reported one by one; the rest are summed up in one line. */
    public static final int LIMIT = 100;

    private final List<LineError> shown = new ArrayList<>();
    private long total;

    public void add(LineError error) {
        total++;
        if (shown.size() < LIMIT) {
            shown.add(error);
        }
    }

    public boolean isEmpty() {
        return total == 0;
    }

    /** Every bad line seen, including those beyond the limit. */
    public long total() {
        return total;
    }

    /** The first {@link #LIMIT} bad lines. */
    public List<LineError> shown() {
        return List.copyOf(shown);
    }

    /** The report: one {@code file:line: reason} per shown line, then {@code ... and N more bad lines}. */
    public List<String> lines() {
        return render(shown, total);
    }

    static List<String> render(List<LineError> shown, long total) {
        List<String> out = new ArrayList<>(shown.size() + 1);
        shown.forEach(e -> out.add(e.toString()));
        if (total > shown.size()) {
            out.add("... and " + (total - shown.size()) + " more bad lines");
        }
        return out;
    }
}
