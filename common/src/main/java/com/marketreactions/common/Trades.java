package com.marketreactions.common;

import com.marketreactions.schema.StockTick;
import com.marketreactions.schema.TradeAction;
import java.time.Instant;

/**
 * The records of the ticks topic: a trade, and a vendor's cancel or correction of an earlier trade, which names it
 * by its trade id ({@code amends}; with the symbol and the venue). One factory for each, so a producer never sets
 * the fields of one kind on another, and the rule for what makes them valid.
 */
public final class Trades {

    /** The longest trade id: vendors' are numbers of up to 20 digits. */
    public static final int MAX_ID_LENGTH = 64;

    private Trades() {}

    /** A trade without an id: nothing can cancel it. */
    public static StockTick trade(String symbol, Instant ts, double price, double size, String venue) {
        return trade(symbol, ts, price, size, venue, null);
    }

    public static StockTick trade(String symbol, Instant ts, double price, double size, String venue, String tradeId) {
        return new StockTick(symbol, ts, price, size, venue, tradeId, TradeAction.TRADE, null);
    }

    /** Withdraws the trade {@code amends}; price and size are the cancelled trade's, as the vendor printed them. */
    public static StockTick cancel(String symbol, Instant ts, double price, double size, String venue, String amends) {
        return new StockTick(symbol, ts, price, size, venue, null, TradeAction.CANCEL, amends);
    }

    /** Replaces the trade {@code amends} by the trade {@code tradeId} of this price and size, at the same time. */
    public static StockTick correction(
            String symbol, Instant ts, double price, double size, String venue, String tradeId, String amends) {
        return new StockTick(symbol, ts, price, size, venue, tradeId, TradeAction.CORRECTION, amends);
    }

    /** Whether the record withdraws an earlier trade (a cancel or a correction). */
    public static boolean amends(StockTick tick) {
        return tick.getAction() != TradeAction.TRADE;
    }

    /** @return why the trade id, the action and the trade it amends do not fit together, or null */
    static String problem(StockTick tick) {
        String id = idProblem("tradeId", tick.getTradeId());
        if (id != null) {
            return id;
        }
        boolean amends = tick.getAction() != TradeAction.TRADE;
        if (amends != (tick.getAmends() != null)) {
            return amends
                    ? "a " + tick.getAction() + " must name the trade it amends (amends)"
                    : "amends is set on a TRADE: only a CANCEL or a CORRECTION names an earlier trade";
        }
        if (tick.getAction() == TradeAction.CANCEL && tick.getTradeId() != null) {
            return "a CANCEL is not a trade and has no tradeId of its own";
        }
        return idProblem("amends", tick.getAmends());
    }

    private static String idProblem(String field, String id) {
        if (id == null) {
            return null;
        }
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return field + " must be 1 to " + MAX_ID_LENGTH + " characters, got " + id.length();
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            return field + " " + RecordChecks.quote(id) + " contains a control character";
        }
        return null;
    }
}
