package com.marketreactions.streams.calibration;

import com.marketreactions.streams.differential.MarketInput;
import com.marketreactions.streams.differential.SessionHours;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A market whose normal volatility is known, for placebo events: stocks and the benchmark as latent log prices per
 * minute, a market factor times a beta plus an idiosyncratic walk, both with a U-shaped volatility over the regular
 * session (14:30-21:00 UTC: high at the open, low at midday, up again at the close), quiet pre-market (from 09:00)
 * and after-market (to 01:00) trading, nothing at night or at weekends, and an overnight gap at 09:00 carrying a
 * quarter of each day's variance. Some names are thin: a trade every few minutes, so their first trade after a
 * news item often carries the night. A trade's price is its minute's latent price, so one-minute returns are the
 * latent increments.
 *
 * <p>News are placebos (no effect), at a random time in one of four {@link Bucket}s chosen with equal odds, each
 * naming one placebo stock; on each of the last {@code treatedDays} news days, one more per treated stock at midday
 * moves it by {@code effect} (log) 30 s after T0: the power check. Placebo and treated stocks are disjoint, so no
 * placebo window holds an effect.
 */
final class PlaceboMarket {

    static final String BENCHMARK = "SPY";
    // the session hours of the project's other generated markets (UTC)
    static final long MINUTE = SessionHours.MINUTE;
    static final long HOUR = SessionHours.HOUR;
    static final long DAY = SessionHours.DAY;
    static final long PRE_MARKET = SessionHours.PRE_MARKET;
    static final long OPEN = SessionHours.OPEN;
    static final long CLOSE = SessionHours.CLOSE;

    /** When a news item comes, relative to the regular session of its day. */
    enum Bucket {
        PRE_MARKET(PlaceboMarket.PRE_MARKET, OPEN),
        FIRST_30_MINUTES(OPEN, OPEN + 30 * MINUTE),
        MIDDAY(OPEN + 30 * MINUTE, CLOSE - 30 * MINUTE),
        LAST_30_MINUTES(CLOSE - 30 * MINUTE, CLOSE);

        final long from;
        final long to;

        Bucket(long from, long to) {
            this.from = from;
            this.to = to;
        }

        static Bucket of(long t0) {
            long tod = Math.floorMod(t0, DAY);
            for (Bucket b : values()) {
                if (tod >= b.from && tod < b.to) {
                    return b;
                }
            }
            throw new IllegalArgumentException("not a news time of the market: " + Instant.ofEpochMilli(t0));
        }
    }

    /** One name: its beta, idiosyncratic volatility per regular minute at midday, mean seconds between trades. */
    record Name(String symbol, double beta, double idioVol, double tradeEverySeconds, boolean treated) {}

    /**
     * The generated market and what it planted.
     *
     * @param benchmarkTrades the benchmark's trade times, ascending
     * @param gap a night's gap in volatility units: its standard deviation over a regular midday minute's times shape
     */
    record Market(
            List<MarketInput> inputs,
            List<MarketInput.News> placebos,
            List<MarketInput.News> treated,
            Map<String, Name> names,
            long[] benchmarkTrades,
            double gap) {

        /**
         * The variance the market planted in an abnormal return {@code r_s - hedge r_m} whose stock leg runs from the
         * trade at {@code s0} to the one at {@code s1} and whose benchmark leg from the benchmark's last trades at or
         * before {@code t0} and {@code t1}: what the window variance should state. {@code hedge} is the model's beta
         * (the market model's estimate, 1 market-adjusted, 0 constant-mean). A trade's price is its minute's latent
         * price, so a leg covers the minutes after its first trade's, up to its last trade's.
         */
        double plantedVariance(String symbol, long s0, long s1, long t0, long t1, double hedge) {
            Name n = names.get(symbol);
            long k0 = minuteOf(s0);
            long k1 = minuteOf(s1);
            long m0 = minuteOf(lastBenchmarkTrade(t0));
            long m1 = minuteOf(lastBenchmarkTrade(t1));
            double both = variance(Math.max(k0, m0), Math.min(k1, m1));
            // beta times the market over the stock's leg less the hedge times it over the benchmark's
            double market = n.beta() * n.beta() * variance(k0, k1)
                    + hedge * hedge * variance(m0, m1)
                    - 2 * n.beta() * hedge * both;
            return n.idioVol() * n.idioVol() * variance(k0, k1) + MARKET_VOL * MARKET_VOL * market;
        }

        /** Minutes {@code (k0, k1]}'s variance in shape units, their gaps included; 0 when empty. */
        private double variance(long k0, long k1) {
            double v = 0;
            for (long k = k0 + 1; k <= k1; k++) {
                double s = shape(k * MINUTE);
                v += s * s + (gapAt(k * MINUTE) ? gap * gap : 0);
            }
            return v;
        }

        private long lastBenchmarkTrade(long t) {
            int i = Arrays.binarySearch(benchmarkTrades, t);
            return benchmarkTrades[i >= 0 ? i : -i - 2];
        }

        private static long minuteOf(long t) {
            return Math.floorDiv(t, MINUTE);
        }
    }

