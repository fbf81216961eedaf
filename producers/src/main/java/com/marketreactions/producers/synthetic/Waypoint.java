package com.marketreactions.producers.synthetic;

import java.time.Instant;
import java.util.Objects;

/**
 * A price a symbol's path (or the benchmark's) passes through at an instant inside trading hours, e.g. to
 * pin the level just before a scripted shock. Like the points of a {@link DayAnchor}, the path is a
 * Brownian bridge towards it (on the benchmark, in whole seconds).
 */
public record Waypoint(String symbol, Instant at, double price) {

    public Waypoint {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(at, "at");
        Specs.require(price > 0 && Double.isFinite(price), symbol + " " + at + ": price must be > 0");
        Specs.require(
                TradingCalendar.sessionAt(at) != Session.CLOSED,
                symbol + " " + at + ": a waypoint must be inside trading hours");
    }
}
