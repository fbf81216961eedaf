package com.marketreactions.producers.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketreactions.schema.NewsEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses news JSON lines, one object per line, e.g.
 * {@code {"id":"n1","publishedAt":"2025-11-03T11:00:00Z","source":"Wire","headline":"...","tickers":["amzn"]}}.
 *
 * <p>Required: {@code id} (trimmed, non-blank), {@code publishedAt} (ISO-8601 instant, offset date-time, or
 * epoch ms as a number or numeric string), {@code source} and {@code headline} (non-blank). Optional:
 * {@code summary}, {@code url}, {@code tickers} (array of strings; trimmed, upper-cased, de-duplicated in
 * order), {@code sentiment} (number in [-1, 1]). A null value is the same as an absent field; unknown fields
 * are ignored; a duplicate field is an error.
 */
public final class NewsLines implements LineParser<NewsEvent> {

    private final TimeRules time;

    public NewsLines(TimeRules time) {
        this.time = time;
    }

    @Override
    public NewsEvent parse(String line) throws BadLineException {
        JsonNode n = Json.object(line);
        String id = Json.requiredText(n, "id").trim();
        Instant publishedAt = publishedAt(n.get("publishedAt"));
        String source = Json.requiredText(n, "source");
        String headline = Json.requiredText(n, "headline");
        String summary = Json.optionalText(n, "summary");
        String url = Json.optionalText(n, "url");
        return new NewsEvent(
                id,
                publishedAt,
                source,
                headline,
                summary,
                url,
                tickers(n.get("tickers")),
                sentiment(n.get("sentiment")),
                tags(n.get("tags"), "tags"),
                tickerSentiment(n.get("tickerSentiment")));
    }

    private Instant publishedAt(JsonNode v) throws BadLineException {
        String field = "publishedAt";
        if (v == null || v.isNull()) {
            throw new BadLineException(field + " is required");
        }
        if (v.isTextual()) {
            return time.parse(field, v.textValue());
        }
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw new BadLineException(field + ": out of range for any epoch unit " + v.asText());
            }
            return time.epoch(field, v.longValue());
        }
        if (v.isNumber()) {
            throw new BadLineException(field + ": an epoch time must be an integer, got " + v.asText());
        }
        throw new BadLineException(field + " must be a timestamp string or an epoch integer, got " + Json.type(v));
    }

    static List<String> tickers(JsonNode v) throws BadLineException {
        return tickers(v, "tickers");
    }

    /** An array of ticker strings: trimmed, upper-cased, de-duplicated in order. */
    static List<String> tickers(JsonNode v, String name) throws BadLineException {
        Set<String> out = new LinkedHashSet<>();
        List<String> texts = strings(v, name);
        for (int i = 0; i < texts.size(); i++) {
            out.add(Fields.ticker(name + "[" + i + "]", texts.get(i)));
        }
        return new ArrayList<>(out);
    }

    /** An optional array of tag strings (categories): trimmed, blank ones left out, de-duplicated in order. */
    static List<String> tags(JsonNode v, String name) throws BadLineException {
        Set<String> out = new LinkedHashSet<>();
        for (String t : strings(v, name)) {
            if (!t.isBlank()) {
                out.add(t.strip());
            }
        }
        return new ArrayList<>(out);
    }

    /** The texts of an optional array of strings (absent or null: none); anything else is an error naming it. */
    private static List<String> strings(JsonNode v, String name) throws BadLineException {
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw new BadLineException(name + " must be an array of strings, got " + Json.type(v));
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode t = v.get(i);
            if (!t.isTextual()) {
                throw new BadLineException(name + "[" + i + "] must be a string, got " + Json.type(t));
            }
            out.add(t.textValue());
        }
        return out;
    }

    /** An optional object of ticker to sentiment in [-1, 1]: null when absent or empty. */
    static Map<String, Double> tickerSentiment(JsonNode v) throws BadLineException {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw new BadLineException("tickerSentiment must be an object of ticker to sentiment, got " + Json.type(v));
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            String ticker = Fields.ticker("tickerSentiment", e.getKey());
            Double s = sentiment(e.getValue(), "tickerSentiment of " + ticker);
            if (s != null) {
                out.put(ticker, s);
            }
        }
        return out.isEmpty() ? null : out;
    }

    static Double sentiment(JsonNode v) throws BadLineException {
        return sentiment(v, "sentiment");
    }

    private static Double sentiment(JsonNode v, String name) throws BadLineException {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new BadLineException(name + " must be a number, got " + Json.type(v));
        }
        double s = v.doubleValue();
        if (!(s >= -1 && s <= 1)) {
            throw new BadLineException(name + " must be in [-1, 1], got " + v.asText());
        }
        return s;
    }
}
