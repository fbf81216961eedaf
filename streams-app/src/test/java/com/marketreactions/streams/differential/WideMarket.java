package com.marketreactions.streams.differential;

import static com.marketreactions.streams.differential.SessionHours.AFTER_MARKET_END;
import static com.marketreactions.streams.differential.SessionHours.CLOSE;
import static com.marketreactions.streams.differential.SessionHours.DAY;
import static com.marketreactions.streams.differential.SessionHours.HOUR;
import static com.marketreactions.streams.differential.SessionHours.MINUTE;
import static com.marketreactions.streams.differential.SessionHours.OPEN;
import static com.marketreactions.streams.differential.SessionHours.PRE_MARKET;
import static com.marketreactions.streams.differential.SessionHours.SECOND;
import static com.marketreactions.streams.differential.SessionHours.inExtendedHours;
import static com.marketreactions.streams.differential.SessionHours.inSession;

import com.marketreactions.streams.ReactionConfig;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The wide data set ({@link SyntheticMarket#generateWide}): {@code symbols} stocks and the benchmark over
 * {@code tradingDays} weekdays from Monday 2025-06-02, with trade rates skewed as a whole market's are: the
 * {@code i}-th busiest name gets a share of the market's trades proportional to {@code 1 / (i + 100)^2} (the
 * Zipf-Mandelbrot law of {@code producers/.../synthetic/MarketShape}, written again here because the differential
 * kit depends on no producer code). The market prints {@value #TRADES_PER_NAME_PER_DAY} trades per name and
 * trading day, so of 1,000 names the busiest trades about 650 times a day and the quietest about 5: thin names
 * whose windows are mostly empty and whose first trade may come after the news. Trading follows LongMarket's
 * sessions (regular 14:30-21:00 UTC, extended hours 09:00-14:30 and 21:00-01:00 at a twentieth of the rate,
 * nothing at weekends); the benchmark trades every 12 s or so in the session. Prices are a market factor plus a
 * walk of each name's own, with a jump at each news about it.
 *
 * <p>News: about {@value #NEWS_PER_NAME_PER_DAY} per name and trading day (70% in the session, the rest before
 * and after it), whose tickers are drawn with the same skew (busy names are written about more): most name 1-3,
 * about 3% name 10-50, some name the benchmark, some name a company only by its alias. Arrival order: all news
 * first (a replay publishes the news before the ticks), then the ticks in each symbol's time order with a
 * disorder below 30 s. Nothing is late, so the stream must agree with the reference exactly whatever the
 * partitioning.
 */
final class WideMarket {

    /** The market's trades per trading day, per name: 60,000 a day for 1,000 names. */
    static final int TRADES_PER_NAME_PER_DAY = 60;
    /** The market's news per trading day, per name: 50 a day for 1,000 names. */
    static final double NEWS_PER_NAME_PER_DAY = 0.05;
    /** The share of the news that names many tickers ({@link #MANY_FROM}-{@link #MANY_TO}). */
    static final double MANY_TICKER_SHARE = 0.03;

    static final int MANY_FROM = 10;
    static final int MANY_TO = 50;
    /** The Zipf-Mandelbrot law's exponent and offset, as in MarketShape. */
    private static final double S = 2.0;

    private static final double Q = 100.0;
    /** The busiest names, in order; the alias table names four of them. */
    private static final String[] LEADERS = {"AAPL", "MSFT", "NVDA", "AMZN", "GOOG", "META", "TSLA"};
    /** How much slower than in the regular session every name trades in extended hours. */
    private static final double QUIET_RATIO = 20;

    /** The times of day where the rate of trading may change. */
    private static final long[] BOUNDARIES = {AFTER_MARKET_END, PRE_MARKET, OPEN, CLOSE, DAY};
    /** The benchmark's mean gap between trades in the regular session. */
    private static final long BENCHMARK_GAP = 12 * SECOND;

    private record Jump(long t0, double logJump) {}

    private record Arrival(long key, int order, MarketInput.Tick tick) {}

    private final long seed;
    private final int symbols;
    private final int tradingDays;
    private final Random rnd;

    WideMarket(long seed, int symbols, int tradingDays) {
        if (symbols < LEADERS.length) {
            throw new IllegalArgumentException("symbols must be >= " + LEADERS.length + ", got " + symbols);
        }
        if (tradingDays < 1) {
            throw new IllegalArgumentException("tradingDays must be >= 1, got " + tradingDays);
        }
        this.seed = seed;
        this.symbols = symbols;
        this.tradingDays = tradingDays;
        this.rnd = new Random(seed * 32_452_843L + 7);
    }

    /** The shares of {@code n} names' trades, busiest first, summing to 1 (MarketShape.shares). */
    static double[] shares(int n) {
        double[] w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 1 / StrictMath.pow(i + 1 + Q, S);
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /**
     * The names of the market, busiest first: the leaders, then four-letter names that are no leader, benchmark or
     * alias, each once.
     */
    static List<String> names(int n) {
        Set<String> taken = new HashSet<>(List.of(LEADERS));
        taken.add(SyntheticMarket.BENCHMARK);
        SyntheticMarket.ALIASES.keySet().forEach(a -> taken.add(a.toUpperCase(Locale.ROOT)));
        List<String> out = new ArrayList<>(List.of(LEADERS).subList(0, Math.min(n, LEADERS.length)));
        // 7919 is prime, so k -> 7919 k mod 26^4 visits every four-letter name once
        for (long k = 1; out.size() < n; k++) {
            long code = k * 7919 % (26L * 26 * 26 * 26);
            char[] c = new char[4];
            for (int j = 3; j >= 0; j--) {
                c[j] = (char) ('A' + code % 26);
                code /= 26;
            }
            String name = new String(c);
            if (taken.add(name)) {
                out.add(name);
            }
        }
        return out;
    }

    SyntheticMarket.Scenario build() {
        ReactionConfig config = ReactionConfig.defaults();
        long start = ZonedDateTime.of(2025, 6, 2, 0, 0, 0, 0, ZoneOffset.UTC)
                .toInstant()
                .toEpochMilli();
        List<Long> days = SessionHours.tradingDays(start, tradingDays);
        long end = days.get(days.size() - 1) + DAY + AFTER_MARKET_END;

        List<String> stocks = names(symbols);
        double[] shares = shares(symbols);
        double[] cumulative = new double[symbols];
        double sum = 0;
        for (int i = 0; i < symbols; i++) {
            sum += shares[i];
            cumulative[i] = sum;
        }

        // ---- the market factor, per minute
        int minutes = (int) ((end - start) / MINUTE) + 2;
        double[] market = new double[minutes];
        for (int k = 1; k < minutes; k++) {
            double vol = inSession(start + k * MINUTE) ? 0.0007 : 0.00015;
            market[k] = market[k - 1] + vol * rnd.nextGaussian();
        }

        // ---- news: tickers drawn by the trades' shares, each moving its tickers
        List<MarketInput.News> news = new ArrayList<>();
        Map<String, List<Jump>> jumps = new HashMap<>();
        double perDay = NEWS_PER_NAME_PER_DAY * symbols;
        int many = 0;
        for (long day : days) {
            int count = (int) Math.max(1, Math.round(perDay * (0.5 + rnd.nextDouble())));
            for (int j = 0; j < count; j++) {
                long t0 = SessionHours.newsTime(rnd, day);
                boolean manyTickers = rnd.nextDouble() < MANY_TICKER_SHARE;
                int n = manyTickers
                        ? Math.min(symbols, MANY_FROM + rnd.nextInt(MANY_TO - MANY_FROM + 1))
                        : news.size() % 23 == 7 ? 0 : 1 + rnd.nextInt(3);
                many += manyTickers ? 1 : 0;
                LinkedHashSet<String> drawn = new LinkedHashSet<>();
                while (drawn.size() < n) {
                    drawn.add(stocks.get(draw(cumulative)));
                }
                MarketInput.News item =
                        SyntheticNews.item(rnd, "wide" + seed + "-" + news.size(), t0, List.copyOf(drawn));
                news.add(item);
                for (String s : BatchReference.tickersOf(item, SyntheticMarket.ALIASES)) {
                    jumps.computeIfAbsent(s, k -> new ArrayList<>()).add(new Jump(t0, rnd.nextGaussian() * 0.012));
                }
            }
        }
        jumps.values().forEach(l -> l.sort(Comparator.comparingLong(Jump::t0)));

        // ---- ticks, per symbol in time order; arrival = ts + a delay below 30 s
        List<Arrival> arrivals = new ArrayList<>();
        // a trading day's ms of trading: the regular session, and the extended hours at their lower rate
        double tradingMsPerDay = (CLOSE - OPEN) + (DAY - (CLOSE - OPEN) - 8 * HOUR) / QUIET_RATIO;
        List<String> all = new ArrayList<>(stocks);
        all.add(SyntheticMarket.BENCHMARK);
        long[] counts = new long[all.size()];
        for (int i = 0; i < all.size(); i++) {
            String s = all.get(i);
            boolean benchmark = s.equals(SyntheticMarket.BENCHMARK);
            // the mean gap in the regular session, in ms of session time
            double gap = benchmark ? BENCHMARK_GAP : tradingMsPerDay / (shares[i] * TRADES_PER_NAME_PER_DAY * symbols);
            double beta = benchmark ? 1.0 : 0.5 + rnd.nextDouble();
            double idio = benchmark ? 0.00005 : 0.0004 + 0.0011 * rnd.nextDouble(); // per session minute
            double walk = Math.log(benchmark ? 560 : 5 * Math.exp(rnd.nextDouble() * Math.log(100)));
            List<Jump> js = jumps.getOrDefault(s, List.of());
            int next = 0;
            double jumped = 0;
            long prevTs = Long.MIN_VALUE;
            long t = start;
            while (true) {
                double work = -Math.log(1 - rnd.nextDouble()) * gap;
                t = advance(t, work);
                if (t >= end) {
                    break;
                }
                walk += idio * Math.sqrt(work / MINUTE) * rnd.nextGaussian();
                long ts = t;
                if (prevTs != Long.MIN_VALUE && rnd.nextInt(40) == 0) {
                    ts = prevTs; // equal timestamps: ordered by arrival
                } else if (rnd.nextInt(20) == 0) {
                    ts = Math.max(prevTs, ts - Math.floorMod(ts, MINUTE)); // on a bucket boundary
                }
                while (next < js.size() && js.get(next).t0() < ts) {
                    jumped += js.get(next++).logJump();
                }
                int k = (int) Math.min(minutes - 1, (ts - start) / MINUTE);
                double logPrice = walk + beta * market[k] + jumped + 0.0002 * rnd.nextGaussian();
                double price = Math.max(0.01, Math.round(Math.exp(logPrice) * 100) / 100.0);
                double size = SyntheticMarket.fractional(rnd.nextInt(30) == 0 ? 0 : 1 + rnd.nextInt(400));
                long delay = (long) (rnd.nextDouble() * SyntheticMarket.MAX_TICK_DELAY);
                arrivals.add(new Arrival(ts + delay, arrivals.size(), new MarketInput.Tick(s, ts, price, size)));
                counts[i]++;
                prevTs = ts;
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::key).thenComparingInt(Arrival::order));

        List<MarketInput> inputs = SyntheticMarket.newsFirst(
                news, arrivals.stream().map(Arrival::tick).toList(), config, "wide");
        long[] stockCounts = Arrays.copyOf(counts, symbols);
        long[] sorted = stockCounts.clone();
        Arrays.sort(sorted);
        String description = String.format(
                "wide seed %d: %d stocks + %s over %d trading days from %s, %d ticks (%s %d, median stock %d,"
                        + " quietest %d, %s %d), %d news (%d naming %d-%d tickers), horizons %s",
                seed,
                symbols,
                SyntheticMarket.BENCHMARK,
                tradingDays,
                Instant.ofEpochMilli(start),
                arrivals.size(),
                stocks.get(0),
                stockCounts[0],
                sorted[symbols / 2],
                sorted[0],
                SyntheticMarket.BENCHMARK,
                counts[symbols],
                news.size(),
                many,
                MANY_FROM,
                MANY_TO,
                config.horizons());
        return new SyntheticMarket.Scenario(seed, config, List.copyOf(inputs), SyntheticMarket.ALIASES, description);
    }

    /** The index of a name drawn with probability proportional to its share (MarketShape.draw). */
    private int draw(double[] cumulative) {
        double u = rnd.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * The time by which {@code work} ms of trading have passed since {@code t}, counting a ms of the regular
     * session as one, one of the extended hours as {@code 1 / QUIET_RATIO} and any other as none; so a name
     * trades at its rate whatever the length of its gaps.
     */
    private static long advance(long t, double work) {
        while (true) {
            long day = t - Math.floorMod(t, DAY);
            long stretchEnd = day + DAY;
            for (long b : BOUNDARIES) {
                if (day + b > t) {
                    stretchEnd = day + b;
                    break;
                }
            }
            double weight = weight(t);
            double capacity = (stretchEnd - t) * weight;
            if (weight > 0 && work < capacity) {
                return t + (long) Math.ceil(work / weight);
            }
            work -= capacity;
            t = stretchEnd;
        }
    }

    /** How fast names trade at {@code t}: 1 in the regular session, less in extended hours, 0 otherwise. */
    private static double weight(long t) {
        return inSession(t) ? 1 : inExtendedHours(t) ? 1 / QUIET_RATIO : 0;
    }
}
