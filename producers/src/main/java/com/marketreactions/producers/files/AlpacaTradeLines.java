package com.marketreactions.producers.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketreactions.schema.StockTick;
import java.util.Map;

/**
 * Alpaca market-data v2 trades as JSON lines, one trade per line as the stream sends them:
 * {@code {"S":"AMZN","t":"2025-11-03T14:30:00.123456789Z","p":254.0,"s":100,"x":"V","c":["@"],"i":1,"z":"C"}}
 * ({@code symbol} instead of {@code S} too). A REST response names the symbol outside its trades, so their lines
 * carry none: {@code --symbol} gives it. Event time is {@code t} (RFC-3339, the exchange's timestamp). {@code x}
 * becomes the venue. A trade whose update flag {@code u} says {@code canceled} or {@code incorrect} is left out,
 * counted; {@code corrected} (the correction itself) is kept. The stream's cancels and errors ({@code T} = {@code x})
 * and corrections ({@code T} = {@code c}) are left out, counted: they are not a trade at their time.
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
        if ("x".equals(type) || "c".equals(type)) {
            // the stream's cancel or error ("x") and correction ("c") of an earlier trade: not a trade at this time.
            // Not applied to the trade they name either: the analyzer does not withdraw or correct trades yet
            return leftOut.because(
                    "x".equals(type)
                            ? "T=x (a cancel or error of an earlier trade, not applied)"
                            : "T=c (a correction of an earlier trade, not applied)");
        }
        String u = Json.optionalText(n, "u");
        if ("canceled".equals(u) || "incorrect".equals(u)) {
            return leftOut.because("u=" + u);
        }
        String field = n.has("S") ? "S" : "symbol";
        if (!n.has(field) && symbol == null) {
            throw new BadLineException("the trade names no symbol (S): a REST response lists a symbol's trades under "
                    + "it; give it with --symbol SYM");
        }
        String name = n.has(field) ? Fields.ticker(field, Json.requiredText(n, field)) : symbol;
        JsonNode p = n.get("p");
        JsonNode s = n.get("s");
        if (p == null || !p.isNumber()) {
            throw new BadLineException("p (price) must be a number");
        }
        if (s == null || !s.isNumber()) {
            throw new BadLineException("s (size) must be a number");
        }
        return new StockTick(
                name,
                time.parse("t", Json.requiredText(n, "t")),
                Numbers.price(p.asText()),
                Numbers.size(s.asText()),
                Json.optionalText(n, "x"));
    }

    @Override
    public Map<String, Long> leftOut() {
        return leftOut.counts();
    }
}
