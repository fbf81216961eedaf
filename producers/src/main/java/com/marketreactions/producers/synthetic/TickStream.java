package com.marketreactions.producers.synthetic;

import static com.marketreactions.producers.synthetic.TradingCalendar.DAY_SECONDS;
import static com.marketreactions.producers.synthetic.TradingCalendar.PRE_MARKET_SECONDS;
import static com.marketreactions.producers.synthetic.TradingCalendar.REGULAR_END;
import static com.marketreactions.producers.synthetic.TradingCalendar.REGULAR_SECONDS;

import com.marketreactions.common.Trades;
import com.marketreactions.schema.StockTick;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * One pass of a {@link MarketGenerator}: steps the market one trading second at a time and samples each
 * symbol only when something happens to it (a tick, a shock, an anchor), which is exact for a Brownian
 * path and keeps the cost proportional to seconds plus ticks.
 *
 * <p>Time inside the model is a variance clock: one unit per regular-session second,
 * {@code extendedHoursVarianceFactor} per pre-market or after-hours second, none when closed. A path
 * heading for an anchor is sampled from the Brownian bridge on that clock; the last step lands on it
 * exactly. All randomness comes from {@link Random} (its algorithms are specified) and all transcendental
 * functions from {@link StrictMath}, so the output does not depend on the JVM or the JIT.
 *
 * <p>Longer than the project's other classes on purpose: the stepping loop, its event queue and the per-symbol
 * state are some thirty parallel primitive arrays indexed by symbol; split into classes, each would take all of
 * them, and the order of the random draws (which fixes every generated market) would be spread over files.
 */
final class TickStream implements Iterator<StockTick> {

    private static final int KIND_MARKET_SHOCK = 0;
    private static final int KIND_EVENT = 1;
    private static final int KIND_CLOSE = 2;
    private static final int KIND_ARRIVAL = 3;
    private static final long INDEX_MASK = (1L << 36) - 1;

    private static final long STREAM_PATH = 1;
    private static final long STREAM_ARRIVAL = 2;
    private static final long STREAM_SIZE = 3;
    private static final long STREAM_MARKET = 4;

    // parameters; index n is the benchmark
    private final int n;
    private final String[] names;
    private final double[] beta;
    private final double[] sigma;
    private final double[] rate;
    private final double sigmaMarket;
    private final double extendedVar;
    private final double preRate;
    private final double afterRate;
    private final boolean closingPrints;
    private final LocalDate to;
    private final LocalDate origin;
    private final double dayUnits;

    private final Random marketRng;
    private final Random[] pathRng;
    private final Random[] arrivalRng;
    private final Random[] sizeRng;

    // scripted events, sorted by time; per owner, the positions of its events in that order
    private final long[] evTime;
    private final int[] evOwner;
    private final boolean[] evWaypoint;
    private final double[] evValue;
    private final double[] evClock;
    private final int[] evOwnerPos;
    private final int[][] ownerEvents;
    private final int[] ownerNext;
    private int nextEvent;

    // session extremes: per owner, in time order, the window and level a path is reflected off
    private final long[][] barrierFrom;
    private final long[][] barrierTo;
    private final double[][] barrierLevel;
    private final boolean[][] barrierHigh;
    private final int[] barrierNext;

    // state: log prices, where each symbol was last sampled (clock, market), arrival budgets
    private double market;
    private final double[] x;
    private final double[] lastClock;
    private final double[] lastMarket;
    private final double[] budget;

    private LocalDate day;
    private long dayStartMs;
    private double dayBase;
    private int second;
    private boolean finished;

    private long[] items = new long[64];
    private int itemCount;
    private final ArrayDeque<StockTick> out = new ArrayDeque<>();