    private static final double MARKET_VOL = 0.0004; // per regular minute at midday
    private static final double EXTENDED_SHARE = 0.25; // volatility per extended-hours minute, of midday's
    private static final double GAP_SHARE = 0.25; // of a day's variance, at 09:00

    private final Random rnd;
    private final int days;
    private final double sparseness;

    PlaceboMarket(long seed, int days) {
        this(seed, days, 1);
    }

    /**
     * A market whose every name, the benchmark included, trades {@code sparseness} times less often: more days for the
     * same number of ticks (what a run costs), at the price of thinner trading.
     */
    PlaceboMarket(long seed, int days, double sparseness) {
        this.rnd = new Random(seed);
        this.days = days;
        this.sparseness = sparseness;
    }

    /** Volatility of a minute starting at {@code t}, relative to a regular midday minute; 0 when closed. */
    static double shape(long t) {
        if (!weekday(t) && !(Math.floorMod(t, DAY) < HOUR && weekday(t - DAY))) {
            return 0;
        }
        long tod = Math.floorMod(t, DAY);
        if (tod >= OPEN && tod < CLOSE) {
            double m = (tod - OPEN) / (double) MINUTE;
            return 0.7 + 1.6 * Math.exp(-m / 25) + 0.9 * Math.exp(-(390 - m) / 25);
        }
        boolean extended = tod >= PRE_MARKET || tod < HOUR;
        return extended ? EXTENDED_SHARE : 0;
    }

    static boolean weekday(long t) {
        return SessionHours.isWeekday(t);
    }

    /** Whether the minute starting at {@code t} carries a night's gap: 09:00 of a weekday. */
    static boolean gapAt(long t) {
        return Math.floorMod(t, DAY) == PRE_MARKET && weekday(t);
    }

    /** The variance of a whole trading day in shape units: the minutes' squares, the gap a quarter of the total. */
    private static double dayVariance(long day) {
        double v = 0;
        for (long t = day; t < day + DAY; t += MINUTE) {
            double s = shape(t);
            v += s * s;
        }
        return v / (1 - GAP_SHARE);
    }

    Market build(int placebos, int treatedDays, double effect) {
        long start = ZonedDateTime.of(2025, 1, 6, 0, 0, 0, 0, ZoneOffset.UTC)
                .toInstant()
                .toEpochMilli();
        List<Long> tradingDays = SessionHours.tradingDays(start, days);
        long end = tradingDays.get(tradingDays.size() - 1) + DAY + SessionHours.AFTER_MARKET_END;
        List<Name> names = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            boolean isTreated = i >= 6; // liquid names of moderate volatility, so that power is about the effect
            boolean thin = i == 4 || i == 5;
            names.add(new Name(
                    "S" + (char) ('A' + i),
                    0.6 + 0.8 * rnd.nextDouble(),
                    isTreated ? 0.0006 + 0.0003 * rnd.nextDouble() : 0.0006 + 0.0008 * rnd.nextDouble(),
                    thin ? 90 + 150 * rnd.nextDouble() : 6 + 10 * rnd.nextDouble(),
                    isTreated));
        }

        // ---- latent log prices per minute, the gap at 09:00 of each trading day
        int minutes = (int) ((end - start) / MINUTE) + 1;
        double gapSd = Math.sqrt(GAP_SHARE * dayVariance(tradingDays.get(0)));
        double[] market = walk(start, minutes, MARKET_VOL, gapSd * MARKET_VOL);
        List<double[]> latent = new ArrayList<>();
        for (Name n : names) {
            double[] idio = walk(start, minutes, n.idioVol(), gapSd * n.idioVol());
            double[] p = new double[minutes];
            for (int k = 0; k < minutes; k++) {
                p[k] = Math.log(100 + 200 * (n.symbol().charAt(1) - 'A') / 11.0) + n.beta() * market[k] + idio[k];
            }
            latent.add(p);
        }

