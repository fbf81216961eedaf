package com.marketreactions.producers.files;

import com.marketreactions.common.Shares;
import java.util.regex.Pattern;

/** Prices and sizes as every tick format writes them. */
final class Numbers {

    static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

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

    /**
     * A size as every tick format writes it: shares, fractional since 2026 (Massive, Alpaca and the SIP print
     * them), kept as written; at most {@link Shares#MAX}.
     */
    static double size(String s) throws BadLineException {
        if (s.isEmpty()) {
            throw new BadLineException("size is required");
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw new BadLineException("size must be a number of shares >= 0, got " + Fields.quote(s));
        }
        double d = Double.parseDouble(s);
        String problem = Shares.problem(d);
        if (problem != null) {
            throw new BadLineException(problem);
        }
        return d;
    }
}
