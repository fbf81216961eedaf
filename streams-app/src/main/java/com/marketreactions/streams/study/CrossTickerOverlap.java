package com.marketreactions.streams.study;

import com.marketreactions.schema.ResidualHours;
import com.marketreactions.schema.internal.StudyRecent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * How much a reaction's window shares with the recent reactions of other tickers in one study, and how their
 * residuals correlate, for the Kolari-Pynnönen adjustment across tickers (docs/event-study.md). Two reactions of
 * different tickers whose windows share {@code a} of the horizon have SARs correlated {@code a} times their tickers'
 * residual correlation; the study takes that correlation as the group's one {@code rho}, the share-weighted mean of
 * the pairs' correlations of their {@code residualHours} (a single number: one pair's hours, some 80 of them, give
 * its correlation to about 0.1, the group's pairs together far better). What is summed per reaction is then free of
 * rho: the shares, their squares, the triples' products by how many of their pairs cross tickers.
 *
 * <p>Bounded: the {@code study-recent} store keeps, per (group, horizon), the reactions within {@code h + }
 * {@link #GRACE} of the latest T0, keyed so that a range of keys is a range of T0.
 */
final class CrossTickerOverlap {

    /**
     * How far behind the group's latest T0 a reaction may reach the study and still be paired with every other
     * ticker's reaction. Reactions of one ticker reach it in T0 order (one partition, one clock), those of two tickers
     * need not: a halted name's windows close only when its clock moves again, or at the end of a replay. Beyond this
     * a reaction is paired with what is kept and counted ({@code crossLate}), as Kafka's windowed joins count what
     * comes after their grace.
     */
    static final long GRACE = java.time.Duration.ofDays(7).toMillis();

    /** Fewest hours two reactions' residual hours have in common for their correlation to be taken. */
    static final int MIN_COMMON_HOURS = 20;

    private final KeyValueStore<String, StudyRecent> recent;

    CrossTickerOverlap(KeyValueStore<String, StudyRecent> recent) {
        this.recent = recent;
    }

    /**
     * What one reaction adds over the pairs of it and an earlier reaction of another ticker: their shares, the
     * shares' squares, the share times the pair's residual correlation and the share of the pairs that have one; the
     * triples it closes with two earlier reactions, by how many of their three pairs cross tickers (two or three;
     * none is {@link TickerOverlap}'s); whether it came too late to know them all; the store's latest and dropped T0
     * after it.
     */
    record Step(
            double overlap,
            double squares,
            double correlated,
            double correlatedShare,
            double triangles2,
            double triangles3,
            boolean late,
            long latest,
            Long droppedTo) {}

    /**
     * Pairs the reaction with the study's recent ones, then keeps it.
     *
     * @param study the study's key, {@code group|horizon}
     * @param newsId the reaction's news, which with its ticker and T0 makes its entry unique
     * @param latest the latest T0 kept before it, null for none
     * @param droppedTo the latest T0 dropped, null for none
     */
    Step add(
            String study,
            String ticker,
            String newsId,
            long t0,
            ResidualHours hours,
            long horizonMillis,
            Long latest,
            Long droppedTo) {
        List<StudyRecent> partners = new ArrayList<>();
        try (KeyValueIterator<String, StudyRecent> it =
                recent.range(key(study, Math.max(0, t0 - horizonMillis + 1)), key(study, t0 + horizonMillis))) {
            while (it.hasNext()) {
                StudyRecent p = it.next().value;
                if (TickerOverlap.share(t0, p.getEventTime(), horizonMillis) > 0) {
                    partners.add(p);
                }
            }
        }
        double overlap = 0;
        double squares = 0;
        double correlated = 0;
        double correlatedShare = 0;
        for (StudyRecent p : partners) {
            if (!p.getTicker().equals(ticker)) {
                double a = TickerOverlap.share(t0, p.getEventTime(), horizonMillis);
                overlap += a;
                squares += a * a;
                Double rho = hours == null || p.getFirstHour() == null
                        ? null
                        : correlation(hours.getFirstHour(), hours.getZ(), p.getFirstHour(), p.getHourZ());
                if (rho != null) {
                    correlated += a * rho;
                    correlatedShare += a;
                }
            }
        }
        // the triples (this, j, k): weighed by the products of the shares, sorted by how many pairs cross tickers
        List<StudyRecent> same = new ArrayList<>();
        List<StudyRecent> others = new ArrayList<>();
        Map<String, List<StudyRecent>> byOtherTicker = new HashMap<>();
        for (StudyRecent p : partners) {
            if (p.getTicker().equals(ticker)) {
                same.add(p);
            } else {
                others.add(p);
                byOtherTicker
                        .computeIfAbsent(p.getTicker(), k -> new ArrayList<>())
                        .add(p);
            }
        }
        double all = pairSum(partners, t0, horizonMillis);
        double withinSame = pairSum(same, t0, horizonMillis);
        double withinOthers = pairSum(others, t0, horizonMillis);
        double withinOneOther = 0;
        for (List<StudyRecent> one : byOtherTicker.values()) {
            withinOneOther += pairSum(one, t0, horizonMillis);
        }
        double triangles2 = (all - withinSame - withinOthers) + withinOneOther;
        double triangles3 = withinOthers - withinOneOther;

        boolean late = droppedTo != null && t0 - droppedTo < horizonMillis;
        recent.put(
                key(study, t0) + "|" + ticker + "|" + newsId,
                new StudyRecent(
                        ticker,
                        t0,
                        hours == null ? null : hours.getFirstHour(),
                        hours == null ? List.of() : hours.getZ()));
        long newest = latest == null ? t0 : Math.max(latest, t0);
        Long dropped = droppedTo;
        long keepFrom = newest - horizonMillis - GRACE;
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, StudyRecent> it = recent.range(key(study, 0), key(study, keepFrom))) {
            while (it.hasNext()) {
                KeyValue<String, StudyRecent> kv = it.next();
                if (kv.value.getEventTime() < keepFrom) {
                    stale.add(kv.key);
                    dropped = dropped == null ? kv.value.getEventTime() : Math.max(dropped, kv.value.getEventTime());
                }
            }
        }
        stale.forEach(recent::delete);
        return new Step(overlap, squares, correlated, correlatedShare, triangles2, triangles3, late, newest, dropped);
    }

    /**
     * The sum over pairs j < k of these reactions (sorted by T0) of {@code a_j a_k s_jk}: a the share with the new
     * reaction at {@code t0}, s the pair's own. One pass: the shares with the k-th of those less than a horizon before
     * it are {@code 1 - (t_k - t_j) / h}, summed from the window's sums of a and a t (t from t0, so no cancellation).
     */
    static double pairSum(List<StudyRecent> sorted, long t0, long horizonMillis) {
        double h = horizonMillis;
        double sumA = 0;
        double sumAt = 0;
        double total = 0;
        int head = 0;
        for (int k = 0; k < sorted.size(); k++) {
            long tk = sorted.get(k).getEventTime();
            while (head < k && tk - sorted.get(head).getEventTime() >= horizonMillis) {
                StudyRecent gone = sorted.get(head++);
                double a = TickerOverlap.share(t0, gone.getEventTime(), horizonMillis);
                sumA -= a;
                sumAt -= a * (gone.getEventTime() - t0);
            }
            double ak = TickerOverlap.share(t0, tk, horizonMillis);
            double t = tk - t0;
            total += ak * ((1 - t / h) * sumA + sumAt / h);
            sumA += ak;
            sumAt += ak * t;
        }
        return total;
    }

    /**
     * The correlation of two reactions' residual hours over the span both cover: the products of the same hour and
     * of each hour with the other's next, over the root of the two sums of squares. The lagged products are the
     * classic correction for asynchronous prices (the Epps effect): a thin name's hour runs from a trade minutes or
     * an hour old, and its move shows in its next hour as much as in the other's same one. Null with fewer than
     * {@link #MIN_COMMON_HOURS} hours where both have a trade.
     */
    static Double correlation(long firstA, List<Double> a, long firstB, List<Double> b) {
        long from = Math.max(firstA, firstB);
        long to = Math.min(firstA + a.size(), firstB + b.size());
        double ab = 0;
        double aa = 0;
        double bb = 0;
        int common = 0;
        for (long hour = from; hour < to; hour++) {
            double x = a.get((int) (hour - firstA));
            double y = b.get((int) (hour - firstB));
            ab += x * y;
            if (hour + 1 < to) {
                ab += x * b.get((int) (hour + 1 - firstB)) + a.get((int) (hour + 1 - firstA)) * y;
            }
            aa += x * x;
            bb += y * y;
            if (x != 0 && y != 0) {
                common++;
            }
        }
        return common < MIN_COMMON_HOURS ? null : ab / Math.sqrt(aa * bb);
    }

    /** The store's keys of a study at a T0: the T0 in 13 digits, so that keys sort as their T0s do. */
    private static String key(String study, long t0) {
        return study + "|" + String.format("%013d", t0);
    }
}
