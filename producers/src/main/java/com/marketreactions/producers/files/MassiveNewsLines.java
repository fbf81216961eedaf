package com.marketreactions.producers.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketreactions.schema.NewsEvent;

/**
 * Massive (formerly Polygon.io) news, {@code /v2/reference/news} results as JSON lines, one article per line:
 * {@code id} → id, {@code published_utc} → publishedAt, {@code publisher.name} → source, {@code title} →
 * headline, {@code description} → summary, {@code article_url} → url, {@code tickers} → tickers, and
 * {@code insights[].sentiment} (positive / neutral / negative, per ticker) → sentiment, the mean of +1 / 0 / -1
 * over the article's insights.
 */
final class MassiveNewsLines implements LineParser<NewsEvent> {

    private final TimeRules time;

    MassiveNewsLines(TimeRules time) {
        this.time = time;
    }

    static boolean looksLike(JsonNode first) {
        return first != null && first.has("published_utc");
    }

    @Override
    public NewsEvent parse(String line) throws BadLineException {
        JsonNode n = Json.object(line);
        JsonNode publisher = n.get("publisher");
        if (publisher == null || !publisher.isObject()) {
            throw new BadLineException("publisher (an object with a name) is required");
        }
        return new NewsEvent(
                Json.requiredId(n, "id"),
                time.parse("published_utc", Json.requiredText(n, "published_utc")),
                Json.requiredText(publisher, "name"),
                Json.requiredText(n, "title"),
                Json.optionalText(n, "description"),
                Json.optionalText(n, "article_url"),
                NewsLines.tickers(n.get("tickers")),
                sentiment(n.get("insights")),
                new java.util.ArrayList<>());
    }

    private static Double sentiment(JsonNode insights) throws BadLineException {
        if (insights == null || insights.isNull()) {
            return null;
        }
        if (!insights.isArray()) {
            throw new BadLineException("insights must be an array, got " + Json.type(insights));
        }
        double sum = 0;
        int n = 0;
        for (int i = 0; i < insights.size(); i++) {
            String s = Json.optionalText(insights.get(i), "sentiment");
            if (s == null) {
                continue;
            }
            sum += switch (s) {
                case "positive" -> 1;
                case "neutral" -> 0;
                case "negative" -> -1;
                default ->
                    throw new BadLineException("insights[" + i + "].sentiment must be positive, neutral or "
                            + "negative, got " + Fields.quote(s));
            };
            n++;
        }
        return n == 0 ? null : sum / n;
    }
}
