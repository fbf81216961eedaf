package com.marketreactions.producers.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketreactions.schema.NewsEvent;
import java.time.DateTimeException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Benzinga newsfeed v2 articles as JSON lines: {@code id} → id, {@code created} → publishedAt (RFC 1123, e.g.
 * {@code Mon, 03 Nov 2025 09:01:00 -0500}, or ISO-8601; without an offset New York time, EST or EDT by the
 * date), {@code title} → headline, {@code teaser} → summary,
 * {@code url} → url, {@code stocks[].name} (or a {@code tickers} array of strings; {@code BRK/B} becomes
 * {@code BRK.B}) → tickers, {@code channels[].name} and {@code tags[].name} → tags; the source is {@code Benzinga}.
 * Title and teaser are read as text (Benzinga writes HTML entities and tags in them). Benzinga has no sentiment
 * in this feed.
 */
final class BenzingaNewsLines implements LineParser<NewsEvent> {

    /** Benzinga documents its times as US Eastern: one written without an offset is New York time, EST or EDT. */
    private static final java.time.ZoneId EASTERN = java.time.ZoneId.of("America/New_York");

    private final TimeRules time;

    BenzingaNewsLines(TimeRules time) {
        this.time = time;
    }

    static boolean looksLike(JsonNode first) {
        return first != null && first.has("created") && first.has("title");
    }

    @Override
    public NewsEvent parse(String line) throws BadLineException {
        JsonNode n = Json.object(line);
        String created = Json.requiredText(n, "created");
        String teaser = VendorText.plain(Json.optionalText(n, "teaser"));
        return NewsEvent.newBuilder()
                .setId(Json.requiredId(n, "id"))
                .setPublishedAt(publishedAt(created))
                .setSource("Benzinga")
                .setHeadline(VendorText.plain(Json.requiredText(n, "title")))
                .setSummary(teaser == null || teaser.isBlank() ? null : teaser)
                .setUrl(Json.optionalText(n, "url"))
                .setTickers(tickers(n))
                .setTags(VendorText.tags(n, "channels", "tags"))
                .build();
    }

    private java.time.Instant publishedAt(String created) throws BadLineException {
        if (!created.isEmpty() && Character.isLetter(created.charAt(0))) {
            try {
                return time.instant(
                        "created",
                        ZonedDateTime.parse(created, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant(),
                        Fields.quote(created));
            } catch (DateTimeException e) {
                throw new BadLineException("created: not an RFC 1123 date " + Fields.quote(created));
            }
        }
        return time.parse("created", created, EASTERN);
    }

    private static List<String> tickers(JsonNode n) throws BadLineException {
        JsonNode stocks = n.get("stocks");
        if (stocks == null || stocks.isNull()) {
            return NewsLines.tickers(n.get("tickers"));
        }
        if (!stocks.isArray()) {
            throw new BadLineException("stocks must be an array of {\"name\": ticker}, got " + Json.type(stocks));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < stocks.size(); i++) {
            String name = Json.optionalText(stocks.get(i), "name");
            if (name != null && !name.isBlank()) {
                String t = Fields.ticker("stocks[" + i + "].name", name.replace('/', '.'));
                if (!out.contains(t)) {
                    out.add(t);
                }
            }
        }
        return out;
    }
}
