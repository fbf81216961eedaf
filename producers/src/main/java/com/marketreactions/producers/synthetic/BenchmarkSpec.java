package com.marketreactions.producers.synthetic;

import java.util.Objects;

/**
 * The benchmark, whose log price is the market factor itself: a random walk with {@code dailyVol} over a
 * regular session. It trades like a symbol.
 *
 * @param symbol         upper-case ticker, e.g. SPY
 * @param initialPrice   price when the generator starts, > 0
 * @param dailyVol       volatility over one regular session, >= 0
 * @param ticksPerSecond mean regular-session tick rate, >= 0
 */
public record BenchmarkSpec(String symbol, double initialPrice, double dailyVol, double ticksPerSecond) {

    public BenchmarkSpec {
        Objects.requireNonNull(symbol, "symbol");
        Specs.requireTicker(symbol);
        Specs.require(initialPrice > 0 && Double.isFinite(initialPrice), symbol + ": initialPrice must be > 0");
        Specs.require(dailyVol >= 0 && Double.isFinite(dailyVol), symbol + ": dailyVol must be >= 0");
        Specs.require(ticksPerSecond >= 0 && Double.isFinite(ticksPerSecond), symbol + ": ticksPerSecond must be >= 0");
    }

    /** SPY at 500, 1% daily vol, 0.2 ticks per second. */
    public static BenchmarkSpec spy() {
        return new BenchmarkSpec("SPY", 500.0, 0.01, 0.2);
    }
}
