package com.marketreactions.producers.files;

import com.marketreactions.common.RecordChecks;
import com.marketreactions.common.Trades;
import com.marketreactions.schema.StockTick;
import com.marketreactions.schema.TradeAction;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Parses tick CSV lines {@value #COLUMNS}, e.g. {@code AMZN,2025-11-03T14:30:00Z,254.0,100,XNAS}, by position. A
 * header line may come first: one naming the columns in that order ({@code symbol,ts,price,size}, as this project
 * writes it) keeps them positional; any other ({@code symbol,ts,price,size,venue,tradeId,action,amends} in another
 * order or with some left out, any case; the first four required) has them found by name, and a name that is none
 * of these is refused with the ones expected (a typo such as {@code prise} is not read by position).
 * {@code ts} is ISO-8601 or an epoch integer ({@link TimeRules}); the symbol is upper-cased; price is a finite
 * number > 0; size a number of shares >= 0 (fractional allowed); an empty venue, trade id or amends is null.
 * {@code action} is {@code TRADE} (also when empty), {@code CANCEL} or {@code CORRECTION}, in any case; a cancel
 * or correction names the trade it withdraws in {@code amends} ({@link Trades}).
 */
public final class TickLines implements LineParser<StockTick> {

    static final String COLUMNS = "symbol,ts,price,size[,venue[,tradeId[,action[,amends]]]]";

    /** The columns by name, lower case, in their order without a header. */
    private static final List<String> NAMES =
            List.of("symbol", "ts", "price", "size", "venue", "tradeid", "action", "amends");

    private final TimeRules time;
    /** The file's header, or null: columns by position. */
    private final CsvHeader header;
    /** Where each of {@link #NAMES} is in a line (-1: not in this file's header). */
    private final int[] at = new int[NAMES.size()];

    /** A file without a header. */
    public TickLines(TimeRules time) {
        this(time, null);
    }

    /** A file whose first non-blank line is {@code first}: its header, when it names columns. */
    TickLines(TimeRules time, String first) {
        this.time = time;
        this.header = first != null && namesColumns(first) && !inOrder(first) ? new CsvHeader("ticks", first) : null;
        String unknown = header == null ? null : header.unknown(NAMES);
        if (unknown != null) {
            throw new BadInputException("the ticks header has a column '" + unknown + "' this format does not know "
                    + "(symbol, ts, price and size, and optionally venue, tradeId, action, amends)");
        }
        for (int i = 0; i < NAMES.size(); i++) {
            at[i] = header == null ? i : i < 4 ? header.required(NAMES.get(i)) : header.optional(NAMES.get(i));
        }
    }

    /**
     * A header: its first cell is {@code symbol}, or two of its cells name columns (a reordered header, perhaps with
     * a typo). A data line has a time and a price where a header has names, so at most its symbol or venue could
     * read like one.
     */
    private static boolean namesColumns(String line) {
        List<String> cells;
        try {
            cells = Csv.split(line);
        } catch (BadLineException e) {
            return false;
        }
        long names = cells.stream()
                .filter(c -> NAMES.contains(c.trim().toLowerCase(Locale.ROOT)))
                .count();
        return cells.get(0).trim().equalsIgnoreCase("symbol") || names >= 2;
    }

    /**
     * A header that names the first columns in their order ({@code symbol,ts,price,size}, what this project writes):
     * the columns stay positional, and a line may carry the optional ones after them.
     */
    private static boolean inOrder(String header) {
        try {
            List<String> cells = Csv.split(header);
            return cells.size() >= 4
                    && cells.size() <= NAMES.size()
                    && java.util.stream.IntStream.range(0, cells.size())
                            .allMatch(i -> cells.get(i).trim().equalsIgnoreCase(NAMES.get(i)));
        } catch (BadLineException e) {
            return false;
        }
    }

    @Override
    public boolean isHeader(String line) {
        return namesColumns(line);
    }

    @Override
    public StockTick parse(String line) throws BadLineException {
        List<String> c = Csv.split(line);
        int most = header == null ? NAMES.size() : header.columns();
        int least = header == null ? 4 : 1 + Math.max(Math.max(at[0], at[1]), Math.max(at[2], at[3]));
        if (c.size() < least || c.size() > most) {
            // trailing optional cells may be left off
            throw new BadLineException("expected " + (least == most ? "" : least + " to ") + most + " columns ("
                    + (header == null ? COLUMNS : "as the header names them") + "), got " + c.size());
        }
        String symbol = Fields.ticker("symbol", c.get(at[0]));
        Instant ts = time.parse("ts", c.get(at[1]));
        double price = Numbers.price(c.get(at[2]).trim());
        double size = Numbers.size(c.get(at[3]).trim());
        String venue = optional(c, at[4]);
        String tradeId = optional(c, at[5]);
        String amends = optional(c, at[7]);
        StockTick tick = switch (action(optional(c, at[6]))) {
            case TRADE -> Trades.trade(symbol, ts, price, size, venue, tradeId);
            case CANCEL -> Trades.cancel(symbol, ts, price, size, venue, amends);
            case CORRECTION -> Trades.correction(symbol, ts, price, size, venue, tradeId, amends);
        };
        // a trade has no amends and a cancel no trade id, so their factories take none: a line that gives one is
        // set on the record only for the topic's rule to refuse it, in that rule's words
        if (tick.getAmends() == null && amends != null) {
            tick.setAmends(amends);
        }
        if (tick.getTradeId() == null && tradeId != null) {
            tick.setTradeId(tradeId);
        }
        return Fields.valid(tick);
    }

    private static String optional(List<String> cells, int i) {
        return i >= 0 && i < cells.size() && !cells.get(i).isBlank()
                ? cells.get(i).trim()
                : null;
    }

    private static TradeAction action(String cell) throws BadLineException {
        if (cell == null) {
            return TradeAction.TRADE;
        }
        try {
            return TradeAction.valueOf(cell.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadLineException("action: " + Fields.quote(cell) + " is not TRADE, CANCEL or CORRECTION");
        }
    }

    /**
     * The first rule a tick already built (e.g. by a generator) breaks, or null when it is valid: the
     * same rules a file line must pass.
     */
    public static String problem(StockTick tick) {
        return RecordChecks.tickProblem(tick);
    }
}
