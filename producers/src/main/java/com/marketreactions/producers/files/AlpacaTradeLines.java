package com.marketreactions.producers.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketreactions.common.Trades;
import com.marketreactions.schema.StockTick;
import java.util.List;
import java.util.Map;

/**
 * Alpaca market-data v2 trades as JSON lines: the stream's messages one per line,
 * {@code {"T":"t","S":"AMZN","i":1,"x":"V","p":254.0,"s":100,"c":["@"],"z":"C","t":"2025-11-03T14:30:00.123Z"}}
 * ({@code symbol} instead of {@code S} too), the trades of a REST response one per line, or the REST responses
 * themselves as saved ({@link AlpacaTradeResponse}: one a line, or one pretty-printed over the file), which give
 * their trades' symbol. A REST row saved without its response names no symbol: {@code --symbol} gives it. Event
 * time is {@code t} (RFC-3339, the exchange's timestamp), {@code x} becomes the venue and {@code i} the trade id (a
 * trade is unique by symbol, day, exchange and id).
 *
 * <ul>
 *   <li>The stream's cancel or error ({@code T} = {@code x}, {@code a} = {@code C} or {@code E}) becomes a cancel
 *       of trade {@code i}, with that trade's price {@code p} and size {@code s}.</li>
 *   <li>The stream's correction ({@code T} = {@code c}) becomes a correction: trade {@code ci} of price {@code cp}
 *       and size {@code cs} replaces trade {@code oi}.</li>
 *   <li>A REST file is the day's final state. A trade whose update flag {@code u} says {@code canceled} (cancelled or
 *       erroneous) or {@code incorrect} (replaced by a correction) is left out, counted; {@code corrected} (the
 *       replacement) is a trade. Alpaca does not define these values: this is our reading of them.</li>
 * </ul>
 */
final class AlpacaTradeLines implements LineParser<StockTick> {

    private final TimeRules time;
    /** The symbol of trades that do not name one, or null. */
    private final String symbol;

    private final LeftOut leftOut = new LeftOut();
    private final AlpacaTradeResponse responses;

    AlpacaTradeLines(TimeRules time, String symbol) {
        this.time = time;
        this.symbol = symbol;
        this.responses = new AlpacaTradeResponse(symbol, this::trade);
    }

    /**
     * A trade with or without its symbol ({@code t}, {@code p} and {@code s}), the stream's correction of one, or a
     * saved REST response ({@code trades}).
     */
    static boolean looksLike(JsonNode first) {
        return first != null
                && (AlpacaTradeResponse.isOne(first)
                        || (first.has("t")
                                && ((first.has("p") && first.has("s"))
                                        || (first.has("T")
                                                && "c".equals(first.get("T").asText())))));
    }

    /** Trades that need {@code --symbol}: a REST row saved without its response, or a response without its own. */
    static boolean namesNoSymbol(JsonNode first) {
        return AlpacaTradeResponse.isOne(first)
                ? AlpacaTradeResponse.namesNoSymbol(first)
                : !first.has("S") && !first.has("symbol");
    }

    /** A saved REST response's trades, or the one record of a message or row. */
    @Override
    public List<StockTick> records(String line) throws BadLineException {
        JsonNode n = Json.object(line);
        if (AlpacaTradeResponse.isOne(n)) {
            return responses.trades(n, leftOut);
        }
        StockTick tick = trade(n, symbol, leftOut);
        return tick == null ? List.of() : List.of(tick);
    }

    /** One stream message or REST row (a saved response holds many: {@link #records}). */
    @Override
    public StockTick parse(String line) throws BadLineException {
        return trade(Json.object(line), symbol, leftOut);
    }

    /**
     * A message or row, of symbol {@code fallback} (or null) when it names none; what it leaves out is counted in
     * {@code out}.
     */
    private StockTick trade(JsonNode n, String fallback, LeftOut out) throws BadLineException {
        String type = Json.optionalText(n, "T");
        if ("x".equals(type)) {
            return cancel(n, fallback);
        }
        if ("c".equals(type)) {
            return correction(n, fallback);
        }
        String u = Json.optionalText(n, "u");
        if ("canceled".equals(u)) {
            return out.because("u=canceled (cancelled or erroneous)");
        }
        if ("incorrect".equals(u)) {
            return out.because("u=incorrect (replaced by its correction)");
        }
        if (u != null && !u.equals("corrected")) {
            throw new BadLineException(
                    "u: unknown update " + Fields.quote(u) + " (Alpaca's are canceled, incorrect and corrected)");
        }
        return Fields.valid(Trades.trade(
                symbol(n, fallback),
                time.parse("t", Json.requiredText(n, "t")),
                price(n, "p", "price"),
                size(n, "s", "size"),
                Json.optionalText(n, "x"),
                Json.optionalId(n, "i")));
    }

    /** {@code T} = {@code x}: trade {@code i} is cancelled ({@code a} = {@code C}) or was an error ({@code E}). */
    private StockTick cancel(JsonNode n, String fallback) throws BadLineException {
        String a = Json.optionalText(n, "a");
        if (a != null && !a.equals("C") && !a.equals("E")) {
            throw new BadLineException("a: unknown cancel action " + Fields.quote(a) + " (C cancel, E error)");
        }
        return Fields.valid(Trades.cancel(
                symbol(n, fallback),
                time.parse("t", Json.requiredText(n, "t")),
                price(n, "p", "price"),
                size(n, "s", "size"),
                Json.optionalText(n, "x"),
                Json.requiredId(n, "i")));
    }

    /** {@code T} = {@code c}: trade {@code ci} ({@code cp}, {@code cs}) replaces trade {@code oi}. */
    private StockTick correction(JsonNode n, String fallback) throws BadLineException {
        return Fields.valid(Trades.correction(
                symbol(n, fallback),
                time.parse("t", Json.requiredText(n, "t")),
                price(n, "cp", "corrected price"),
                size(n, "cs", "corrected size"),
                Json.optionalText(n, "x"),
                Json.requiredId(n, "ci"),
                Json.requiredId(n, "oi")));
    }

    private static String symbol(JsonNode n, String fallback) throws BadLineException {
        String field = n.has("S") ? "S" : "symbol";
        if (!n.has(field) && fallback == null) {
            throw new BadLineException("the trade names no symbol (S): a REST row saved without the response that "
                    + "names it needs --symbol SYM");
        }
        return n.has(field) ? Fields.ticker(field, Json.requiredText(n, field)) : fallback;
    }

    private static double price(JsonNode n, String field, String what) throws BadLineException {
        String v = number(n, field, what);
        try {
            return Numbers.price(v);
        } catch (BadLineException e) {
            throw new BadLineException(field + ": " + e.getMessage());
        }
    }

    private static double size(JsonNode n, String field, String what) throws BadLineException {
        String v = number(n, field, what);
        try {
            return Numbers.size(v);
        } catch (BadLineException e) {
            throw new BadLineException(field + ": " + e.getMessage());
        }
    }

    private static String number(JsonNode n, String field, String what) throws BadLineException {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new BadLineException(field + " (" + what + ") must be a number");
        }
        return v.asText();
    }

    @Override
    public Map<String, Long> leftOut() {
        return leftOut.counts();
    }
}