        // ---- news: placebos on untreated names, treated ones moving theirs
        List<MarketInput.News> placeboNews = new ArrayList<>();
        List<MarketInput.News> treatedNews = new ArrayList<>();
        List<Name> untreatedNames = names.stream().filter(n -> !n.treated()).toList();
        List<Name> treatedNames = names.stream().filter(Name::treated).toList();
        // the first six days are the first news' estimation window; the last day leaves room for P1D
        List<Long> newsDays = tradingDays.subList(6, tradingDays.size() - 1);
        for (int i = 0; i < placebos; i++) {
            placeboNews.add(
                    news("placebo-" + i, newsTime(newsDays), untreatedNames.get(rnd.nextInt(untreatedNames.size()))));
        }
        // treated news on the last news days, one per name and day: an estimation window holds at most two
        // earlier effects, which would otherwise inflate the sigma the effect is measured against
        List<Long> lastDays = newsDays.subList(Math.max(0, newsDays.size() - treatedDays), newsDays.size());
        for (long day : lastDays) {
            for (Name n : treatedNames) {
                long t0 =
                        day + Bucket.MIDDAY.from + (long) (rnd.nextDouble() * (Bucket.MIDDAY.to - Bucket.MIDDAY.from));
                treatedNews.add(news("treated-" + treatedNews.size(), t0, n));
                double[] p = latent.get(names.indexOf(n));
                for (int k = (int) ((t0 + 30_000 - start) / MINUTE) + 1; k < minutes; k++) {
                    p[k] += effect;
                }
            }
        }

        // ---- trades: Poisson arrivals by each name's rate, sparse outside the regular session; a name no news names
        // is not traded (its ticks would reach no reaction: the treated names when none is treated)
        List<MarketInput.Tick> ticks = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Name n = names.get(i);
            boolean named = n.treated() ? !treatedNews.isEmpty() : !placeboNews.isEmpty();
            if (named) {
                trades(n.symbol(), n.tradeEverySeconds() * sparseness, latent.get(i), start, end, ticks);
            }
        }
        double[] spy = new double[minutes];
        for (int k = 0; k < minutes; k++) {
            spy[k] = Math.log(500) + market[k];
        }
        trades(BENCHMARK, 3 * sparseness, spy, start, end, ticks);
        ticks.sort(Comparator.comparingLong(MarketInput.Tick::ts));

        List<MarketInput> inputs = new ArrayList<>();
        List<MarketInput.News> all = new ArrayList<>(placeboNews);
        all.addAll(treatedNews);
        all.sort(Comparator.comparingLong(MarketInput.News::t0));
        inputs.addAll(all); // a replay publishes the news first
        inputs.addAll(ticks);
        Map<String, Name> bySymbol = new HashMap<>();
        names.forEach(n -> bySymbol.put(n.symbol(), n));
        long[] benchmarkTrades = ticks.stream()
                .filter(t -> t.symbol().equals(BENCHMARK))
                .mapToLong(MarketInput.Tick::ts)
                .toArray();
        return new Market(inputs, placeboNews, treatedNews, bySymbol, benchmarkTrades, gapSd);
    }

    private long newsTime(List<Long> newsDays) {
        long day = newsDays.get(rnd.nextInt(newsDays.size()));
        Bucket b = Bucket.values()[rnd.nextInt(Bucket.values().length)];
        return day + b.from + (long) (rnd.nextDouble() * (b.to - b.from));
    }

    private MarketInput.News news(String id, long t0, Name n) {
        // a headline of its own, so that no two items are one story
        return new MarketInput.News(id, t0, List.of(n.symbol()), id + " update on " + n.symbol(), "calibration", null);
    }

    /** A walk per minute: increments of {@code vol} times the minute's shape, the gap at 09:00 of each weekday. */
    private double[] walk(long start, int minutes, double vol, double gapSd) {
        double[] x = new double[minutes];
        for (int k = 1; k < minutes; k++) {
            long t = start + (long) k * MINUTE;
            double step = vol * shape(t) * rnd.nextGaussian(); // the price of minute k moves by minute k's volatility
            if (gapAt(t)) {
                step += gapSd * rnd.nextGaussian();
            }
            x[k] = x[k - 1] + step;
        }
        return x;
    }

    private void trades(
            String symbol, double everySeconds, double[] latent, long start, long end, List<MarketInput.Tick> out) {
        long t = start;
        while (t < end) {
            double s = shape(t);
            long tod = Math.floorMod(t, DAY);
            boolean regular = tod >= OPEN && tod < CLOSE && weekday(t);
            if (s == 0) {
                t = (t / MINUTE + 1) * MINUTE; // closed: look again next minute
                continue;
            }
            double mean = (regular ? everySeconds : everySeconds * 12) * 1000;
            t += 1 + (long) (-mean * Math.log(1 - rnd.nextDouble()));
            if (t >= end || shape(t) == 0) {
                continue;
            }
            int k = (int) ((t - start) / MINUTE);
            double price = Math.round(Math.exp(latent[k]) * 10_000) / 10_000.0;
            out.add(new MarketInput.Tick(symbol, t, price, 100));
        }
    }
}
