package com.marketreactions.producers.synthetic;

import java.util.regex.Pattern;

/** Argument checks shared by the generator's value types. */
final class Specs {

    /** The same rule the tick files apply to symbols. */
    private static final Pattern TICKER = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,9}");

    private Specs() {}

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    static void requireTicker(String symbol) {
        require(
                TICKER.matcher(symbol).matches(),
                "'" + symbol + "' is not an upper-case ticker (1-10 of A-Z, 0-9, '.', '-')");
    }
}
