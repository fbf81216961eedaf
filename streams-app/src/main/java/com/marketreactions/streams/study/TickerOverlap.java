package com.marketreactions.streams.study;

import com.marketreactions.schema.internal.StudyOverlap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How much a reaction's window shares with the earlier reactions of the same ticker in one study, for the
 * Kolari-Pynnönen adjustment (docs/event-study.md). The windows of one (group, horizon) all last the horizon h, so
 * two of one ticker share {@code max(0, h - |T0_i - T0_j|)} of it: the correlation of their SARs is taken as that
 * share, {@code max(0, 1 - |T0_i - T0_j| / h)} (the five outlets of one deal, minutes apart, are nearly one event).
 *
 * <p>Bounded: per (group, horizon, ticker), the T0s within {@code h + }{@link #SLACK} of the ticker's latest. A
 * reaction arriving more than {@link #SLACK} out of order for its ticker may find its partners dropped: it is
 * counted late rather than paired short (the reactions of a horizon reach the study in about T0 order, off by the
 * news lateness and the partitions' skew).
 */
final class TickerOverlap {

    /** How far out of T0 order a ticker's reactions may reach the study and still be paired exactly. */
    static final long SLACK = Duration.ofDays(1).toMillis();

    private TickerOverlap() {}

    /**
     * What one reaction adds: its overlaps with those before, their sum of squares, the triples it closes (for each
     * two earlier partners, the product of the three shares), whether it came too late to know them all.
     */
    record Step(double overlap, double overlapSquares, double overlapTriangles, boolean late, StudyOverlap after) {}

    static StudyOverlap empty() {
        return new StudyOverlap(new ArrayList<>(), null);
    }

    static Step add(StudyOverlap before, long t0, long horizonMillis) {
        double overlap = 0;
        double squares = 0;
        List<Long> partners = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        for (long t : before.getEventTimes()) {
            double share = share(t0, t, horizonMillis);
            if (share > 0) {
                partners.add(t);
                shares.add(share);
                overlap += share;
                squares += share * share;
            }
        }
        // each triple is counted once, by its last reaction to arrive: the other two are kept
        double triangles = 0;
        for (int i = 0; i < partners.size(); i++) {
            for (int j = i + 1; j < partners.size(); j++) {
                triangles += shares.get(i) * shares.get(j) * share(partners.get(i), partners.get(j), horizonMillis);
            }
        }
        Long dropped = before.getDroppedTo();
        boolean late = dropped != null && t0 - dropped < horizonMillis;
        List<Long> times = new ArrayList<>(before.getEventTimes());
        int at = Collections.binarySearch(times, t0);
        times.add(at < 0 ? -at - 1 : at, t0);
        long keepFrom = times.get(times.size() - 1) - horizonMillis - SLACK;
        int drop = 0;
        while (times.get(drop) < keepFrom) {
            dropped = dropped == null ? times.get(drop) : Math.max(dropped, times.get(drop));
            drop++;
        }
        return new Step(
                overlap,
                squares,
                triangles,
                late,
                new StudyOverlap(new ArrayList<>(times.subList(drop, times.size())), dropped));
    }

    /** The share of two windows of length h at these T0s that they have in common. */
    static double share(long t0, long t1, long horizonMillis) {
        return Math.max(0.0, 1.0 - Math.abs(t0 - t1) / (double) horizonMillis);
    }
}
