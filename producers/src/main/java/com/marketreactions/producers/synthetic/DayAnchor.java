package com.marketreactions.producers.synthetic;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Calibration of one symbol (or the benchmark) on one trading day: the path is a Brownian bridge that
 * reaches {@code close} exactly at 16:00 New York time and, when given, {@code open} at 09:30 on the way.
 * An optional extreme makes {@code extremePrice} the regular session's high (when it is above the open and
 * the close) or low (when below both): the path passes through it at {@code extremeAt} and is reflected off
 * that level from 09:30 to 16:00, so no regular-session tick goes beyond it. Between anchors the symbol
 * still moves with the market; scripted {@link Shock}s are applied as given.
 *
 * @param open         the price at 09:30, or null
 * @param extremeAt    when the extreme is reached, inside that day's regular session; null for none
 * @param extremePrice the session high or low; null exactly when {@code extremeAt} is
 */
public record DayAnchor(
        String symbol, LocalDate date, double close, Double open, Instant extremeAt, Double extremePrice) {

    public DayAnchor {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(date, "date");
        Specs.require(TradingCalendar.isTradingDay(date), symbol + ": " + date + " is not a trading day");
        Specs.require(close > 0 && Double.isFinite(close), symbol + " " + date + ": close must be > 0");
        Specs.require(open == null || open > 0 && Double.isFinite(open), symbol + " " + date + ": open must be > 0");
        Specs.require(
                (extremeAt == null) == (extremePrice == null),
                symbol + " " + date + ": give both extremeAt and extremePrice, or neither");
        if (extremeAt != null) {
            Specs.require(
                    extremePrice > 0 && Double.isFinite(extremePrice),
                    symbol + " " + date + ": extremePrice must be > 0");
            Specs.require(
                    TradingCalendar.dateOf(extremeAt).equals(date)
                            && TradingCalendar.sessionAt(extremeAt) == Session.REGULAR
                            && !extremeAt.equals(TradingCalendar.at(date, TradingCalendar.OPEN)),
                    symbol + " " + date + ": extremeAt " + extremeAt + " is not inside that day's regular session"
                            + " (after the open)");
            double hi = open == null ? close : Math.max(open, close);
            double lo = open == null ? close : Math.min(open, close);
            Specs.require(
                    extremePrice > hi || extremePrice < lo,
                    symbol + " " + date + ": extremePrice must be above or below both the open and the close");
        }
    }

    /** Whether the extreme is the session high (else the low); meaningless without an extreme. */
    boolean extremeIsHigh() {
        return extremePrice != null && extremePrice > close;
    }

    /** Only the close. */
    public static DayAnchor close(String symbol, LocalDate date, double close) {
        return new DayAnchor(symbol, date, close, null, null, null);
    }

    /** The same anchor with an open at 09:30. */
    public DayAnchor withOpen(double price) {
        return new DayAnchor(symbol, date, close, price, extremeAt, extremePrice);
    }

    /** The same anchor passing through {@code price} at {@code at}. */
    public DayAnchor withExtreme(Instant at, double price) {
        return new DayAnchor(symbol, date, close, open, at, price);
    }
}
