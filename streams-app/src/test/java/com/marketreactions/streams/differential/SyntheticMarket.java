package com.marketreactions.streams.differential;

import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.reaction.NormalModel;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A random but reproducible market: a few stocks plus the benchmark, with returns correlated through a
 * market factor, over 6-8 calendar days with trading sessions, sparse after-hours ticks and quiet weekends,
 * and 5-15 news events whose headlines and summaries mention companies by the names of {@link #ALIASES}.
 * The arrival order has bounded disorder (< 30 s, inside the 1 minute grace), and in some seeds lateness on
 * purpose: a few percent of the ticks arriving 1-20 minutes beyond the grace (plus late ticks planted next to
 * news, inside windows that have closed and windows still open, and in the history just before T0), one
 * stock's whole feed arriving 3-15 minutes behind the others, the benchmark's feed arriving 3-15 minutes
 * behind the stocks, news arriving more than L after its T0 (after a wire item naming no ticker: late means
 * behind the news before it too), a news event sent twice. {@link BatchReference} applies the same lateness
 * rules, so the stream must still produce exactly its reactions.
 *
 * <p>Edge cases it plants on purpose: the benchmark itself as a ticker, a ticker that never trades, one that
 * lists mid-sample (no baseline before), one that stops trading (baseline too old), a benchmark that starts
 * late (no benchmark baseline) or is flat for days (constant r_m), ticks exactly at T0, T0 + h, T0 - E and
 * on minute boundaries, equal timestamps, zero-size ticks, news before and after all data and in quiet hours,
 * news whose shortest window has already closed when it arrives, news without tickers.
 */
public final class SyntheticMarket {

    public static final String BENCHMARK = "SPY";
    /** The alias table of every generated market: alias as written to ticker. */
    public static final Map<String, String> ALIASES = aliasTable();
    /** A company that is mentioned in headlines but is not in the alias table (a private one). */
    static final String PRIVATE_COMPANY = "OpenAI";

    private static final String[] STOCK_POOL = {"AAPL", "MSFT", "AMZN", "NVDA", "TSLA", "META", "GOOG", "JPM"};
    private static final long SECOND = 1000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    /** Bound of the arrival delay of a tick (the disorder). */
    static final long MAX_TICK_DELAY = 30 * SECOND;

    /**
     * A generated data set: the config to run with, the input records in arrival order and the alias table
     * (to be loaded before any input).
     */
    public record Scenario(
            long seed,
            ReactionConfig config,
            List<MarketInput> inputs,
            Map<String, String> aliases,
            String description) {

        public BatchReference.Params params() {
            return BatchReference.Params.of(config);
        }

        /** The same data set run with another normal-return model. */
        public Scenario withModel(NormalModel model) {
            return new Scenario(seed, config.withModel(model), inputs, aliases, description + ", model " + model);
        }

        /** The batch reference over this scenario's inputs and alias table. */
        public BatchReference reference() {
            return new BatchReference(params(), inputs, aliases);
        }

        public long tickCount() {
            return inputs.stream().filter(i -> i instanceof MarketInput.Tick).count();
        }

        public long newsCount() {
            return inputs.stream().filter(i -> i instanceof MarketInput.News).count();
        }
    }

    private record Raw(String symbol, long ts, double logPrice, double size, boolean cents) {}

    private record Arrival(long key, int order, MarketInput input) {}

    /** A late tick planted on purpose, with its arrival time. */
    private record Planted(Raw raw, long arrival) {}

    private final Random rnd;
    /**
     * A second stream for everything added to the original generator (texts, lateness), so that the base market
     * of each seed is the one the seed always had.
     */
    private final Random extra;

    private final long seed;

    private SyntheticMarket(long seed) {
        this.seed = seed;
        this.rnd = new Random(seed * 7919 + 17);
        this.extra = new Random(seed * 104_729 + 3);
    }

    public static Scenario generate(long seed) {
        return new SyntheticMarket(seed).build();
    }

    /**
     * The long data set of the replay integration test: {@code tradingDays} trading days of at least seven
     * correlated stocks and the benchmark, realistic sessions, about two news per trading day. Arrival order is
     * each symbol's time order with disorder below G, all news first (as a replay publishes it): nothing late.
     */
    public static Scenario generateLong(long seed, int tradingDays) {
        return new LongMarket(seed, tradingDays).build();
    }

    /** {@link #generateLong(long, int)} over 60 trading days. */
    public static Scenario generateLong(long seed) {
        return generateLong(seed, 60);
    }

    /**
     * The wide data set of the wide replay integration test: {@code symbols} stocks (at least seven) and the
     * benchmark over {@code tradingDays} trading days, trade rates and the news' tickers skewed like a whole
     * market's (a few busy names, many thin ones), about 3% of the news naming 10-50 tickers. Arrival order as in
     * {@link #generateLong}: nothing late.
     */
    public static Scenario generateWide(long seed, int symbols, int tradingDays) {
        return new WideMarket(seed, symbols, tradingDays).build();
    }

    /** {@link #generateWide(long, int, int)}: 1,000 stocks over 7 trading days. */
    public static Scenario generateWide(long seed) {
        return generateWide(seed, 1000, 7);
    }

    private static Map<String, String> aliasTable() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("Amazon", "AMZN");
        a.put("Amazon Web Services", "AMZN");
        a.put("AWS", "AMZN");
        a.put("Microsoft", "MSFT");
        a.put("Azure", "MSFT");
        a.put("Nvidia", "NVDA");
        a.put("Apple", "AAPL");
        return java.util.Collections.unmodifiableMap(a);
    }

    private Scenario build() {
        // ---- config: defaults, varied per seed to reach both models and a window closed on arrival
        ReactionConfig config = ReactionConfig.defaults();
        int variant = (int) (seed % 4);
        boolean shortHorizon = variant == 3 || rnd.nextInt(4) == 0;
        if (shortHorizon) {
            config = config.withHorizons(
                    List.of(Horizon.parse("PT1M"), Horizon.parse("PT5M"), Horizon.parse("PT2H"), Horizon.parse("P1D")));
        }
        int[] minPointsChoices = {30, 30, 10, 400};
        config = config.withMinPoints(minPointsChoices[rnd.nextInt(minPointsChoices.length)]);
        if (rnd.nextInt(3) != 0) {
            config = config.withProvisionalInterval(Duration.ZERO);
        }
        long estimationMs = config.estimationWindow().toMillis();

        // ---- calendar
        long start = ZonedDateTime.of(2025, 11, 3, 0, 0, 0, 0, ZoneOffset.UTC)
                        .toInstant()
                        .toEpochMilli()
                + rnd.nextInt(7) * DAY
                + rnd.nextInt(12) * HOUR;
        int days = 6 + rnd.nextInt(3);
        long end = start + days * DAY;
        long sessionLength = 2 * HOUR + rnd.nextInt(61) * MINUTE;

        // ---- symbols
        List<String> stocks = new ArrayList<>(List.of(STOCK_POOL));
        java.util.Collections.shuffle(stocks, rnd);
        stocks = new ArrayList<>(stocks.subList(0, 3 + rnd.nextInt(4)));
        boolean withIpo = rnd.nextInt(3) != 0;
        boolean withHalt = rnd.nextInt(3) != 0;
        if (withIpo) {
            stocks.add("NEWCO");
        }
        if (withHalt) {
            stocks.add("HALTD");
        }
        long spyStart = rnd.nextInt(3) == 0 ? start + DAY + rnd.nextInt(24) * HOUR : start;
        long spyFlatUntil = rnd.nextInt(3) == 0 ? start + 3 * DAY + rnd.nextInt(24) * HOUR : Long.MIN_VALUE;
        long ipoAt = start + 2 * DAY + rnd.nextInt(48) * HOUR;
        long haltAt = start + DAY + rnd.nextInt(12) * HOUR;

        // ---- latent log prices per minute: market factor plus idiosyncratic walks
        int minutes = (int) ((end - start) / MINUTE) + 2;
        double[] market = new double[minutes];
        for (int k = 1; k < minutes; k++) {
            double vol = inSession(start + k * MINUTE, sessionLength) ? 0.0007 : 0.0001;
            market[k] = market[k - 1] + vol * rnd.nextGaussian();
        }
        Map<String, double[]> latent = new HashMap<>();
        Map<String, Boolean> cents = new HashMap<>();
        List<String> all = new ArrayList<>(stocks);
        all.add(BENCHMARK);
        for (String s : all) {
            double b = s.equals(BENCHMARK) ? 1.0 : 0.3 + 1.5 * rnd.nextDouble();
            double idio = s.equals(BENCHMARK) ? 0.0001 : 0.0003 + 0.001 * rnd.nextDouble();
            double base = Math.log(s.equals(BENCHMARK) ? 500 : 20 + 400 * rnd.nextDouble());
            double[] l = new double[minutes];
            double walk = 0;
            for (int k = 0; k < minutes; k++) {
                walk += idio * rnd.nextGaussian();
                l[k] = base + b * market[k] + walk;
            }
            latent.put(s, l);
            cents.put(s, rnd.nextInt(3) != 0);
        }

        // ---- ticks
        List<Raw> raw = new ArrayList<>();
        for (String s : all) {
            boolean spy = s.equals(BENCHMARK);
            double sessionGap = spy ? 25 + rnd.nextInt(45) : 40 + rnd.nextInt(300);
            double quietGap = 20 * 60 + rnd.nextInt(40 * 60);
            boolean zeroSizeMostly = !spy && rnd.nextInt(6) == 0;
            long first = spy ? spyStart : s.equals("NEWCO") ? ipoAt : start;
            long last = s.equals("HALTD") ? haltAt : end;
            long t = first + (long) (rnd.nextDouble() * 60 * SECOND);
            Long prevTs = null;
            while (t < last) {
                boolean session = inSession(t, sessionLength);
                boolean weekend = isWeekend(t);
                if (session || (!weekend && rnd.nextInt(10) != 0) || (weekend && rnd.nextInt(40) == 0)) {
                    long ts = t;
                    if (prevTs != null && rnd.nextInt(25) == 0) {
                        ts = prevTs; // equal timestamps: ordered by arrival
                    } else if (rnd.nextInt(12) == 0) {
                        ts = ts - Math.floorMod(ts, MINUTE); // exactly on a bucket boundary
                    }
                    raw.add(tick(s, ts, latent, cents, zeroSizeMostly, start));
                    prevTs = ts;
                }
                double gap = session ? sessionGap : weekend ? 6 * 3600 : quietGap;
                t += 1 + (long) (-Math.log(1 - rnd.nextDouble()) * gap * SECOND);
            }
        }

        // ---- news
        int newsCount = 5 + rnd.nextInt(11);
        List<String> universe = new ArrayList<>(stocks);
        List<MarketInput.News> news = new ArrayList<>();
        long shortest = config.horizons().get(0).millis();
        for (int i = 0; i < newsCount; i++) {
            long t0 = newsTime(start, end, sessionLength, raw);
            List<String> tickers = new ArrayList<>();
            int n = rnd.nextInt(12) == 0 ? 0 : 1 + rnd.nextInt(3);
            for (int j = 0; j < n; j++) {
                String s = universe.get(rnd.nextInt(universe.size()));
                if (!tickers.contains(s)) {
                    tickers.add(s);
                }
            }
            if (rnd.nextInt(5) == 0) {
                tickers.add(BENCHMARK);
            }
            if (rnd.nextInt(8) == 0) {
                tickers.add("GHOST"); // never trades
            }
            if (!tickers.isEmpty() && rnd.nextInt(10) == 0) {
                tickers.add(tickers.get(0)); // a repeated ticker
            }
            Double sentiment = rnd.nextBoolean() ? null : Math.round((rnd.nextDouble() * 2 - 1) * 1000) / 1000.0;
            String source = rnd.nextBoolean() ? "wire" : "blog";
            news.add(new MarketInput.News(
                    "n" + seed + "-" + i,
                    t0,
                    List.copyOf(tickers),
                    "Headline " + i,
                    null,
                    source,
                    sentiment,
                    perTicker(tickers, sentiment, i)));

            // a price jump after the news for its tickers, so some moves are significant
            for (String s : tickers) {
                double jump = rnd.nextGaussian() * 0.01;
                for (int r = 0; r < raw.size(); r++) {
                    Raw x = raw.get(r);
                    if (x.symbol().equals(s) && x.ts() > t0) {
                        raw.set(r, new Raw(x.symbol(), x.ts(), x.logPrice() + jump, x.size(), x.cents()));
                    }
                }
            }
            // boundary ticks for one ticker (or the benchmark): at T0, T0 + h, T0 - E, and just outside
            if (rnd.nextBoolean()) {
                String s =
                        rnd.nextInt(4) == 0 || tickers.isEmpty() ? BENCHMARK : tickers.get(rnd.nextInt(tickers.size()));
                if (!s.equals("GHOST") && latent.containsKey(s)) {
                    long h = config.horizons()
                            .get(rnd.nextInt(config.horizons().size()))
                            .millis();
                    long[] at = {t0, t0, t0 + h, t0 + h + 1, t0 - estimationMs, t0 - estimationMs - 1, t0 + 1, t0 - 1};
                    for (long ts : at) {
                        if (rnd.nextInt(3) != 0 && ts >= start && ts < end) {
                            raw.add(tick(s, ts, latent, cents, false, start));
                        }
                    }
                }
            }
        }

        // ---- texts: companies named by alias, some of them only by alias
        news = withTexts(news);

        // ---- lateness, in some seeds (all from the second random stream)
        long grace = config.grace().toMillis();
        boolean lateTicks = seed % 2 == 0;
        String laggingStock = seed % 3 == 1 ? stocks.get(extra.nextInt(stocks.size())) : null;
        long stockLag = 3 * MINUTE + extra.nextInt(12 * 60 + 1) * SECOND;
        long benchmarkLag = seed % 4 == 2 ? 3 * MINUTE + extra.nextInt(12 * 60 + 1) * SECOND : 0;
        boolean lateNews = seed % 3 == 2;
        int forcedLate = extra.nextInt(news.size());
        List<Planted> planted = lateTicks ? plantLateTicks(news, raw, config, start, end) : List.of();

        // ---- arrival order: ticks with a delay < 30 s (a few far later), news shortly after T0 (some late)
        List<Arrival> arrivals = new ArrayList<>();
        int order = 0;
        Random amend = new Random(seed ^ 0x5eed_ca9cL); // a third stream: the market above stays as it was
        for (Raw x : raw) {
            long delay = (long) (rnd.nextDouble() * MAX_TICK_DELAY);
            if (lateTicks && extra.nextInt(100) < 3) {
                delay += grace + MINUTE + extra.nextInt(19 * 60 + 1) * SECOND; // 1-20 minutes beyond G
            }
            long lag = lag(x.symbol(), laggingStock, stockLag, benchmarkLag);
            MarketInput.Tick t = tickOf(x);
            String venue = VENUES[order % VENUES.length];
            String id = Integer.toString(order);
            arrivals.add(new Arrival(
                    x.ts() + delay + lag,
                    order++,
                    MarketInput.Tick.trade(t.symbol(), t.ts(), t.price(), t.size(), venue, id)));
            if (amend.nextInt(1000) < 12) {
                order = amend(arrivals, order, amend, t, venue, id, x.ts() + delay + lag, lag, x.cents());
            }
        }
        for (int k = 0; k < 3; k++) { // naming no trade: an id never used, and a real id on another venue
            Raw x = raw.get(amend.nextInt(raw.size()));
            String name = k == 0 ? "none" : Integer.toString(amend.nextInt(order));
            long at = x.ts() + MAX_TICK_DELAY + lag(x.symbol(), laggingStock, stockLag, benchmarkLag);
            arrivals.add(
                    new Arrival(at, order++, MarketInput.Tick.cancel(x.symbol(), x.ts(), 1.0, 1.0, "XNOPE", name)));
        }
        for (Planted p : planted) {
            arrivals.add(new Arrival(
                    p.arrival() + lag(p.raw().symbol(), laggingStock, stockLag, benchmarkLag),
                    order++,
                    tickOf(p.raw())));
        }
        for (int i = 0; i < news.size(); i++) {
            MarketInput.News n = news.get(i);
            long delay = (long) (rnd.nextDouble() * 55 * SECOND);
            if (shortest <= 2 * MINUTE && rnd.nextInt(3) == 0) {
                // after its shortest window closed (T0 + h + G), still within the lateness L: exact, FINAL at once
                delay = shortest + config.grace().toMillis() + 20 * SECOND + (long) (rnd.nextDouble() * 60 * SECOND);
            }
            if (lateNews && (i == forcedLate || extra.nextInt(3) == 0)) {
                delay = config.newsLateness().toMillis() + MINUTE + extra.nextInt(29 * 60 + 1) * SECOND;
                // late means behind the news before it too: a wire item naming no ticker, published a second
                // before the late one arrives, has moved the news input on
                long wireAt = n.t0() + delay - SECOND;
                arrivals.add(new Arrival(
                        wireAt,
                        order++,
                        new MarketInput.News("wire-" + n.id(), wireAt, List.of(), "Wire update", "wire", null)));
            }
            arrivals.add(new Arrival(n.t0() + delay, order++, n));
        }
        if (seed % 5 == 0) {
            // a news event sent twice (a wire re-sending it): reacted to once
            MarketInput.News n = news.get(extra.nextInt(news.size()));
            arrivals.add(new Arrival(n.t0() + MINUTE + extra.nextInt(120) * MINUTE, order++, n));
        }
        arrivals.sort(Comparator.comparingLong(Arrival::key).thenComparingInt(Arrival::order));
        List<MarketInput> inputs = arrivals.stream().map(Arrival::input).toList();
        int arrivingClosed =
                newsArrivingAfterClose(inputs, shortest + config.grace().toMillis());
        int lateTickCount = ticksLateBeyondGrace(inputs, grace);
        int lateNewsCount = new BatchReference(BatchReference.Params.of(config), inputs, ALIASES)
                .lateNewsIds()
                .size();

        String description = String.format(
                "seed %d: %d stocks %s, %d days from %s, session %d min, minPoints %d,"
                        + " horizons %s, L %s, provisional %s, spyStart +%dh, spyFlat %s, %d ticks (%d later than G"
                        + " behind their symbol's clock, %d planted), lagging feed %s, benchmark lag %s, %d news (%d"
                        + " arriving after their shortest window closed, %d late)",
                seed,
                stocks.size(),
                stocks,
                days,
                Instant.ofEpochMilli(start),
                sessionLength / MINUTE,
                config.minPoints(),
                config.horizons(),
                config.newsLateness(),
                config.provisionalInterval(),
                (spyStart - start) / HOUR,
                spyFlatUntil == Long.MIN_VALUE ? "no" : "until +" + (spyFlatUntil - start) / HOUR + "h",
                raw.size() + planted.size(),
                lateTickCount,
                planted.size(),
                laggingStock == null ? "none" : laggingStock + " +" + Duration.ofMillis(stockLag),
                benchmarkLag == 0 ? "none" : Duration.ofMillis(benchmarkLag),
                news.size(),
                arrivingClosed,
                lateNewsCount);
        // the flat benchmark: constant price until spyFlatUntil, so r_m == 0 exactly on those points
        if (spyFlatUntil != Long.MIN_VALUE) {
            inputs = inputs.stream()
                    .map(in -> in instanceof MarketInput.Tick t && t.symbol().equals(BENCHMARK) && t.ts() < spyFlatUntil
                            ? (MarketInput) t.withPrice(500.0)
                            : in)
                    .toList();
        }
        return new Scenario(seed, config, inputs, ALIASES, description);
    }

    private static final String[] VENUES = {"XNAS", "XNYS", "FINRA"};

    /**
     * Cancels and corrections of trade {@code t} (venue, id), which arrives at {@code arrival}: most within the grace
     * period after it, some 1-30 minutes later (its short windows closed by then), some corrections cancelled in
     * turn, some cancels sent twice (the second names no trade any more). Returns the next arrival order.
     */
    private static int amend(
            List<Arrival> arrivals,
            int order,
            Random amend,
            MarketInput.Tick t,
            String venue,
            String id,
            long arrival,
            long lag,
            boolean cents) {
        long after = amend.nextInt(10) < 3
                ? 2 * MINUTE + amend.nextInt(29 * 60) * SECOND
                : (long) (amend.nextDouble() * MAX_TICK_DELAY);
        long at = arrival + after;
        if (amend.nextInt(5) < 3) {
            arrivals.add(new Arrival(
                    at, order++, MarketInput.Tick.cancel(t.symbol(), at - lag, t.price(), t.size(), venue, id)));
            if (amend.nextInt(10) == 0) {
                arrivals.add(new Arrival(
                        at + SECOND,
                        order++,
                        MarketInput.Tick.cancel(t.symbol(), at + SECOND - lag, t.price(), t.size(), venue, id)));
            }
            return order;
        }
        double p = t.price() * (amend.nextBoolean() ? 1.004 : 0.996);
        p = cents ? Math.round(p * 100) / 100.0 : Math.round(p * 10000) / 10000.0;
        String corrected = "c" + id;
        double size = fractional(1 + amend.nextInt(900));
        arrivals.add(new Arrival(
                at, order++, MarketInput.Tick.correction(t.symbol(), at - lag, p, size, venue, corrected, id)));
        if (amend.nextInt(10) < 3) {
            long later = at + amend.nextInt(10 * 60) * SECOND;
            arrivals.add(new Arrival(
                    later, order++, MarketInput.Tick.cancel(t.symbol(), later - lag, p, size, venue, corrected)));
        }
        return order;
    }

    private static long lag(String symbol, String laggingStock, long stockLag, long benchmarkLag) {
        if (symbol.equals(BENCHMARK)) {
            return benchmarkLag;
        }
        return symbol.equals(laggingStock) ? stockLag : 0;
    }

    private static MarketInput.Tick tickOf(Raw x) {
        double price = Math.exp(x.logPrice());
        price = x.cents() ? Math.round(price * 100) / 100.0 : Math.round(price * 10000) / 10000.0;
        return new MarketInput.Tick(x.symbol(), x.ts(), price, x.size());
    }

    /**
     * Headlines and summaries: each explicit ticker the alias table names is, half of the time, also named by an
     * alias in the text, and then half of the time only there; sometimes the text names one more company.
     */
    private List<MarketInput.News> withTexts(List<MarketInput.News> news) {
        List<MarketInput.News> out = new ArrayList<>();
        for (MarketInput.News n : news) {
            List<String> explicit = new ArrayList<>(n.tickers());
            List<String> byAlias = new ArrayList<>();
            for (String t : List.copyOf(new java.util.LinkedHashSet<>(n.tickers()))) {
                if (Headlines.hasAlias(t) && extra.nextBoolean()) {
                    byAlias.add(t);
                    if (extra.nextBoolean()) {
                        explicit.removeIf(t::equals);
                    }
                }
            }
            if (extra.nextInt(6) == 0) {
                List<String> others = new ArrayList<>(Headlines.aliasedTickers());
                others.removeAll(byAlias);
                byAlias.add(others.get(extra.nextInt(others.size())));
            }
            Headlines.Text text = Headlines.write(extra, byAlias);
            out.add(new MarketInput.News(
                    n.id(),
                    n.t0(),
                    List.copyOf(explicit),
                    text.headline(),
                    text.summary(),
                    n.source(),
                    n.sentiment(),
                    n.tickerSentiment()));
        }
        return out;
    }

    /**
     * Late ticks next to news, for a ticker of the news or the benchmark: one inside the shortest window arriving
     * 1-10 minutes after that window closed (late for it, still in time for the longer ones), and one in the
     * 10 minutes before T0 arriving 1-10 minutes after T0 + G (too late for the history of that news).
     */
    private List<Planted> plantLateTicks(
            List<MarketInput.News> news, List<Raw> raw, ReactionConfig config, long start, long end) {
        Map<String, List<Raw>> bySymbol = new HashMap<>();
        for (Raw x : raw) {
            bySymbol.computeIfAbsent(x.symbol(), k -> new ArrayList<>()).add(x);
        }
        bySymbol.values().forEach(l -> l.sort(Comparator.comparingLong(Raw::ts)));
        long shortest = config.horizons().get(0).millis();
        long grace = config.grace().toMillis();
        List<Planted> out = new ArrayList<>();
        for (MarketInput.News n : news) {
            if (!extra.nextBoolean()) {
                continue;
            }
            List<String> candidates = new ArrayList<>(BatchReference.tickersOf(n, ALIASES));
            candidates.retainAll(bySymbol.keySet());
            String s = candidates.isEmpty() || extra.nextInt(4) == 0
                    ? BENCHMARK
                    : candidates.get(extra.nextInt(candidates.size()));
            if (!bySymbol.containsKey(s)) {
                continue;
            }
            long t0 = n.t0();
            long inWindow = t0 + 1 + (long) (extra.nextDouble() * (shortest - 1));
            long inHistory = t0 - 1 - extra.nextInt(10 * 60) * SECOND;
            long[][] plan = {
                {inWindow, t0 + shortest + grace + MINUTE + extra.nextInt(9 * 60) * SECOND},
                {inHistory, t0 + grace + MINUTE + extra.nextInt(9 * 60) * SECOND}
            };
            for (long[] p : plan) {
                if (p[0] >= start && p[0] < end) {
                    Raw near = nearest(bySymbol.get(s), p[0]);
                    out.add(new Planted(
                            new Raw(
                                    s,
                                    p[0],
                                    near.logPrice() + 0.0005 * extra.nextGaussian(),
                                    1 + extra.nextInt(300),
                                    near.cents()),
                            p[1]));
                }
            }
        }
        return out;
    }

    /** The last tick at or before {@code ts}, else the first one. */
    private static Raw nearest(List<Raw> sorted, long ts) {
        Raw best = sorted.get(0);
        for (Raw x : sorted) {
            if (x.ts() > ts) {
                break;
            }
            best = x;
        }
        return best;
    }

    /**
     * The inputs of a generated market in arrival order: the news first, by time (a replay publishes them before the
     * ticks), then the ticks as they arrive; fails when a tick would be late beyond the grace period, since the
     * stream then may differ from the reference by design.
     */
    static List<MarketInput> newsFirst(
            List<MarketInput.News> news, List<MarketInput.Tick> ticks, ReactionConfig config, String market) {
        List<MarketInput> inputs = new ArrayList<>(news.size() + ticks.size());
        news.stream()
                .sorted(Comparator.comparingLong(MarketInput.News::t0).thenComparing(MarketInput.News::id))
                .forEach(inputs::add);
        inputs.addAll(ticks);
        int late = ticksLateBeyondGrace(inputs, config.grace().toMillis());
        if (late != 0) {
            throw new IllegalStateException("the " + market + " market must have no late tick, has " + late);
        }
        return inputs;
    }

    /** Ticks that arrived more than G behind their own symbol's clock. */
    static int ticksLateBeyondGrace(List<MarketInput> inputs, long graceMs) {
        Map<String, Long> clock = new HashMap<>();
        int late = 0;
        for (MarketInput in : inputs) {
            if (in instanceof MarketInput.Tick t && t.isTrade()) {
                Long c = clock.get(t.symbol());
                if (c != null && t.ts() < c - graceMs) {
                    late++;
                }
                clock.put(t.symbol(), c == null ? t.ts() : Math.max(c, t.ts()));
            }
        }
        return late;
    }

    private Raw tick(
            String s,
            long ts,
            Map<String, double[]> latent,
            Map<String, Boolean> cents,
            boolean zeroSizeMostly,
            long start) {
        int k = (int) Math.max(0, Math.min(latent.get(s).length - 1, (ts - start) / MINUTE));
        double logPrice = latent.get(s)[k] + 0.0002 * rnd.nextGaussian();
        long whole = zeroSizeMostly
                ? (rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(50) : 0)
                : rnd.nextInt(20) == 0 ? 0 : 1 + rnd.nextInt(500);
        return new Raw(s, ts, logPrice, fractional(whole), cents.get(s));
    }

    /**
     * Fractional shares as 2026 prints them, from the whole size drawn (no draw of its own, so the market is the same
     * otherwise): thousandths of a share, six decimals, and sizes beyond a millionth that the contract rounds.
     */
    static double fractional(long whole) {
        return switch ((int) (whole % 8)) {
            case 1 -> whole / 1000.0;
            case 2 -> whole + 0.000123;
            case 6 -> whole / 3.0;
            default -> whole;
        };
    }

    /**
     * A sentiment per ticker on every third news with one and two tickers or more, as Massive's insights give: the
     * first ticker's is the article's, the second's the opposite (good for one company, bad for its rival). No draw
     * of its own, so the market is the same otherwise.
     */
    private static Map<String, Double> perTicker(List<String> tickers, Double sentiment, int i) {
        List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(tickers));
        if (sentiment == null || distinct.size() < 2 || i % 3 != 0) {
            return Map.of();
        }
        return Map.of(distinct.get(0), sentiment, distinct.get(1), -sentiment);
    }

    /** Mostly inside a session (some on a Friday), sometimes anywhere (nights, weekends, before or after all data),
     * sometimes exactly at a tick. */
    private long newsTime(long start, long end, long sessionLength, List<Raw> raw) {
        int kind = rnd.nextInt(10);
        if (kind == 0) {
            return start - HOUR + (long) (rnd.nextDouble() * 2 * HOUR); // around the start of the data
        }
        if (kind == 1) {
            return end - 2 * HOUR + (long) (rnd.nextDouble() * 3 * HOUR); // around / after the end of the data
        }
        if (kind == 2 && !raw.isEmpty()) {
            return raw.get(rnd.nextInt(raw.size())).ts(); // exactly at a tick
        }
        if (kind == 4) {
            // the last session before a weekend: its P1D window closes on Saturday, the next ticks come Monday
            for (int attempt = 0; attempt < 1000; attempt++) {
                long t = start + (long) (rnd.nextDouble() * (end - start));
                if (inSession(t, sessionLength)
                        && Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.FRIDAY) {
                    return t;
                }
            }
        }
        if (kind == 3) {
            return start + (long) (rnd.nextDouble() * (end - start)); // anywhere, often quiet hours
        }
        for (int attempt = 0; attempt < 1000; attempt++) {
            long t = start + (long) (rnd.nextDouble() * (end - start));
            if (inSession(t, sessionLength)) {
                return rnd.nextInt(5) == 0 ? t - Math.floorMod(t, MINUTE) : t;
            }
        }
        return start + (end - start) / 2;
    }

    private static boolean isWeekend(long t) {
        DayOfWeek d = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    /** Weekdays from 14:30 UTC for {@code sessionLength}. */
    private static boolean inSession(long t, long sessionLength) {
        if (isWeekend(t)) {
            return false;
        }
        long open = 14 * HOUR + 30 * MINUTE;
        long tod = Math.floorMod(t, DAY);
        return tod >= open && tod < open + sessionLength;
    }

    /** News whose shortest window (T0 + h + G) the tick clock had already passed when it arrived. */
    private static int newsArrivingAfterClose(List<MarketInput> inputs, long shortestClose) {
        long max = Long.MIN_VALUE;
        int n = 0;
        for (MarketInput in : inputs) {
            if (in instanceof MarketInput.Tick t && t.isTrade()) {
                max = Math.max(max, t.ts());
            } else if (in instanceof MarketInput.News news && max > news.t0() + shortestClose) {
                n++;
            }
        }
        return n;
    }
}
