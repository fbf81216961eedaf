package com.marketreactions.producers.files;

import java.util.regex.Pattern;

/** Prices and sizes as every tick format writes them. */
final class Numbers {

    static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private Numbers() {}

    static double price(String s) throws BadLineException {
        if (s.isEmpty()) {
            throw new BadLineException("price is required");
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw new BadLineException("price: not a number " + Fields.quote(s));
        }
        double p = Double.parseDouble(s);
        if (!Double.isFinite(p)) {
            throw new BadLineException("price must be a finite number, got " + s);
        }
        if (p <= 0) {
            throw new BadLineException("price must be > 0, got " + s);
        }
        return p;
    }

    static long size(String s) throws BadLineException {
        if (s.isEmpty()) {
            throw new BadLineException("size is required");
        }
        if (!INTEGER.matcher(s).matches()) {
            throw new BadLineException("size must be an integer >= 0, got " + Fields.quote(s));
        }
        long n;
        try {
            n = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new BadLineException("size: out of range " + Fields.quote(s));
        }
        if (n < 0) {
            throw new BadLineException("size must be >= 0, got " + s);
        }
        return n;
    }

    /** Shares written as a decimal (vendors report fractional shares): rounded to whole shares, >= 0. */
    static long shares(String s) throws BadLineException {
        if (INTEGER.matcher(s).matches()) {
            return size(s);
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw new BadLineException("size must be a number >= 0, got " + Fields.quote(s));
        }
        double d = Double.parseDouble(s);
        if (!(d >= 0) || d > 1e15) {
            throw new BadLineException("size must be a number >= 0, got " + s);
        }
        return Math.round(d);
    }
}
