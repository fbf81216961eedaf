package com.marketreactions.producers.files;

import com.marketreactions.common.RecordChecks;
import com.marketreactions.schema.StockTick;
import java.util.Locale;

/** Field rules shared by the parsers: tickers, whole ticks (timestamps: {@link TimeRules}). */
final class Fields {

    static final String TICKER_RULE = RecordChecks.TICKER_RULE;

    private Fields() {}

    /** Trimmed and upper-cased; must look like a ticker. */
    static String ticker(String field, String raw) throws BadLineException {
        String t = raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new BadLineException(field + " is required");
        }
        if (!isTicker(t)) {
            throw new BadLineException(field + ": " + quote(raw.trim()) + " is not a ticker (" + TICKER_RULE + ")");
        }
        return t;
    }

    static boolean isTicker(String upperCased) {
        return RecordChecks.isTicker(upperCased);
    }

    /** The tick, when it keeps every rule of the ticks topic ({@link RecordChecks#tickProblem}): trade ids too. */
    static StockTick valid(StockTick tick) throws BadLineException {
        String problem = RecordChecks.tickProblem(tick);
        if (problem != null) {
            throw new BadLineException(problem);
        }
        return tick;
    }

    /** {@code 'text'}, cut short so that a reason stays one short line. */
    static String quote(String s) {
        return RecordChecks.quote(s);
    }
}
