package com.marketreactions.streams.reaction;

/**
 * The estimation points of a (news, ticker) (spec 6): each minute k where s and m both have closes at k and k - 1,
 * with the two 1-minute returns and the minute's start.
 */
record EstimationPoints(double[] rs, double[] rm, long[] minutes, int n) {

    /** The points of the stock's and the benchmark's closes, paired by minute. */
    static EstimationPoints of(MinuteCloses cs, MinuteCloses cm) {
        int cap = Math.min(cs.n(), cm.n());
        double[] rs = new double[cap];
        double[] rm = new double[cap];
        long[] minutes = new long[cap];
        int n = 0;
        int j = 0;
        for (int i = 1; i < cs.n(); i++) {
            long k = cs.bucket(i);
            if (cs.bucket(i - 1) != k - 1) {
                continue;
            }
            while (j < cm.n() && cm.bucket(j) < k) {
                j++;
            }
            if (j < cm.n() && cm.bucket(j) == k && j > 0 && cm.bucket(j - 1) == k - 1) {
                rs[n] = cs.close(i) / cs.close(i - 1) - 1;
                rm[n] = cm.close(j) / cm.close(j - 1) - 1;
                minutes[n] = k * ReactionCalculator.BAR_MS;
                n++;
            }
        }
        return new EstimationPoints(rs, rm, minutes, n);
    }

    /** The start of point i's minute (epoch ms). */
    long minute(int i) {
        return minutes[i];
    }
}
