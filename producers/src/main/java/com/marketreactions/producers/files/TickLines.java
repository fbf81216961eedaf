package com.marketreactions.producers.files;

import com.marketreactions.common.RecordChecks;
import com.marketreactions.common.Trades;
import com.marketreactions.schema.StockTick;
import com.marketreactions.schema.TradeAction;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Parses tick CSV lines {@value #COLUMNS}, e.g. {@code AMZN,2025-11-03T14:30:00Z,254.0,100,XNAS}. An optional header
 * line whose first column is {@code symbol} may come first ({@code symbol,ts,price,size,venue,tradeId,action,amends});
 * columns are read by position. {@code ts} is ISO-8601 or an epoch integer ({@link TimeRules}); the symbol is
 * upper-cased; price is a finite number > 0; size a number of shares >= 0 (fractional allowed); an empty venue,
 * trade id or amends is null. {@code action} is {@code TRADE} (also when empty), {@code CANCEL} or
 * {@code CORRECTION}, in any case; a cancel or correction names the trade it withdraws in {@code amends}
 * ({@link Trades}).
 */
public final class TickLines implements LineParser<StockTick> {

    static final String COLUMNS = "symbol,ts,price,size[,venue[,tradeId[,action[,amends]]]]";

    private final TimeRules time;

    public TickLines(TimeRules time) {
        this.time = time;
    }

    @Override
    public boolean isHeader(String line) {
        int comma = line.indexOf(',');
        return (comma < 0 ? line : line.substring(0, comma)).trim().equalsIgnoreCase("symbol");
    }

    @Override
    public StockTick parse(String line) throws BadLineException {
        List<String> c = Csv.split(line);
        if (c.size() < 4 || c.size() > 8) {
            throw new BadLineException("expected 4 to 8 columns (" + COLUMNS + "), got " + c.size());
        }
        String symbol = Fields.ticker("symbol", c.get(0));
        Instant ts = time.parse("ts", c.get(1));
        double price = Numbers.price(c.get(2).trim());
        double size = Numbers.size(c.get(3).trim());
        String venue = optional(c, 4);
        String tradeId = optional(c, 5);
        String amends = optional(c, 7);
        StockTick tick = switch (action(optional(c, 6))) {
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
        return i < cells.size() && !cells.get(i).isBlank() ? cells.get(i).trim() : null;
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
