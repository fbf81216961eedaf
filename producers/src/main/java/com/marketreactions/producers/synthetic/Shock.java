package com.marketreactions.producers.synthetic;

import java.time.Instant;
import java.util.Objects;

/**
 * A scripted jump: at {@code at} the symbol's price is multiplied by {@code 1 + jumpPercent / 100}
 * (e.g. 3.0 = +3%). A shock on the benchmark moves the market factor, so every symbol follows by its
 * beta. A shock outside trading hours takes effect at the next trading second (a gap at the next open or
 * pre-market). A path heading for its next waypoint (an anchor's open, extreme or close, or a
 * {@link Waypoint}) is free up to the last shock before that waypoint and bridged to it from there: a shock
 * sets when a move happens, the waypoint how far it has gone by then.
 */
public record Shock(String symbol, Instant at, double jumpPercent) {

    public Shock {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(at, "at");
        Specs.require(
                jumpPercent > -100 && Double.isFinite(jumpPercent),
                symbol + ": jumpPercent must be > -100, got " + jumpPercent);
    }

    double logJump() {
        return StrictMath.log1p(jumpPercent / 100);
    }
}