    TickStream(MarketGenerator g) {
        List<SymbolSpec> symbols = g.symbols();
        BenchmarkSpec b = g.benchmark();
        n = symbols.size();
        names = new String[n + 1];
        beta = new double[n + 1];
        sigma = new double[n + 1];
        rate = new double[n + 1];
        x = new double[n + 1];
        lastClock = new double[n + 1];
        lastMarket = new double[n + 1];
        budget = new double[n + 1];
        pathRng = new Random[n + 1];
        arrivalRng = new Random[n + 1];
        sizeRng = new Random[n + 1];
        double perSecond = Math.sqrt(REGULAR_SECONDS);
        market = StrictMath.log(b.initialPrice());
        for (int i = 0; i <= n; i++) {
            SymbolSpec s = i < n ? symbols.get(i) : null;
            names[i] = s != null ? s.symbol() : b.symbol();
            beta[i] = s != null ? s.beta() : 1;
            sigma[i] = s != null ? s.dailyVol() / perSecond : 0;
            rate[i] = s != null ? s.ticksPerSecond() : b.ticksPerSecond();
            x[i] = s != null ? StrictMath.log(s.initialPrice()) : market;
            lastMarket[i] = market;
            long key = Seeds.name(names[i]);
            pathRng[i] = new Random(Seeds.mix(g.seed(), STREAM_PATH, key));
            arrivalRng[i] = new Random(Seeds.mix(g.seed(), STREAM_ARRIVAL, key));
            sizeRng[i] = new Random(Seeds.mix(g.seed(), STREAM_SIZE, key));
            budget[i] = exponential(arrivalRng[i]);
        }
        marketRng = new Random(Seeds.mix(g.seed(), STREAM_MARKET, Seeds.name(b.symbol())));
        sigmaMarket = b.dailyVol() / perSecond;
        extendedVar = g.extendedHoursVarianceFactor();
        preRate = g.preMarketRateFactor();
        afterRate = g.afterHoursRateFactor();
        closingPrints = g.closingPrints();
        to = g.to();
        origin = TradingCalendar.onOrAfter(g.from());
        dayUnits = intraday(DAY_SECONDS);

        List<Event> events = events(g, symbols);
        int m = events.size();
        evTime = new long[m];
        evOwner = new int[m];
        evWaypoint = new boolean[m];
        evValue = new double[m];
        evClock = new double[m];
        evOwnerPos = new int[m];
        int[] counts = new int[n + 1];
        for (int i = 0; i < m; i++) {
            Event e = events.get(i);
            evTime[i] = e.time;
            evOwner[i] = e.owner;
            evWaypoint[i] = e.waypoint;
            evValue[i] = e.value;
            evClock[i] = clockAt(Instant.ofEpochMilli(e.time));
            evOwnerPos[i] = counts[e.owner]++;
        }
        ownerEvents = new int[n + 1][];
        for (int o = 0; o <= n; o++) {
            ownerEvents[o] = new int[counts[o]];
        }
        for (int i = 0; i < m; i++) {
            ownerEvents[evOwner[i]][evOwnerPos[i]] = i;
        }
        ownerNext = new int[n + 1];

        barrierFrom = new long[n + 1][];
        barrierTo = new long[n + 1][];
        barrierLevel = new double[n + 1][];
        barrierHigh = new boolean[n + 1][];
        barrierNext = new int[n + 1];
        buildBarriers(g, symbols);

        day = origin;
        if (to != null && day.isAfter(to)) {
            finished = true;
        } else {
            startDay();
        }
    }

    private record Event(long time, int owner, boolean waypoint, double value) {}

    /** The session extremes of the anchors, per owner in date order. */
    private void buildBarriers(MarketGenerator g, List<SymbolSpec> symbols) {
        Map<String, Integer> index = index(g, symbols);
        List<List<DayAnchor>> extremes = new ArrayList<>();
        for (int o = 0; o <= n; o++) {
            extremes.add(new ArrayList<>());
        }
        for (DayAnchor a : g.anchors()) {
            if (a.extremeAt() != null && !a.date().isBefore(origin)) {
                extremes.get(index.get(a.symbol())).add(a);
            }
        }
        for (int o = 0; o <= n; o++) {
            List<DayAnchor> l = extremes.get(o);
            l.sort(Comparator.comparing(DayAnchor::date));
            barrierFrom[o] = new long[l.size()];
            barrierTo[o] = new long[l.size()];
            barrierLevel[o] = new double[l.size()];
            barrierHigh[o] = new boolean[l.size()];
            for (int k = 0; k < l.size(); k++) {
                DayAnchor a = l.get(k);
                barrierFrom[o][k] =
                        TradingCalendar.at(a.date(), TradingCalendar.OPEN).toEpochMilli();
                barrierTo[o][k] =
                        TradingCalendar.at(a.date(), TradingCalendar.CLOSE).toEpochMilli();
                barrierLevel[o][k] = StrictMath.log(a.extremePrice());
                barrierHigh[o][k] = a.extremeIsHigh();
            }
        }
    }

    /** Waypoints (the anchors' included) and shocks, sorted by time, waypoints first; none before the start. */
    private List<Event> events(MarketGenerator g, List<SymbolSpec> symbols) {
        Map<String, Integer> index = index(g, symbols);
        long start = TradingCalendar.at(origin, TradingCalendar.PRE_MARKET_OPEN).toEpochMilli();
        List<Event> events = new ArrayList<>();
        for (Waypoint w : g.allWaypoints()) {
            events.add(waypoint(index.get(w.symbol()), w.at(), w.price()));
        }
        for (Shock s : g.shocks()) {
            events.add(new Event(s.at().toEpochMilli(), index.get(s.symbol()), false, s.logJump()));
        }
        events.removeIf(e -> e.time < start);
        events.sort(Comparator.comparingLong(Event::time)
                .thenComparing(e -> !e.waypoint)
                .thenComparingInt(Event::owner));
        return events;
    }

