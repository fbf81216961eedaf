package com.marketreactions.streams.calibration;

import com.marketreactions.streams.differential.MarketInput;
import com.marketreactions.streams.differential.SessionHours;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

/**
 * A market whose normal volatility is known, for placebo events: stocks and the benchmark as latent log prices, a
 * market factor times a beta plus an idiosyncratic part, each a Brownian motion whose volatility is U-shaped over the
 * regular session (14:30-21:00 UTC: high at the open, low at midday, up again at the close), quiet in pre-market
 * (from 09:00) and after-market (to 01:00) trading, still at night and at weekends, with a jump at 09:00 carrying a
 * quarter of each day's variance (the overnight gap). Some names are thin: a trade every few minutes, so their first
 * trade after a news item often carries the night. A trade's price is the latent price at its own instant (the
 * walk's minute ends joined by Brownian bridges), so a return from one trade to another carries the variance of the
 * calendar time between them, as the model reads it.
 *
 * <p>News are placebos (no effect), at a random time in one of four {@link Bucket}s chosen with equal odds, each
 * naming one placebo stock; on each of the last {@code treatedDays} news days, one more per treated stock at midday
 * moves it by {@code effect} (log) 30 s after T0: the power check. Placebo and treated stocks are disjoint, so no
 * placebo window holds an effect.
 *
 * <p>{@link #industry} makes the placebo names one industry: a share of each one's idiosyncratic variance is a common
 * walk (their abnormal returns correlate by that share), and each placebo news names several of them at once, as
 * sector news does (the Kolari-Pynnönen adjustment across tickers). Without it nothing is drawn for either, so the
 * markets of one seed are the same as before it existed.
 */
final class PlaceboMarket {

    static final String BENCHMARK = "SPY";
    // New York's clock, which the method reads the session by
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneOffset STANDARD_TIME = ZoneOffset.ofHours(-5);
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
         * (the market model's estimate, 1 market-adjusted, 0 constant-mean).
         */
        double plantedVariance(String symbol, long s0, long s1, long t0, long t1, double hedge) {
            Name n = names.get(symbol);
            long m0 = lastBenchmarkTrade(t0);
            long m1 = lastBenchmarkTrade(t1);
            double both = variance(Math.max(s0, m0), Math.min(s1, m1));
            // beta times the market over the stock's leg less the hedge times it over the benchmark's
            double market = n.beta() * n.beta() * variance(s0, s1)
                    + hedge * hedge * variance(m0, m1)
                    - 2 * n.beta() * hedge * both;
            return n.idioVol() * n.idioVol() * variance(s0, s1) + MARKET_VOL * MARKET_VOL * market;
        }

        /** {@code (from, to]}'s variance in shape units, each minute by its share, gaps included; 0 when empty. */
        private double variance(long from, long to) {
            double v = 0;
            for (long k = Math.floorDiv(from, MINUTE); k * MINUTE <= to; k++) {
                long start = k * MINUTE; // a trade at the very start of a minute has its gap
                double share = Math.max(0, Math.min(to, start + MINUTE) - Math.max(from, start)) / (double) MINUTE;
                double s = shape(start);
                v += s * s * share + (gapAt(start) && start > from ? gap * gap : 0);
            }
            return v;
        }

        private long lastBenchmarkTrade(long t) {
            int i = Arrays.binarySearch(benchmarkTrades, t);
            return benchmarkTrades[i >= 0 ? i : -i - 2];
        }
    }

    private static final double MARKET_VOL = 0.0004; // per regular minute at midday
    private static final double EXTENDED_SHARE = 0.25; // volatility per extended-hours minute, of midday's
    private static final double GAP_SHARE = 0.25; // of a day's variance, at 09:00

    private final Random rnd;
    private final int days;
    private final double sparseness;
    private final int placeboNames;
    private double industryShare;
    private int namesPerNews = 1;

    /**
     * A market of {@code placeboNames} names news can name (a third of them thin) and six treated ones, each of which,
     * the benchmark included, trades {@code sparseness} times less often: more days or names for the same number of
     * ticks (what a run costs), at the price of thinner trading.
     */
    PlaceboMarket(long seed, int days, double sparseness, int placeboNames) {
        this.rnd = new Random(seed);
        this.days = days;
        this.sparseness = sparseness;
        this.placeboNames = placeboNames;
    }

    /**
     * One industry: {@code share} of every placebo name's idiosyncratic variance a walk they have in common, and each
     * placebo news naming {@code namesPerNews} different placebo names.
     */
    PlaceboMarket industry(double share, int namesPerNews) {
        this.industryShare = share;
        this.namesPerNews = namesPerNews;
        return this;
    }

