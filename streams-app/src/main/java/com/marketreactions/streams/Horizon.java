package com.marketreactions.streams;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * A reaction horizon: its length and its ISO-8601 label. Whole days print as {@code P1D} (not Java's
 * {@code PT24H}) because the label is part of the reaction key and of the contract.
 */
public record Horizon(String label, Duration length) {

    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    public static Horizon parse(String text) {
        Duration d;
        try {
            d = Duration.parse(text.trim().toUpperCase());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 duration: '" + text + "' (e.g. PT5M, PT1H, P1D)");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("a horizon must be positive: '" + text + "'");
        }
        return of(d);
    }

    public static Horizon of(Duration d) {
        long ms = d.toMillis();
        String label = ms % DAY_MS == 0 ? "P" + (ms / DAY_MS) + "D" : d.toString();
        return new Horizon(label, d);
    }

    public long millis() {
        return length.toMillis();
    }

    @Override
    public String toString() {
        return label;
    }
}
