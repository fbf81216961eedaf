package com.marketreactions.producers.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketreactions.schema.StockTick;
import java.util.Map;

/**
 * Alpaca market-data v2 trades as JSON lines, one trade per line as the stream sends them:
 * {@code {"S":"AMZN","t":"2025-11-03T14:30:00.123456789Z","p":254.0,"s":100,"x":"V","c":["@"],"i":1,"z":"C"}}
 * ({@code symbol} instead of {@code S} too, for trades taken from a REST response, which names the symbol outside
 * the trade). Event time is {@code t} (RFC-3339, the exchange's timestamp). {@code x} becomes the venue. A trade
 * whose update flag {@code u} says {@code canceled} or {@code incorrect} is left out, counted; {@code corrected}
 * (the correction itself) is kept.
 */
final class AlpacaTradeLines implements LineParser<StockTick> {

    private final TimeRules time;
    private final LeftOut leftOut = new LeftOut();

    AlpacaTradeLines(TimeRules time) {
        this.time = time;
    }

    static boolean looksLike(JsonNode first) {
        return first != null && first.has("t") && first.has("p") && (first.has("S") || first.has("symbol"));
    }

    @Override
    public StockTick parse(String line) throws BadLineException {
        JsonNode n = Json.object(line);
        String u = Json.optionalText(n, "u");
        if ("canceled".equals(u) || "incorrect".equals(u)) {
            return leftOut.because("u=" + u);
        }
        String symbol = Fields.ticker(n.has("S") ? "S" : "symbol", Json.requiredText(n, n.has("S") ? "S" : "symbol"));
        JsonNode p = n.get("p");
        JsonNode s = n.get("s");
        if (p == null || !p.isNumber()) {
            throw new BadLineException("p (price) must be a number");
        }
        if (s == null || !s.isNumber()) {
            throw new BadLineException("s (size) must be a number");
        }
        return new StockTick(
                symbol,
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
