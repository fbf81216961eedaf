package com.marketreactions.producers.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketreactions.schema.NewsEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Massive (formerly Polygon.io) news, {@code /v2/reference/news} results as JSON lines, one article per line:
 * {@code id} → id, {@code published_utc} → publishedAt, {@code publisher.name} → source, {@code title} →
 * headline, {@code description} → summary, {@code article_url} → url, {@code tickers} → tickers, and
 * {@code insights[].sentiment} (positive / neutral / negative, per ticker) → sentiment, the mean of +1 / 0 / -1
 * over the article's insights, and per ticker → tickerSentiment (the mean of that ticker's insights);
 * {@code keywords} → tags. Title and description are read as text (HTML entities and tags decoded).
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
        JsonNode insights = n.get("insights");
        return NewsEvent.newBuilder()
                .setId(Json.requiredId(n, "id"))
                .setPublishedAt(time.parse("published_utc", Json.requiredText(n, "published_utc")))
                .setSource(Json.requiredText(publisher, "name"))
                .setHeadline(VendorText.plain(Json.requiredText(n, "title")))
                .setSummary(VendorText.plain(Json.optionalText(n, "description")))
                .setUrl(Json.optionalText(n, "article_url"))
                .setTickers(NewsLines.tickers(n.get("tickers")))
                .setSentiment(sentiment(insights))
                .setTags(VendorText.tags(n, "keywords"))
                .setTickerSentiment(perTicker(insights))
                .build();
    }

    /** The sentiment of each ticker an insight names: the mean of its insights' +1 / 0 / -1; null without any. */
    private static Map<String, Double> perTicker(JsonNode insights) throws BadLineException {
        if (insights == null || insights.isNull()) {
            return null;
        }
        Map<String, double[]> sums = new LinkedHashMap<>(); // ticker -> {sum, count}
        for (int i = 0; i < insights.size(); i++) {
            JsonNode insight = insights.get(i);
            String s = Json.optionalText(insight, "sentiment");
            String ticker = Json.optionalText(insight, "ticker");
            if (s != null && ticker != null && !ticker.isBlank()) {
                double[] sum =
                        sums.computeIfAbsent(Fields.ticker("insights[" + i + "].ticker", ticker), t -> new double[2]);
                sum[0] += score(s, i);
                sum[1]++;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        sums.forEach((t, sum) -> out.put(t, sum[0] / sum[1]));
        return out.isEmpty() ? null : out;
    }

    private static double score(String sentiment, int i) throws BadLineException {
        return switch (sentiment) {
            case "positive" -> 1;
            case "neutral" -> 0;
            case "negative" -> -1;
            default ->
                throw new BadLineException("insights[" + i + "].sentiment must be positive, neutral or negative, got "
                        + Fields.quote(sentiment));
        };
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
            sum += score(s, i);
            n++;
        }
        return n == 0 ? null : sum / n;
    }
}
