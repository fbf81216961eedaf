package com.marketreactions.streams.differential;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The batch reference's own generalized rank (docs/method.md#the-generalized-rank), apart from the topology's {@code
 * EstimationRanks}: the z-score appended to the standardized estimation residuals, all of them sorted and given
 * mid-ranks tie group by tie group (as R's {@code rank}), the z-score's rank read back by its position.
 */
final class ReferenceRank {

    private ReferenceRank() {}

    /**
     * U of {@code z} among the residuals, each over {@code sigma sqrt(weight of its part)}; {@code weights} per part,
     * {@code parts} the part of each residual's minute.
     */
    static double centeredRank(double z, List<Double> residuals, List<Integer> parts, double[] weights, double sigma) {
        List<Double> x = new ArrayList<>();
        for (int i = 0; i < residuals.size(); i++) {
            double e = residuals.get(i);
            x.add(e == 0 ? 0 : e / (sigma * Math.sqrt(weights[parts.get(i)])));
        }
        x.add(z);
        int t = x.size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < t; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(x::get));
        double[] rank = new double[t];
        int i = 0;
        while (i < t) {
            int j = i;
            while (j + 1 < t && x.get(order.get(j + 1)).doubleValue() == x.get(order.get(i))) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                rank[order.get(k)] = (i + j + 2) / 2.0; // positions i .. j hold ranks i + 1 .. j + 1
            }
            i = j + 1;
        }
        return rank[t - 1] / (t + 1) - 0.5;
    }
}
