package com.marketreactions.producers.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketreactions.schema.StockTick;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One saved page of Alpaca's REST trades, as the endpoint answered it: {@code GET /v2/stocks/{symbol}/trades}
 * with {@code {"trades":[{row},...],"symbol":"AAPL","next_page_token":...}}, {@code GET /v2/stocks/trades} with
 * {@code {"trades":{"AAPL":[{row},...],"MSFT":[...]},"next_page_token":...}}. Each row is read as a REST row with
 * the symbol the response gives it ({@code symbol}, or the key of its list); {@code --symbol} is needed only for a
 * one-symbol response without its {@code symbol}, and when given must agree with the response. A list that is
 * null or empty is no trades; the page token is not read. A response is read whole or is a bad line: a bad row is
 * named by its place ({@code trades[3]}, {@code trades.MSFT[3]}, as {@code jq} writes them), and the rows it leaves
 * out are counted only when it is good.
 */
final class AlpacaTradeResponse {

    /** Reads one row of {@code symbol}: its tick, or null when left out (counted in {@code leftOut}). */
    @FunctionalInterface
    interface Rows {
        StockTick read(JsonNode row, String symbol, LeftOut leftOut) throws BadLineException;
    }

    /** The symbol given on the command line, or null. */
    private final String symbol;

    private final Rows rows;

    AlpacaTradeResponse(String symbol, Rows rows) {
        this.symbol = symbol;
        this.rows = rows;
    }

    static boolean isOne(JsonNode n) {
        return n != null && n.has("trades");
    }

    /** A one-symbol response with trades and without its {@code symbol}. */
    static boolean namesNoSymbol(JsonNode response) {
        JsonNode trades = response.get("trades");
        return trades != null && trades.isArray() && !trades.isEmpty() && !response.has("symbol");
    }

    /** The trades of {@code response}, in its order; what it leaves out is added to {@code leftOut}. */
    List<StockTick> trades(JsonNode response, LeftOut leftOut) throws BadLineException {
        JsonNode trades = response.get("trades");
        Page page = new Page();
        if (trades.isArray()) {
            if (!trades.isEmpty()) {
                page.read("trades", trades, symbolOf(response));
            }
        } else if (trades.isObject()) {
            for (Map.Entry<String, JsonNode> list : trades.properties()) {
                String place = "trades." + list.getKey();
                String listed = agreed(place, Fields.ticker(place, list.getKey()));
                if (list.getValue().isArray()) {
                    page.read(place, list.getValue(), listed);
                } else if (!list.getValue().isNull()) {
                    throw new BadLineException(place + " must be a list of trades, got " + Json.type(list.getValue()));
                }
            }
        } else if (!trades.isNull()) {
            throw new BadLineException("trades must be a list of one symbol's trades or an object of lists by "
                    + "symbol, got " + Json.type(trades));
        }
        return page.result(leftOut);
    }

    private String symbolOf(JsonNode response) throws BadLineException {
        String named = Json.optionalText(response, "symbol");
        if (named == null && symbol == null) {
            throw new BadLineException("symbol is required: a response of one symbol's trades names it there "
                    + "(or give it with --symbol SYM)");
        }
        return named == null ? symbol : agreed("symbol", Fields.ticker("symbol", named));
    }

    private String agreed(String place, String listed) throws BadLineException {
        if (symbol != null && !symbol.equals(listed)) {
            throw new BadLineException(
                    place + ": the response holds " + listed + "'s trades but --symbol says " + symbol);
        }
        return listed;
    }

    /** The rows read so far: their ticks, what they left out, and the first bad one with how many more. */
    private final class Page {
        final List<StockTick> ticks = new ArrayList<>();
        final LeftOut leftOut = new LeftOut();
        String firstBad;
        int moreBad;

        void read(String place, JsonNode list, String listed) {
            for (int i = 0; i < list.size(); i++) {
                JsonNode row = list.get(i);
                try {
                    if (!row.isObject()) {
                        throw new BadLineException("must be a trade object, got " + Json.type(row));
                    }
                    StockTick tick = rows.read(row, listed, leftOut);
                    if (tick != null) {
                        ticks.add(tick);
                    }
                } catch (BadLineException e) {
                    if (firstBad == null) {
                        firstBad = place + "[" + i + "]: " + e.getMessage();
                    } else {
                        moreBad++;
                    }
                }
            }
        }

        List<StockTick> result(LeftOut total) throws BadLineException {
            if (firstBad != null) {
                throw new BadLineException(
                        firstBad + (moreBad == 0 ? "" : " (and " + moreBad + " more bad trades in this response)"));
            }
            total.add(leftOut);
            return ticks;
        }
    }
}
