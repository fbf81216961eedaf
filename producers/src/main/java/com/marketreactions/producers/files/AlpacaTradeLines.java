package com.marketreactions.producers.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketreactions.common.Trades;
import com.marketreactions.schema.StockTick;
import java.util.Map;

/**
 * Alpaca market-data v2 trades as JSON lines: the stream's messages one per line,
 * {@code {"T":"t","S":"AMZN","i":1,"x":"V","p":254.0,"s":100,"c":["@"],"z":"C","t":"2025-11-03T14:30:00.123Z"}}
 * ({@code symbol} instead of {@code S} too), or the trades of a REST response. A REST response names the symbol
 * outside its trades, so their lines carry none: {@code --symbol} gives it. Event time is {@code t} (RFC-3339, the
 * exchange's timestamp), {@code x} becomes the venue and {@code i} the trade id (a trade is unique by symbol, day,
 * exchange and id).
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

    AlpacaTradeLines(TimeRules time, String symbol) {
        this.time = time;
        this.symbol = symbol;
    }

    /** A trade with or without its symbol ({@code t}, {@code p} and {@code s}), or the stream's correction of one. */
    static boolean looksLike(JsonNode first) {
        return first != null
                && first.has("t")
                && ((first.has("p") && first.has("s"))
                        || (first.has("T") && "c".equals(first.get("T").asText())));
    }

    @Override
    public StockTick parse(String line) throws BadLineException {
        JsonNode n = Json.object(line);
        String type = Json.optionalText(n, "T");
        if ("x".equals(type)) {
            return cancel(n);
        }
        if ("c".equals(type)) {
            return correction(n);
        }
        String u = Json.optionalText(n, "u");
        if ("canceled".equals(u)) {
            return leftOut.because("u=canceled (cancelled or erroneous)");
        }
        if ("incorrect".equals(u)) {
            return leftOut.because("u=incorrect (replaced by its correction)");
        }
        if (u != null && !u.equals("corrected")) {
            throw new BadLineException(
                    "u: unknown update " + Fields.quote(u) + " (Alpaca's are canceled, incorrect and corrected)");
        }
        return Fields.valid(Trades.trade(
                symbol(n),
                time.parse("t", Json.requiredText(n, "t")),
                price(n, "p", "price"),
                size(n, "s", "size"),
                Json.optionalText(n, "x"),
                Json.optionalId(n, "i")));
    }

    /** {@code T} = {@code x}: trade {@code i} is cancelled ({@code a} = {@code C}) or was an error ({@code E}). */
    private StockTick cancel(JsonNode n) throws BadLineException {
        String a = Json.optionalText(n, "a");
        if (a != null && !a.equals("C") && !a.equals("E")) {
            throw new BadLineException("a: unknown cancel action " + Fields.quote(a) + " (C cancel, E error)");
        }
        return Fields.valid(Trades.cancel(
                symbol(n),
                time.parse("t", Json.requiredText(n, "t")),
                price(n, "p", "price"),
                size(n, "s", "size"),
                Json.optionalText(n, "x"),
                Json.requiredId(n, "i")));
    }

    /** {@code T} = {@code c}: trade {@code ci} ({@code cp}, {@code cs}) replaces trade {@code oi}. */
    private StockTick correction(JsonNode n) throws BadLineException {
        return Fields.valid(Trades.correction(
                symbol(n),
                time.parse("t", Json.requiredText(n, "t")),
                price(n, "cp", "corrected price"),
                size(n, "cs", "corrected size"),
                Json.optionalText(n, "x"),
                Json.requiredId(n, "ci"),
                Json.requiredId(n, "oi")));
    }

    private String symbol(JsonNode n) throws BadLineException {
        String field = n.has("S") ? "S" : "symbol";
        if (!n.has(field) && symbol == null) {
            throw new BadLineException("the trade names no symbol (S): a REST response lists a symbol's trades under "
                    + "it; give it with --symbol SYM");
        }
        return n.has(field) ? Fields.ticker(field, Json.requiredText(n, field)) : symbol;
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
