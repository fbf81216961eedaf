package com.marketreactions.streams.differential;

import static com.marketreactions.streams.differential.SessionHours.DAY;
import static com.marketreactions.streams.differential.SessionHours.MINUTE;
import static com.marketreactions.streams.differential.SessionHours.PRE_MARKET;
import static com.marketreactions.streams.differential.SessionHours.SECOND;
import static com.marketreactions.streams.differential.SessionHours.inExtendedHours;
import static com.marketreactions.streams.differential.SessionHours.inSession;
import static com.marketreactions.streams.differential.SessionHours.isWeekday;

import com.marketreactions.streams.ReactionConfig;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The long data set ({@link SyntheticMarket#generateLong}): seven stocks and the benchmark correlated through a
 * market factor, over {@code tradingDays} weekdays from Monday 2025-06-02; regular sessions 14:30-21:00 UTC
 * with a trade every 10-15 s per symbol (the mean varies by symbol), sparse pre- and after-market trading
 * (09:00-14:30, 21:00-01:00), nothing at weekends; 1-3 news per trading day with 1-3 tickers each, some named
 * only by alias, each moving its tickers by a random jump. Arrival order: all news first (a replay publishes
 * the news before the ticks), then the ticks in each symbol's time order with a disorder below 30 s. Nothing
 * is late, so the stream must agree with the reference exactly whatever the partitioning.
 */
final class LongMarket {

    private static final String[] STOCKS = {"AAPL", "MSFT", "AMZN", "NVDA", "TSLA", "META", "GOOG"};
    private static final double[] PRICES = {200, 450, 210, 130, 300, 600, 170};

    private record Jump(long t0, double logJump) {}

    private record Arrival(long key, int order, MarketInput.Tick tick) {}

    private final long seed;
    private final int tradingDays;
    private final Random rnd;

    LongMarket(long seed, int tradingDays) {
        if (tradingDays < 1) {
            throw new IllegalArgumentException("tradingDays must be >= 1, got " + tradingDays);
        }
        this.seed = seed;
        this.tradingDays = tradingDays;
        this.rnd = new Random(seed * 15_485_863L + 11);
    }

    SyntheticMarket.Scenario build() {
        ReactionConfig config = ReactionConfig.defaults();
        long start = ZonedDateTime.of(2025, 6, 2, 0, 0, 0, 0, ZoneOffset.UTC)
                .toInstant()
                .toEpochMilli();
        List<Long> days = SessionHours.tradingDays(start, tradingDays);
        long end = days.get(days.size() - 1) + 2 * DAY;

        List<String> symbols = new ArrayList<>(List.of(STOCKS));
        symbols.add(SyntheticMarket.BENCHMARK);

        // ---- latent log prices per minute: a market factor plus idiosyncratic walks
        int minutes = (int) ((end - start) / MINUTE) + 2;
        double[] market = new double[minutes];
        for (int k = 1; k < minutes; k++) {
            long t = start + k * MINUTE;
            double vol = inSession(t) ? 0.0007 : 0.00015;
            market[k] = market[k - 1] + vol * rnd.nextGaussian();
        }
        Map<String, double[]> latent = new HashMap<>();
        for (int i = 0; i < symbols.size(); i++) {
            String s = symbols.get(i);
            boolean spy = s.equals(SyntheticMarket.BENCHMARK);
            double beta = spy ? 1.0 : 0.6 + rnd.nextDouble();
            double idio = spy ? 0.00005 : 0.0004 + 0.0006 * rnd.nextDouble();
            double base = Math.log(spy ? 560 : PRICES[i]);
            double[] l = new double[minutes];
            double walk = 0;
            for (int k = 0; k < minutes; k++) {
                walk += (inSession(start + k * MINUTE) ? idio : idio / 4) * rnd.nextGaussian();
                l[k] = base + beta * market[k] + walk;
            }
            latent.put(s, l);
        }

        // ---- news: 1-3 per trading day, each moving its tickers
        List<MarketInput.News> news = new ArrayList<>();
        Map<String, List<Jump>> jumps = new HashMap<>();
        for (long day : days) {
            int count = 1 + rnd.nextInt(3);
            for (int j = 0; j < count; j++) {
                long t0 = SessionHours.newsTime(rnd, day);
                List<String> explicit = new ArrayList<>();
                int n = news.size() % 23 == 7 ? 0 : 1 + rnd.nextInt(3);
                for (int i = 0; i < n; i++) {
                    String s = STOCKS[rnd.nextInt(STOCKS.length)];
                    if (!explicit.contains(s)) {
                        explicit.add(s);
                    }
                }
                MarketInput.News item = SyntheticNews.item(rnd, "long" + seed + "-" + news.size(), t0, explicit);
                news.add(item);
                for (String s : new LinkedHashSet<>(BatchReference.tickersOf(item, SyntheticMarket.ALIASES))) {
                    jumps.computeIfAbsent(s, k -> new ArrayList<>()).add(new Jump(t0, rnd.nextGaussian() * 0.012));
                }
            }
        }
        jumps.values().forEach(l -> l.sort(Comparator.comparingLong(Jump::t0)));

        // ---- ticks, per symbol in time order; arrival = ts + a delay below 30 s
        List<Arrival> arrivals = new ArrayList<>();
        int order = 0;
        Random amend = new Random(seed * 7919 + 13); // its own stream: the market stays as it was without it
        for (String s : symbols) {
            double sessionGap = (10 + 5 * rnd.nextDouble()) * SECOND;
            double quietGap = 4 * MINUTE;
            double[] l = latent.get(s);
            List<Jump> js = jumps.getOrDefault(s, List.of());
            int next = 0;
            double jumped = 0;
            long prevTs = Long.MIN_VALUE;
            long t = start + (long) (rnd.nextDouble() * MINUTE);
            while (t < end) {
                boolean session = inSession(t);
                if (!session && !inExtendedHours(t)) {
                    t = nextExtendedHoursStart(t);
                    continue;
                }
                long ts = t;
                if (prevTs != Long.MIN_VALUE && rnd.nextInt(40) == 0) {
                    ts = prevTs; // equal timestamps: ordered by arrival
                } else if (rnd.nextInt(20) == 0) {
                    ts = Math.max(prevTs, ts - Math.floorMod(ts, MINUTE)); // on a bucket boundary
                }
                while (next < js.size() && js.get(next).t0() < ts) {
                    jumped += js.get(next++).logJump();
                }
                int k = (int) Math.min(l.length - 1, (ts - start) / MINUTE);
                double price = Math.round(Math.exp(l[k] + jumped + 0.0001 * rnd.nextGaussian()) * 100) / 100.0;
                double size = SyntheticMarket.fractional(rnd.nextInt(30) == 0 ? 0 : 1 + rnd.nextInt(400));
                long delay = (long) (rnd.nextDouble() * SyntheticMarket.MAX_TICK_DELAY);
                if (amend.nextInt(10) == 0) {
                    // a tenth of the trades carry an id, as a vendor's do; one in 40 of those is cancelled or
                    // corrected 1-60 s after it arrived (the late ones after its shortest windows closed)
                    String id = Integer.toString(order);
                    arrivals.add(
                            new Arrival(ts + delay, order++, MarketInput.Tick.trade(s, ts, price, size, "XNAS", id)));
                    if (amend.nextInt(40) == 0) {
                        long at = ts + delay + SECOND + amend.nextInt(60) * SECOND;
                        MarketInput.Tick a = amend.nextBoolean()
                                ? MarketInput.Tick.cancel(s, at, price, size, "XNAS", id)
                                : MarketInput.Tick.correction(
                                        s,
                                        at,
                                        Math.round((price + 0.05) * 100) / 100.0,
                                        size + 1,
                                        "XNAS",
                                        "c" + id,
                                        id);
                        arrivals.add(new Arrival(at, order++, a));
                    }
                } else {
                    arrivals.add(new Arrival(ts + delay, order++, new MarketInput.Tick(s, ts, price, size)));
                }
                prevTs = ts;
                double gap = session ? sessionGap : quietGap;
                t += 1 + (long) (-Math.log(1 - rnd.nextDouble()) * gap);
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::key).thenComparingInt(Arrival::order));

        List<MarketInput> inputs = SyntheticMarket.newsFirst(
                news, arrivals.stream().map(Arrival::tick).toList(), config, "long");
        String description = String.format(
                "long seed %d: %d trading days from %s, %d stocks + %s, %d ticks," + " %d news, horizons %s",
                seed,
                tradingDays,
                Instant.ofEpochMilli(start),
                STOCKS.length,
                SyntheticMarket.BENCHMARK,
                arrivals.size(),
                news.size(),
                config.horizons());
        return new SyntheticMarket.Scenario(seed, config, List.copyOf(inputs), SyntheticMarket.ALIASES, description);
    }

    /** The next 09:00 (the start of a weekday's trading, extended hours included) after {@code t}. */
    private static long nextExtendedHoursStart(long t) {
        long day = t - Math.floorMod(t, DAY);
        long next = day + PRE_MARKET;
        if (next <= t) {
            next += DAY;
        }
        while (!isWeekday(next)) {
            next += DAY;
        }
        return next;
    }
}
