package com.marketreactions.producers.files;

import com.marketreactions.common.RecordChecks;
import com.marketreactions.schema.StockTick;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses tick CSV lines {@code symbol,ts,price,size[,venue]}, e.g. {@code AMZN,2025-11-03T14:30:00Z,254.0,100,XNAS}.
 * An optional header line whose first column is {@code symbol} may come first. {@code ts} is ISO-8601 or epoch
 * ms; the symbol is upper-cased; price is a finite number > 0; size an integer >= 0; an empty venue is null.
 */
public final class TickLines implements LineParser<StockTick> {

    static final String COLUMNS = "symbol,ts,price,size[,venue]";
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

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
        Instant ts = Fields.timestamp("ts", c.get(1));
        double price = price(c.get(2).trim());
        long size = size(c.get(3).trim());
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

    private static double price(String s) throws BadLineException {
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

    private static long size(String s) throws BadLineException {
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
}
