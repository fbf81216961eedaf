package com.marketreactions.producers.synthetic;

import com.marketreactions.schema.StockTick;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A seeded synthetic stock market, for demos and load tests: the same seed and parameters give the same
 * ticks, bit for bit, on every JVM.
 *
 * <p>Model: the benchmark's log price is the market factor, a random walk in one-second steps. Each
 * symbol's one-second log-return is {@code beta * market + idiosyncratic noise}, so symbols are correlated
 * through the market. Time runs on the {@link TradingCalendar}: prices move and trade from 04:00 to 20:00
 * New York time on weekdays, with variance scaled by {@code extendedHoursVarianceFactor} outside the regular
 * session, and stand still at night and on weekends. Ticks of each symbol arrive as a Poisson process at
 * its {@link SymbolSpec#ticksPerSecond} in the regular session and at that rate times
 * {@code preMarketRateFactor} / {@code afterHoursRateFactor} outside it; prices are rounded to cents, sizes
 * are mostly round lots. Scripted {@link Shock}s, {@link DayAnchor}s and {@link Waypoint}s calibrate the
 * path to a story.
 * Optionally each symbol prints a closing-auction tick at exactly 16:00:00.000.
 *
 * <p>{@link #iterator()} is lazy (a second of market at a time, memory independent of the length) and
 * yields ticks in non-decreasing time order, ties in symbol order (the benchmark last). Without an end
 * date it never ends; the caller takes what it needs and paces it.
 */
public final class MarketGenerator implements Iterable<StockTick> {

    private final long seed;
    private final LocalDate from;
    private final LocalDate to;
    private final List<SymbolSpec> symbols;
    private final BenchmarkSpec benchmark;
    private final double preMarketRateFactor;
    private final double afterHoursRateFactor;
    private final double extendedHoursVarianceFactor;
    private final boolean closingPrints;
    private final List<Shock> shocks;
    private final List<DayAnchor> anchors;
    private final List<Waypoint> waypoints;

    private MarketGenerator(Builder b) {
        this.seed = b.seed;
        this.from = b.from;
        this.to = b.to;
        this.symbols = List.copyOf(b.symbols != null ? b.symbols : SymbolSpec.generated(b.symbolCount, b.seed, 0.1));
        this.benchmark = b.benchmark;
        this.preMarketRateFactor = b.preMarketRateFactor;
        this.afterHoursRateFactor = b.afterHoursRateFactor;
        this.extendedHoursVarianceFactor = b.extendedHoursVarianceFactor;
        this.closingPrints = b.closingPrints;
        this.shocks = List.copyOf(b.shocks);
        this.anchors = List.copyOf(b.anchors);
        this.waypoints = List.copyOf(b.waypoints);
        validate();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A fresh pass over the ticks; every call yields the same sequence. */
    @Override
    public Iterator<StockTick> iterator() {
        return new TickStream(this);
    }

    /** The ticks as a sequential, ordered stream (unbounded without an end date). */
    public Stream<StockTick> stream() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    public long seed() {
        return seed;
    }

    /** First day generated (New York date). */
    public LocalDate from() {
        return from;
    }

    /** Last day generated (inclusive), or null when unbounded. */
    public LocalDate to() {
        return to;
    }

    public List<SymbolSpec> symbols() {
        return symbols;
    }

    public BenchmarkSpec benchmark() {
        return benchmark;
    }

    double preMarketRateFactor() {
        return preMarketRateFactor;
    }

    double afterHoursRateFactor() {
        return afterHoursRateFactor;
    }

    double extendedHoursVarianceFactor() {
        return extendedHoursVarianceFactor;
    }

    boolean closingPrints() {
        return closingPrints;
    }

    List<Shock> shocks() {
        return shocks;
    }

    List<DayAnchor> anchors() {
        return anchors;
    }

    List<Waypoint> waypoints() {
        return waypoints;
    }

    /** Every point a path must pass through: the anchors' opens, extremes and closes, and the waypoints. */
    List<Waypoint> allWaypoints() {
        List<Waypoint> all = new ArrayList<>();
        for (DayAnchor a : anchors) {
            if (a.open() != null) {
                all.add(new Waypoint(a.symbol(), TradingCalendar.at(a.date(), TradingCalendar.OPEN), a.open()));
            }
            if (a.extremeAt() != null) {
                all.add(new Waypoint(a.symbol(), a.extremeAt(), a.extremePrice()));
            }
            all.add(new Waypoint(a.symbol(), TradingCalendar.at(a.date(), TradingCalendar.CLOSE), a.close()));
        }
        all.addAll(waypoints);
        return all;
    }

    private void validate() {
        Set<String> names = new HashSet<>();
        for (SymbolSpec s : symbols) {
            Specs.require(names.add(s.symbol()), "symbol " + s.symbol() + " given twice");
        }
        Specs.require(names.add(benchmark.symbol()), "the benchmark " + benchmark.symbol() + " is also a symbol");
        Specs.require(to == null || !to.isBefore(from), "to " + to + " is before from " + from);
        for (Shock s : shocks) {
            Specs.require(names.contains(s.symbol()), "shock on unknown symbol " + s.symbol());
        }
        Set<String> anchorDays = new HashSet<>();
        for (DayAnchor a : anchors) {
            Specs.require(names.contains(a.symbol()), "anchor on unknown symbol " + a.symbol());
            Specs.require(
                    anchorDays.add(a.symbol() + " " + a.date()), "two anchors for " + a.symbol() + " on " + a.date());
        }
        Set<String> points = new HashSet<>();
        for (Waypoint w : allWaypoints()) {
            Specs.require(names.contains(w.symbol()), "waypoint on unknown symbol " + w.symbol());
            long at = w.at().toEpochMilli();
            if (w.symbol().equals(benchmark.symbol())) {
                at = Math.floorDiv(at, 1000) * 1000; // the market moves in whole seconds
            }
            Specs.require(points.add(w.symbol() + " " + at), "two points for " + w.symbol() + " at " + w.at());
            for (DayAnchor a : anchors) {
                if (a.extremeAt() != null
                        && a.symbol().equals(w.symbol())
                        && TradingCalendar.dateOf(w.at()).equals(a.date())
                        && TradingCalendar.sessionAt(w.at()) == Session.REGULAR) {
                    boolean beyond = a.extremeIsHigh() ? w.price() > a.extremePrice() : w.price() < a.extremePrice();
                    Specs.require(!beyond, w + " lies beyond the session extreme of " + a);
                }
            }
        }
        boolean anyRate = benchmark.ticksPerSecond() > 0 || symbols.stream().anyMatch(s -> s.ticksPerSecond() > 0);
        Specs.require(to != null || anyRate, "an unbounded generator needs a symbol with ticksPerSecond > 0");
    }

    /** Parameters of a {@link MarketGenerator}; defaults in brackets on each setter. */
    public static final class Builder {
        private long seed = 1;
        private LocalDate from = LocalDate.of(2025, 1, 6);
        private LocalDate to;
        private List<SymbolSpec> symbols;
        private int symbolCount = 10;
        private BenchmarkSpec benchmark = BenchmarkSpec.spy();
        private double preMarketRateFactor = 0.05;
        private double afterHoursRateFactor = 0.05;
        private double extendedHoursVarianceFactor = 0.1;
        private boolean closingPrints;
        private final List<Shock> shocks = new ArrayList<>();
        private final List<DayAnchor> anchors = new ArrayList<>();
        private final List<Waypoint> waypoints = new ArrayList<>();

        private Builder() {}

        /** Master seed [1]. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** First New York date [2025-01-06]; a weekend date starts on the Monday after. */
        public Builder from(LocalDate from) {
            this.from = Objects.requireNonNull(from, "from");
            return this;
        }

        /** Last New York date, inclusive [none: unbounded]. */
        public Builder to(LocalDate to) {
            this.to = to;
            return this;
        }

        /** The symbols [10 generated, see {@link #symbols(int)}]. */
        public Builder symbols(List<SymbolSpec> symbols) {
            this.symbols = List.copyOf(symbols);
            return this;
        }

        /** {@code n} symbols SYM001... drawn from the seed by {@link SymbolSpec#generated}, 0.1 ticks/s each. */
        public Builder symbols(int n) {
            Specs.require(n >= 0, "n must be >= 0");
            this.symbols = null;
            this.symbolCount = n;
            return this;
        }

        /** The benchmark, i.e. the market factor [SPY at 500, 1% daily vol, 0.2 ticks/s]. */
        public Builder benchmark(BenchmarkSpec benchmark) {
            this.benchmark = Objects.requireNonNull(benchmark, "benchmark");
            return this;
        }

        /** Pre-market tick rate as a fraction of the regular-session rate [0.05]. */
        public Builder preMarketRateFactor(double f) {
            Specs.require(f >= 0 && Double.isFinite(f), "preMarketRateFactor must be >= 0");
            this.preMarketRateFactor = f;
            return this;
        }

        /** After-hours tick rate as a fraction of the regular-session rate [0.05]. */
        public Builder afterHoursRateFactor(double f) {
            Specs.require(f >= 0 && Double.isFinite(f), "afterHoursRateFactor must be >= 0");
            this.afterHoursRateFactor = f;
            return this;
        }

        /** Variance per second outside the regular session, as a fraction of the regular session's [0.1]. */
        public Builder extendedHoursVarianceFactor(double f) {
            Specs.require(f >= 0 && Double.isFinite(f), "extendedHoursVarianceFactor must be >= 0");
            this.extendedHoursVarianceFactor = f;
            return this;
        }

        /** Whether each symbol prints a closing-auction tick at 16:00:00.000 on each day [false]. */
        public Builder closingPrints(boolean on) {
            this.closingPrints = on;
            return this;
        }

        public Builder shock(Shock shock) {
            this.shocks.add(Objects.requireNonNull(shock, "shock"));
            return this;
        }

        public Builder shocks(List<Shock> shocks) {
            shocks.forEach(this::shock);
            return this;
        }

        public Builder anchor(DayAnchor anchor) {
            this.anchors.add(Objects.requireNonNull(anchor, "anchor"));
            return this;
        }

        public Builder anchors(List<DayAnchor> anchors) {
            anchors.forEach(this::anchor);
            return this;
        }

        public Builder waypoint(Waypoint waypoint) {
            this.waypoints.add(Objects.requireNonNull(waypoint, "waypoint"));
            return this;
        }

        public Builder waypoints(List<Waypoint> waypoints) {
            waypoints.forEach(this::waypoint);
            return this;
        }

        /** @throws IllegalArgumentException when the parameters contradict each other */
        public MarketGenerator build() {
            return new MarketGenerator(this);
        }
    }
}