    /**
     * The market's {@code days} trading days. Its hours are UTC ones ({@link SessionHours}), New York's only while New
     * York keeps standard time (UTC-5), and the method reads the session by New York's clock: a run has to fit between
     * two clock changes. It starts on 2025-01-06, or on 2024-11-04 when that is too late for its length.
     */
    static List<Long> tradingDays(int days) {
        for (LocalDate start : List.of(LocalDate.of(2025, 1, 6), LocalDate.of(2024, 11, 4))) {
            List<Long> tradingDays = SessionHours.tradingDays(
                    start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(), days);
            long end = tradingDays.get(tradingDays.size() - 1) + DAY + SessionHours.AFTER_MARKET_END;
            if (standardTime(end) && tradingDays.stream().allMatch(PlaceboMarket::standardTime)) {
                return tradingDays;
            }
        }
        throw new IllegalArgumentException(days + " trading days do not fit in one winter of New York's standard time"
                + " (2024-11-04 to 2025-03-07: at most 90)");
    }

    private static boolean standardTime(long t) {
        return NEW_YORK.getRules().getOffset(Instant.ofEpochMilli(t)).equals(STANDARD_TIME);
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

    /** Whether the minute starting at {@code t} opens with a night's gap: 09:00 of a weekday. */
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
        List<Long> tradingDays = tradingDays(days);
        long start = tradingDays.get(0);
        long end = tradingDays.get(tradingDays.size() - 1) + DAY + SessionHours.AFTER_MARKET_END;
        List<Name> names = new ArrayList<>();
        for (int i = 0; i < placeboNames + 6; i++) {
            // the treated names last: liquid, of moderate volatility, so that power is about the effect
            boolean isTreated = i >= placeboNames;
            boolean thin = !isTreated && i % 6 >= 4;
            names.add(new Name(
                    "S" + (char) ('A' + i % 26) + (i < 26 ? "" : String.valueOf(i / 26)),
                    0.6 + 0.8 * rnd.nextDouble(),
                    isTreated ? 0.0006 + 0.0003 * rnd.nextDouble() : 0.0006 + 0.0008 * rnd.nextDouble(),
                    thin ? 90 + 150 * rnd.nextDouble() : 6 + 10 * rnd.nextDouble(),
                    isTreated));
        }

        // ---- news: placebos on untreated names, treated ones moving theirs
        List<MarketInput.News> placeboNews = new ArrayList<>();
        List<MarketInput.News> treatedNews = new ArrayList<>();
        List<Name> untreatedNames = names.stream().filter(n -> !n.treated()).toList();
        List<Name> treatedNames = names.stream().filter(Name::treated).toList();
        // the first six days are the first news' estimation window; the last day leaves room for P1D
        List<Long> newsDays = tradingDays.subList(6, tradingDays.size() - 1);
        for (int i = 0; i < placebos; i++) {
            long t0 = newsTime(newsDays);
            if (namesPerNews == 1) {
                placeboNews.add(
                        news("placebo-" + i, t0, List.of(untreatedNames.get(rnd.nextInt(untreatedNames.size())))));
            } else {
                List<Name> sector = new ArrayList<>(untreatedNames);
                java.util.Collections.shuffle(sector, rnd);
                placeboNews.add(news("placebo-" + i, t0, sector.subList(0, namesPerNews)));
            }
        }
        // treated news on the last news days, one per name and day: an estimation window holds at most two
        // earlier effects, which would otherwise inflate the sigma the effect is measured against
        List<Long> lastDays = newsDays.subList(Math.max(0, newsDays.size() - treatedDays), newsDays.size());
        Map<String, List<Long>> effects = new HashMap<>(); // per treated name, when its moves come
        for (long day : lastDays) {
            for (Name n : treatedNames) {
                long t0 =
                        day + Bucket.MIDDAY.from + (long) (rnd.nextDouble() * (Bucket.MIDDAY.to - Bucket.MIDDAY.from));
                treatedNews.add(news("treated-" + treatedNews.size(), t0, List.of(n)));
                effects.computeIfAbsent(n.symbol(), k -> new ArrayList<>()).add(t0 + 30_000);
            }
        }

        // ---- trade times: Poisson arrivals by each name's rate, sparse outside the regular session; a name no news
        // names is not traded (its ticks would reach no reaction: the treated names when none is treated)
        Map<String, long[]> times = new HashMap<>();
        for (Name n : names) {
            boolean named = n.treated() ? !treatedNews.isEmpty() : !placeboNews.isEmpty();
            if (named) {
                times.put(n.symbol(), tradeTimes(n.tradeEverySeconds() * sparseness, start, end));
            }
        }
        long[] benchmarkTrades = tradeTimes(3 * sparseness, start, end);

        // ---- latent log prices: per minute, then at each trade's instant; the market's at every series' trades
        int minutes = (int) ((end - start) / MINUTE) + 1;
        double gapSd = Math.sqrt(GAP_SHARE * dayVariance(tradingDays.get(0)));
        long[] all = times.values().stream().flatMapToLong(Arrays::stream).toArray();
        all = LongStream.concat(Arrays.stream(all), Arrays.stream(benchmarkTrades))
                .sorted()
                .distinct()
                .toArray();
        double[] market = new Path(start, minutes, MARKET_VOL, gapSd * MARKET_VOL).at(all);
        // the industry's walk in units of a name's idiosyncratic volatility
        Path industry = industryShare > 0 ? new Path(start, minutes, 1.0, gapSd) : null;

        List<MarketInput.Tick> ticks = new ArrayList<>();
        for (Name n : names) {
            long[] ts = times.get(n.symbol());
            if (ts == null) {
                continue;
            }
            double[] idio = new Path(start, minutes, n.idioVol(), gapSd * n.idioVol()).at(ts);
            if (industry != null && !n.treated()) {
                double[] common = industry.at(ts);
                for (int i = 0; i < ts.length; i++) {
                    idio[i] =
                            Math.sqrt(1 - industryShare) * idio[i] + Math.sqrt(industryShare) * n.idioVol() * common[i];
                }
            }
            double base = Math.log(100 + 200 * (names.indexOf(n) % 12) / 11.0);
            List<Long> moves = effects.getOrDefault(n.symbol(), List.of());
            for (int i = 0; i < ts.length; i++) {
                double p = base + n.beta() * market[Arrays.binarySearch(all, ts[i])] + idio[i];
                for (long move : moves) {
                    p += ts[i] >= move ? effect : 0;
                }
                ticks.add(tick(n.symbol(), ts[i], p));
            }
        }
        for (long t : benchmarkTrades) {
            ticks.add(tick(BENCHMARK, t, Math.log(500) + market[Arrays.binarySearch(all, t)]));
        }
        ticks.sort(Comparator.comparingLong(MarketInput.Tick::ts));

        List<MarketInput> inputs = new ArrayList<>();
        List<MarketInput.News> allNews = new ArrayList<>(placeboNews);
        allNews.addAll(treatedNews);
        allNews.sort(Comparator.comparingLong(MarketInput.News::t0));
        inputs.addAll(allNews); // a replay publishes the news first
        inputs.addAll(ticks);
        Map<String, Name> bySymbol = new HashMap<>();
        names.forEach(n -> bySymbol.put(n.symbol(), n));
        return new Market(inputs, placeboNews, treatedNews, bySymbol, benchmarkTrades, gapSd);
    }

