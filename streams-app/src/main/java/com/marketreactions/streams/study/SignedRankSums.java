package com.marketreactions.streams.study;

import com.marketreactions.schema.internal.SignedRanks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The Wilcoxon signed-rank test of a group's SARs with bounded state: each SAR is quantised to hundredths (|SAR|
 * clamped at 100) and counted per magnitude and sign, so a group keeps at most {@link #MAX_KEY} magnitudes however
 * many reactions it has (a few hundred in practice: SARs are mostly within ±5). The test is then the exact
 * Wilcoxon test of the quantised values: counts are integers, so the order of arrival changes nothing, and R's
 * {@code wilcox.test(x, exact = FALSE, correct = TRUE)} on the same quantised values gives the same statistic.
 *
 * <p>Quantising ties values within 0.01 of each other; the tie correction accounts for them. On 2,000 heavy-tailed
 * SARs it moves z by less than 0.01 (EventStudyMathTest measures it: 0.009 at most over 20 samples), e.g. a
 * two-sided p of 0.0455 to between 0.0446 and 0.0464. A finer step would multiply the bound of the state (10,000
 * magnitudes, about 40 kB at most, a few kB in practice) by as much.
 */
final class SignedRankSums {

    /** The largest magnitude kept, in hundredths: |SAR| of 100 and more count as 100. */
    static final int MAX_KEY = 10_000;

    private SignedRankSums() {}

    static SignedRanks empty() {
        return new SignedRanks(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    /** {@code round(|x| * 100)}, half up, at most {@link #MAX_KEY}; 0 for a SAR the test drops. */
    static int key(double sar) {
        return (int) Math.min(MAX_KEY, Math.round(Math.abs(sar) * 100));
    }

    /** The counts with one more SAR (a copy; a quantised zero changes nothing). */
    static SignedRanks add(SignedRanks r, double sar) {
        int key = key(sar);
        if (key == 0) {
            return r;
        }
        List<Integer> keys = new ArrayList<>(r.getHundredths());
        List<Integer> pos = new ArrayList<>(r.getPositive());
        List<Integer> neg = new ArrayList<>(r.getNegative());
        int at = Collections.binarySearch(keys, key);
        if (at < 0) {
            at = -at - 1;
            keys.add(at, key);
            pos.add(at, 0);
            neg.add(at, 0);
        }
        if (sar > 0) {
            pos.set(at, pos.get(at) + 1);
        } else {
            neg.set(at, neg.get(at) + 1);
        }
        return new SignedRanks(keys, pos, neg);
    }

    /** V: the sum of the mid-ranks of |x| over the positive x (R's {@code wilcox.test} statistic). */
    static double positiveRankSum(SignedRanks r) {
        long below = 0;
        double v = 0;
        for (int i = 0; i < r.getHundredths().size(); i++) {
            long t = (long) r.getPositive().get(i) + r.getNegative().get(i);
            v += r.getPositive().get(i) * (below + (t + 1) / 2.0);
            below += t;
        }
        return v;
    }

    /**
     * The normal approximation of R's {@code wilcox.test} with {@code exact = FALSE, correct = TRUE}: V = the sum of
     * the mid-ranks of |x| over positive x, {@code z = (V - n(n+1)/4 - sgn/2) / sqrt(n(n+1)(2n+1)/24 - sum(t^3 -
     * t)/48)}, n the nonzero values, t the sizes of tied groups; null when there is no nonzero value.
     */
    static Double z(SignedRanks r) {
        long n = 0;
        double v = 0;
        double ties = 0;
        for (int i = 0; i < r.getHundredths().size(); i++) {
            long pos = r.getPositive().get(i);
            long t = pos + r.getNegative().get(i);
            // the tied values take ranks n + 1 .. n + t: their mid-rank is n + (t + 1) / 2
            v += pos * (n + (t + 1) / 2.0);
            ties += (double) t * t * t - t;
            n += t;
        }
        if (n == 0) {
            return null;
        }
        double centred = v - n * (n + 1) / 4.0;
        double sd = Math.sqrt(n * (n + 1) * (2.0 * n + 1) / 24 - ties / 48);
        return sd == 0 ? null : (centred - Math.signum(centred) * 0.5) / sd;
    }
}