    private Map<String, Integer> index(MarketGenerator g, List<SymbolSpec> symbols) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(symbols.get(i).symbol(), i);
        }
        index.put(g.benchmark().symbol(), n);
        return index;
    }

    private Event waypoint(int owner, Instant at, double price) {
        long t = at.toEpochMilli();
        if (owner == n) {
            t = Math.floorDiv(t, 1000) * 1000; // the market moves in whole seconds
        }
        return new Event(t, owner, true, StrictMath.log(price));
    }

    @Override
    public boolean hasNext() {
        while (out.isEmpty() && !finished) {
            step();
        }
        return !out.isEmpty();
    }

    @Override
    public StockTick next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the generator's last day is over");
        }
        return out.poll();
    }

    private void startDay() {
        dayStartMs = TradingCalendar.at(day, TradingCalendar.PRE_MARKET_OPEN).toEpochMilli();
        dayBase = TradingCalendar.weekdaysBetween(origin, day) * dayUnits;
        second = 0;
    }

    /** One trading second: collect what happens in it, play it in order, then move the market. */
    private void step() {
        if (second == DAY_SECONDS) {
            day = TradingCalendar.onOrAfter(day.plusDays(1));
            if (to != null && day.isAfter(to)) {
                finished = true;
                return;
            }
            startDay();
        }
        long start = dayStartMs + second * 1000L;
        long end = start + 1000;
        boolean pre = second < PRE_MARKET_SECONDS;
        boolean regular = !pre && second < REGULAR_END;
        double varUnits = regular ? 1 : extendedVar;
        double rateFactor = regular ? 1 : pre ? preRate : afterRate;
        double clock = dayBase + intraday(second);

        itemCount = 0;
        while (nextEvent < evTime.length && evTime[nextEvent] < end) {
            int off = (int) Math.max(0, evTime[nextEvent] - start);
            boolean marketShock = evOwner[nextEvent] == n && !evWaypoint[nextEvent];
            add(off, marketShock ? KIND_MARKET_SHOCK : KIND_EVENT, nextEvent);
            nextEvent++;
        }
        if (closingPrints && second == REGULAR_END) {
            for (int i = 0; i <= n; i++) {
                add(0, KIND_CLOSE, i);
            }
        }
        for (int i = 0; i <= n; i++) {
            double r = rate[i] * rateFactor;
            if (r > 0) {
                arrivals(i, r);
            }
        }
        if (itemCount > 1) {
            Arrays.sort(items, 0, itemCount);
        }
        for (int k = 0; k < itemCount; k++) {
            play(items[k], start, clock, varUnits);
        }
        stepMarket(end, clock, varUnits);
        second++;
    }

    private void play(long item, long start, double clock, double varUnits) {
        int off = (int) (item >>> 40);
        int kind = (int) (item >>> 36) & 0xF;
        int idx = (int) (item & INDEX_MASK);
        long t = start + off;
        double c = clock + varUnits * off / 1000.0;
        switch (kind) {
            case KIND_MARKET_SHOCK -> {
                market += evValue[idx];
                ownerNext[n] = Math.max(ownerNext[n], evOwnerPos[idx] + 1);
            }
            case KIND_EVENT -> {
                int o = evOwner[idx];
                if (o == n) {
                    // a market waypoint is normally reached by stepMarket at the end of the second before it
                    if (ownerNext[n] <= evOwnerPos[idx]) {
                        market = evValue[idx];
                        ownerNext[n] = evOwnerPos[idx] + 1;
                    }
                    return;
                }
                advance(o, t, c);
                x[o] = evWaypoint[idx] ? evValue[idx] : x[o] + evValue[idx];
                ownerNext[o] = Math.max(ownerNext[o], evOwnerPos[idx] + 1);
            }
            case KIND_CLOSE -> emit(idx, t, c, 100L * (50 + sizeRng[idx].nextInt(151)));
            default -> emit(idx, t, c, size(sizeRng[idx]));
        }
    }

    private void emit(int o, long t, double c, long size) {
        double logPrice;
        if (o == n) {
            logPrice = market;
        } else {
            advance(o, t, c);
            logPrice = x[o];
        }
        long cents = Math.max(1, Math.round(StrictMath.exp(logPrice) * 100));
        out.add(Trades.trade(names[o], Instant.ofEpochMilli(t), cents / 100.0, (double) size, null));
    }

    /**
     * Moves symbol {@code o} from where it was last sampled to time {@code t} (variance clock {@code c}):
     * its beta times the market's move since then plus idiosyncratic noise, bridged towards its next
     * anchor unless a shock of its own comes first.
     */
    private void advance(int o, long t, double c) {
        double dc = c - lastClock[o];
        double u = beta[o] * (market - lastMarket[o]);
        if (dc > 0 && sigma[o] > 0) {
            u += sigma[o] * Math.sqrt(dc) * pathRng[o].nextGaussian();
        }
        int p = ownerNext[o];
        int[] own = ownerEvents[o];
        if (p < own.length && evWaypoint[own[p]]) {
            int e = own[p];
            x[o] = bridge(x[o], u, dc, evClock[e] - lastClock[o], t >= evTime[e], evValue[e]);
        } else {
            x[o] += u;
        }
        x[o] = reflect(o, t, x[o]);
        lastClock[o] = c;
        lastMarket[o] = market;
    }

    /** One second of the market factor, from clock {@code clock} to the second's {@code end}. */
    private void stepMarket(long end, double clock, double varUnits) {
        double u = sigmaMarket * Math.sqrt(varUnits) * marketRng.nextGaussian();
        int p = ownerNext[n];
        int[] own = ownerEvents[n];
        if (p < own.length && evWaypoint[own[p]]) {
            int e = own[p];
            boolean reached = evTime[e] <= end;
            market = bridge(market, u, varUnits, evClock[e] - clock, reached, evValue[e]);
            if (reached) {
                ownerNext[n] = p + 1;
            }
        } else {
            market += u;
        }
        market = reflect(n, end, market);
    }

    /** A log price at time {@code t}, reflected off the session extreme of owner {@code o} in force then. */
    private double reflect(int o, long t, double v) {
        long[] to = barrierTo[o];
        int p = barrierNext[o];
        while (p < to.length && to[p] < t) {
            p++;
        }
        barrierNext[o] = p;
        if (p == to.length || barrierFrom[o][p] > t) {
            return v;
        }
        double level = barrierLevel[o][p];
        boolean beyond = barrierHigh[o][p] ? v > level : v < level;
        return beyond ? 2 * level - v : v;
    }

    /**
     * One step of a Brownian bridge: from {@code from}, with free increment {@code u} over {@code dc} of
     * the {@code remaining} clock to a target {@code to}. Lands on the target when the step reaches it.
     */
    private static double bridge(double from, double u, double dc, double remaining, boolean reached, double to) {
        if (reached || remaining > 0 && dc >= remaining) {
            return to;
        }
        if (remaining <= 0) {
            return from + u; // no variance left before the target's time: wait for it
        }
        double w = dc / remaining;
        return from + (to - from) * w + Math.sqrt(1 - w) * u;
    }

    /** Poisson arrivals of symbol {@code o} in this second at intensity {@code r} per second. */
    private void arrivals(int o, double r) {
        double b = budget[o];
        double pos = 0;
        while (b <= r * (1 - pos)) {
            pos += b / r;
            add(Math.min(999, (int) (pos * 1000)), KIND_ARRIVAL, o);
            b = exponential(arrivalRng[o]);
        }
        budget[o] = b - r * (1 - pos);
    }

    private void add(int off, int kind, int idx) {
        if (itemCount == items.length) {
            items = Arrays.copyOf(items, items.length * 2);
        }
        items[itemCount++] = ((long) off << 40) | ((long) kind << 36) | idx;
    }

    /** Variance-clock units from 04:00 to {@code s} seconds after it, on a trading day. */
    private double intraday(double s) {
        if (s <= PRE_MARKET_SECONDS) {
            return s * extendedVar;
        }
        if (s <= REGULAR_END) {
            return PRE_MARKET_SECONDS * extendedVar + (s - PRE_MARKET_SECONDS);
        }
        return PRE_MARKET_SECONDS * extendedVar + REGULAR_SECONDS + (s - REGULAR_END) * extendedVar;
    }

    /** The variance clock at any instant, counted from 04:00 on the first day. */
    private double clockAt(Instant t) {
        ZonedDateTime z = t.atZone(TradingCalendar.NEW_YORK);
        LocalDate d = z.toLocalDate();
        double base = TradingCalendar.weekdaysBetween(origin, d) * dayUnits;
        if (!TradingCalendar.isTradingDay(d)) {
            return base;
        }
        double s = Math.min(DAY_SECONDS, Math.max(0, TradingCalendar.secondsSincePreOpen(z)));
        return base + intraday(s);
    }

    private static double exponential(Random r) {
        return -StrictMath.log(1 - r.nextDouble());
    }

    /** Mostly round lots (100 to a few thousand shares), sometimes an odd lot. */
    private static long size(Random r) {
        if (r.nextDouble() < 0.8) {
            int lots = 1;
            while (lots < 50 && r.nextDouble() < 0.45) {
                lots++;
            }
            return 100L * lots;
        }
        return 1 + r.nextInt(99);
    }
}