    private static MarketInput.Tick tick(String symbol, long t, double logPrice) {
        return new MarketInput.Tick(symbol, t, Math.round(Math.exp(logPrice) * 10_000) / 10_000.0, 100);
    }

    private long newsTime(List<Long> newsDays) {
        long day = newsDays.get(rnd.nextInt(newsDays.size()));
        Bucket b = Bucket.values()[rnd.nextInt(Bucket.values().length)];
        return day + b.from + (long) (rnd.nextDouble() * (b.to - b.from));
    }

    private MarketInput.News news(String id, long t0, List<Name> named) {
        // a headline of its own, so that no two items are one story
        List<String> symbols = named.stream().map(Name::symbol).toList();
        return new MarketInput.News(
                id, t0, symbols, id + " update on " + String.join(", ", symbols), "calibration", null);
    }

    /**
     * A latent path: a walk of minute ends (minute k moves by {@code vol} times its shape, the minute of 09:00 of a
     * weekday opens with a jump of {@code gapSd}), and inside each minute the Brownian bridge between its ends.
     */
    private final class Path {
        private final long start;
        private final double vol;
        private final double[] end; // the path at the end of each minute
        private final double[] jump; // the gap a minute opens with

        Path(long start, int minutes, double vol, double gapSd) {
            this.start = start;
            this.vol = vol;
            this.end = new double[minutes];
            this.jump = new double[minutes];
            for (int k = 1; k < minutes; k++) {
                long t = start + (long) k * MINUTE;
                jump[k] = gapAt(t) ? gapSd * rnd.nextGaussian() : 0;
                end[k] = end[k - 1] + jump[k] + vol * shape(t) * rnd.nextGaussian();
            }
        }

        /** The path at each of the ascending instants {@code ts}: inside a minute, bridged from the last one. */
        double[] at(long[] ts) {
            double[] x = new double[ts.length];
            int minute = -1;
            long a = 0; // the last instant drawn in this minute, and the path there
            double xa = 0;
            for (int i = 0; i < ts.length; i++) {
                int k = (int) ((ts[i] - start) / MINUTE);
                long b = start + (long) (k + 1) * MINUTE;
                if (k != minute) {
                    minute = k;
                    a = b - MINUTE;
                    xa = (k == 0 ? 0 : end[k - 1]) + jump[k];
                }
                double rate = Math.pow(vol * shape(b - MINUTE), 2) / MINUTE; // variance per ms
                double w = (ts[i] - a) / (double) (b - a);
                xa += w * (end[k] - xa) + Math.sqrt(rate * (ts[i] - a) * (b - ts[i]) / (b - a)) * rnd.nextGaussian();
                a = ts[i];
                x[i] = xa;
            }
            return x;
        }
    }

    /** Poisson trade times at one every {@code everySeconds} in the regular session, twelve times fewer outside it. */
    private long[] tradeTimes(double everySeconds, long start, long end) {
        LongStream.Builder out = LongStream.builder();
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
            if (t < end && shape(t) != 0) {
                out.add(t);
            }
        }
        return out.build().toArray();
    }
}
