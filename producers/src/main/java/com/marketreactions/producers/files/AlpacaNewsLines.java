package com.marketreactions.producers.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketreactions.schema.NewsEvent;

/**
 * Alpaca news ({@code /v1beta1/news} articles, or the news stream's messages) as JSON lines: {@code id} (an
 * integer) → id, {@code created_at} → publishedAt, {@code source} → source, {@code headline} → headline,
 * {@code summary} → summary (empty: none), {@code url} → url, {@code symbols} → tickers. Alpaca has no sentiment.
 */
final class AlpacaNewsLines implements LineParser<NewsEvent> {

    private final TimeRules time;

    AlpacaNewsLines(TimeRules time) {
        this.time = time;
    }

    static boolean looksLike(JsonNode first) {
        return first != null && first.has("created_at") && first.has("headline");
    }

    @Override
    public NewsEvent parse(String line) throws BadLineException {
        JsonNode n = Json.object(line);
        String summary = Json.optionalText(n, "summary");
        return new NewsEvent(
                Json.requiredId(n, "id"),
                time.parse("created_at", Json.requiredText(n, "created_at")),
                Json.requiredText(n, "source"),
                VendorText.plain(Json.requiredText(n, "headline")),
                summary == null || summary.isBlank() ? null : VendorText.plain(summary),
                Json.optionalText(n, "url"),
                NewsLines.tickers(n.get("symbols"), "symbols"),
                null,
                new java.util.ArrayList<>(),
                null);
    }
}
