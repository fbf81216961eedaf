package com.marketreactions.common;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Trade sizes. A tick's size is a number of shares, fractional since the SIP disseminates fractional quantities
 * (2026-02-23): a double on the topics, so records written when it was a whole number still read (Avro promotes
 * long to double). The analyzer counts in millionths of a share ({@link #micros}), so a window's volume is an exact
 * sum whatever order its ticks arrive in, and a reaction's volume is that sum in shares ({@link #of}).
 */
public final class Shares {

    /** Millionths of a share per share: the finest quantity the analyzer keeps. */
    public static final long MICROS = 1_000_000L;

    /** The largest size one tick may have: no trade comes near it, and sums of it stay far within a long. */
    public static final double MAX = 1e9;

    private Shares() {}

    /**
     * {@code shares} in millionths of a share: its decimal value (the shortest that reads back as this double, the
     * vendor's text for any size with up to 15 significant digits) rounded half up to six decimals.
     */
    public static long micros(double shares) {
        double scaled = shares * MICROS;
        long near = Math.round(scaled);
        if (Math.abs(scaled - near) < 0.25) {
            return near; // a size of at most six decimals: the nearest whole number is the decimal's exact value
        }
        return BigDecimal.valueOf(shares)
                .movePointRight(6)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /** A quantity in millionths of a share, in shares: the double nearest the exact decimal. */
    public static double of(long micros) {
        return micros / (double) MICROS; // one correctly rounded division
    }

    /** {@code a + b} of two non-negative quantities, at most {@code Long.MAX_VALUE}: a sum never wraps to negative. */
    public static long add(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    /** A size as a vendor would print it: whole numbers without a decimal point, others without trailing zeros. */
    public static String text(double shares) {
        if (!Double.isFinite(shares)) {
            return Double.toString(shares);
        }
        if (shares == Math.rint(shares) && Math.abs(shares) < 1e15) {
            return Long.toString((long) shares);
        }
        return BigDecimal.valueOf(shares).stripTrailingZeros().toPlainString();
    }

    /** Why {@code shares} cannot be a tick's size, or null. */
    public static String problem(double shares) {
        if (!Double.isFinite(shares) || shares < 0 || shares > MAX) {
            return "size must be a number of shares from 0 to " + text(MAX) + ", got " + text(shares);
        }
        return null;
    }
}
