package com.marketreactions.producers.files;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lines a vendor format's rules leave out (a cancelled trade, an average-price print): valid lines that are not
 * a price at their time, counted by reason and reported, never errors and never silent.
 */
final class LeftOut {

    private final Map<String, Long> counts = new TreeMap<>();

    /** Counts one line left out for {@code reason}; returns null, what the parser hands back for it. */
    <T> T because(String reason) {
        counts.merge(reason, 1L, Long::sum);
        return null;
    }

    /** Adds the counts of {@code other} (those of a line found good only once all of it was read). */
    void add(LeftOut other) {
        other.counts.forEach((reason, n) -> counts.merge(reason, n, Long::sum));
    }

    Map<String, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }
}
