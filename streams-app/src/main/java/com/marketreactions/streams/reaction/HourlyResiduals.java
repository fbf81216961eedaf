package com.marketreactions.streams.reaction;

import com.marketreactions.schema.ResidualHours;
import java.util.ArrayList;
import java.util.List;

/**
 * A reaction's estimation window hour by hour, for the event study's correlation across tickers
 * (docs/event-study.md): each whole clock hour of {@code [t0 - E, t0)} read as a window of its own, its abnormal
 * return {@code r_s - beta r_m} from the last trades before the hour to the last ones in it, over
 * sigma times the square root of the variance the profile states for those intervals. That is a reaction's z-score
 * for a window of that hour, unit variance under the model: two tickers' hours correlate as their windows' SARs do.
 *
 * <p>Hours, not minutes: a thin name's minute returns cover a fraction of its moves (only minutes with a close at
 * both ends are points), and two names' one-minute returns correlate less than their longer ones (the Epps effect);
 * an hour's return runs from trade to trade and misses nothing. Clock hours (the epoch's), so that two reactions'
 * hours line up whatever their estimation windows.
 */
final class HourlyResiduals {

    static final long HOUR_MS = 3_600_000L;

    private final SessionClock clock;
    private final ModelFit fit;
    private final VarianceProfile profile;
    private final TickSeries stock;
    private final TickSeries bench;
    private final long from;

    private HourlyResiduals(
            SessionClock clock, ModelFit fit, VarianceProfile profile, TickSeries stock, TickSeries bench, long from) {
        this.clock = clock;
        this.fit = fit;
        this.profile = profile;
        this.stock = stock;
        this.bench = bench;
        this.from = from;
    }

    /** The hours of {@code [from, t0)}; null when none is whole. */
    static ResidualHours of(
            SessionClock clock,
            ModelFit fit,
            VarianceProfile profile,
            TickSeries stock,
            TickSeries bench,
            long from,
            long t0) {
        long first = Math.floorDiv(from - 1, HOUR_MS) + 1; // the first hour starting at or after from
        long last = Math.floorDiv(t0, HOUR_MS); // the first hour not ending by t0
        if (last <= first) {
            return null;
        }
        HourlyResiduals window = new HourlyResiduals(clock, fit, profile, stock, bench, from);
        List<Double> z = new ArrayList<>((int) (last - first));
        for (long hour = first; hour < last; hour++) {
            z.add(window.score(hour * HOUR_MS, (hour + 1) * HOUR_MS));
        }
        return new ResidualHours(first, z);
    }

    /**
     * The z-score of the hour {@code [start, end)}: from the last trades before it to the last ones in it, each the
     * close of a whole minute (all an estimate reads of a minute, {@code history.SettledMinutes}); 0 when either
     * series has no trade in it or none before it.
     */
    private double score(long start, long end) {
        int s0 = ReactionCalculator.lastIn(stock, from, start - 1);
        int s1 = ReactionCalculator.lastIn(stock, from, end - 1);
        int m0 = ReactionCalculator.lastIn(bench, from, start - 1);
        int m1 = ReactionCalculator.lastIn(bench, from, end - 1);
        if (s0 < 0 || m0 < 0 || stock.ts(s1) < start || bench.ts(m1) < start) {
            return 0;
        }
        double abnormal =
                (stock.price(s1) / stock.price(s0) - 1) - fit.beta() * (bench.price(m1) / bench.price(m0) - 1);
        double v = profile.varianceMinutes(clock, stock.ts(s0), stock.ts(s1), bench.ts(m0), bench.ts(m1));
        return v > 0 ? abnormal / (fit.sigma() * Math.sqrt(v)) : 0;
    }
}
