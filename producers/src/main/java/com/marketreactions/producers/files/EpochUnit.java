package com.marketreactions.producers.files;

import java.util.Locale;

/**
 * The unit of an epoch timestamp written as an integer. {@link #AUTO} tells them apart by magnitude, which is
 * unambiguous for any time from March 1973 to the year 5138: below 10^11 seconds, below 10^14 milliseconds,
 * below 10^17 microseconds, else nanoseconds (what Massive/Polygon flat files and Databento write). A file of
 * milliseconds before March 1973 needs the unit forced.
 */
public enum EpochUnit {
    AUTO("auto", 0),
    SECONDS("s", 1_000_000_000L),
    MILLIS("ms", 1_000_000L),
    MICROS("us", 1_000L),
    NANOS("ns", 1L);

    private final String label;
    private final long nanos;

    EpochUnit(String label, long nanos) {
        this.label = label;
        this.nanos = nanos;
    }

    /** {@code auto}, {@code s}, {@code ms}, {@code us} or {@code ns}. */
    public static EpochUnit of(String label) {
        for (EpochUnit u : values()) {
            if (u.label.equals(label.trim().toLowerCase(Locale.ROOT))) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown epoch unit '" + label + "': use auto, s, ms, us or ns");
    }

    /** The unit {@code value} is in: this one, or by magnitude for {@link #AUTO}. */
    EpochUnit of(long value) {
        if (this != AUTO) {
            return this;
        }
        long a = value == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(value);
        return a < 100_000_000_000L
                ? SECONDS
                : a < 100_000_000_000_000L ? MILLIS : a < 100_000_000_000_000_000L ? MICROS : NANOS;
    }

    /** {@code value} of this unit in epoch milliseconds (sub-millisecond parts dropped), or null past the range. */
    Long toMillis(long value) {
        if (this == AUTO) {
            throw new IllegalStateException("resolve AUTO first");
        }
        if (nanos >= 1_000_000L) {
            long f = nanos / 1_000_000L;
            long ms = value * f;
            return ms / f == value ? ms : null; // overflow
        }
        return Math.floorDiv(value, 1_000_000L / nanos);
    }

    public String label() {
        return label;
    }

    /** How the unit reads in a message: {@code epoch seconds}. */
    String describe() {
        return switch (this) {
            case AUTO -> "epoch time";
            case SECONDS -> "epoch seconds";
            case MILLIS -> "epoch milliseconds";
            case MICROS -> "epoch microseconds";
            case NANOS -> "epoch nanoseconds";
        };
    }
}
