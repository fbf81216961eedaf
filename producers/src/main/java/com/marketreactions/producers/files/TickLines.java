package com.marketreactions.producers.files;

import com.marketreactions.common.RecordChecks;
import com.marketreactions.schema.StockTick;
import java.time.Instant;
import java.util.List;

/**
 * Parses tick CSV lines {@code symbol,ts,price,size[,venue]}, e.g. {@code AMZN,2025-11-03T14:30:00Z,254.0,100,XNAS}.
 * An optional header line whose first column is {@code symbol} may come first. {@code ts} is ISO-8601 or an epoch
 * integer ({@link TimeRules}); the symbol is upper-cased; price is a finite number > 0; size a number of shares >= 0 (fractional allowed); an empty venue is null.
 */
public final class TickLines implements LineParser<StockTick> {

    private final TimeRules time;

    public TickLines(TimeRules time) {
        this.time = time;
    }

    static final String COLUMNS = "symbol,ts,price,size[,venue]";

    @Override
    public boolean isHeader(String line) {
        int comma = line.indexOf(',');
        return (comma < 0 ? line : line.substring(0, comma)).trim().equalsIgnoreCase("symbol");
    }

    @Override
    public StockTick parse(String line) throws BadLineException {
        List<String> c = Csv.split(line);
        if (c.size() != 4 && c.size() != 5) {
            throw new BadLineException("expected 4 or 5 columns (" + COLUMNS + "), got " + c.size());
        }
        String symbol = Fields.ticker("symbol", c.get(0));
        Instant ts = time.parse("ts", c.get(1));
        double price = Numbers.price(c.get(2).trim());
        double size = Numbers.size(c.get(3).trim());
        String venue = c.size() == 5 && !c.get(4).isBlank() ? c.get(4).trim() : null;
        return new StockTick(symbol, ts, price, size, venue);
    }

    /**
     * The first rule a tick already built (e.g. by a generator) breaks, or null when it is valid: the
     * same rules a file line must pass.
     */
    public static String problem(StockTick tick) {
        return RecordChecks.tickProblem(tick);
    }
}
