package com.marketreactions.producers.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * One synthetic stock. Its log-return over each second is {@code beta * market + noise}, the noise having
 * a standard deviation of {@code dailyVol} over a whole regular session (e.g. 0.01 = 1%). Ticks arrive
 * at {@code ticksPerSecond} on average in the regular session (less outside it, see
 * {@link MarketGenerator.Builder#preMarketRateFactor}).
 *
 * @param symbol         upper-case ticker, 1–10 of {@code A-Z 0-9 . -}
 * @param initialPrice   price when the generator starts, > 0
 * @param beta           exposure to the market factor
 * @param dailyVol       idiosyncratic volatility over one regular session, >= 0
 * @param ticksPerSecond mean regular-session tick rate, >= 0
 */
public record SymbolSpec(String symbol, double initialPrice, double beta, double dailyVol, double ticksPerSecond) {

    public SymbolSpec {
        Objects.requireNonNull(symbol, "symbol");
        Specs.requireTicker(symbol);
        Specs.require(initialPrice > 0 && Double.isFinite(initialPrice), symbol + ": initialPrice must be > 0");
        Specs.require(Double.isFinite(beta), symbol + ": beta must be finite");
        Specs.require(dailyVol >= 0 && Double.isFinite(dailyVol), symbol + ": dailyVol must be >= 0");
        Specs.require(ticksPerSecond >= 0 && Double.isFinite(ticksPerSecond), symbol + ": ticksPerSecond must be >= 0");
    }

    /**
     * {@code n} symbols named SYM001, SYM002, ... (wider numbers past 999), with prices, betas and vols
     * drawn from a seed: prices log-uniform in [10, 500], beta in [0.5, 1.5], daily vol in [0.8%, 2.5%].
     */
    public static List<SymbolSpec> generated(int n, long seed, double ticksPerSecond) {
        Specs.require(n >= 0, "n must be >= 0");
        int width = Math.max(3, Integer.toString(n).length());
        Random r = new Random(Seeds.mix(seed, 0x5EED5L, 0));
        List<SymbolSpec> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            double price = Math.round(10 * StrictMath.exp(r.nextDouble() * StrictMath.log(50)) * 100) / 100.0;
            double beta = Math.round((0.5 + r.nextDouble()) * 100) / 100.0;
            double vol = Math.round((0.008 + 0.017 * r.nextDouble()) * 10000) / 10000.0;
            String name = "SYM" + "0".repeat(width - Integer.toString(i).length()) + i;
            out.add(new SymbolSpec(name, price, beta, vol, ticksPerSecond));
        }
        return out;
    }

    /**
     * {@code n} symbols as {@link #generated} names them, trading {@code ticksPerSecond} together in the regular
     * session, spread over them as a market spreads its trades ({@link MarketShape}): the first is the busiest.
     */
    public static List<SymbolSpec> market(int n, long seed, double ticksPerSecond) {
        double[] shares = MarketShape.shares(n);
        List<SymbolSpec> out = new ArrayList<>(n);
        for (SymbolSpec s : generated(n, seed, 0)) {
            out.add(new SymbolSpec(s.symbol, s.initialPrice, s.beta, s.dailyVol, ticksPerSecond * shares[out.size()]));
        }
        return out;
    }
}
