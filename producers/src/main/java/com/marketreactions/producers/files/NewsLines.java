package com.marketreactions.producers.files;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.marketreactions.schema.NewsEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @Override
    public NewsEvent parse(String line) throws BadLineException {
        JsonNode n = readObject(line);
        String id = requiredText(n, "id").trim();
        Instant publishedAt = publishedAt(n.get("publishedAt"));
        String source = requiredText(n, "source");
        String headline = requiredText(n, "headline");
        String summary = optionalText(n, "summary");
        String url = optionalText(n, "url");
        return new NewsEvent(id, publishedAt, source, headline, summary, url, tickers(n.get("tickers")),
                sentiment(n.get("sentiment")));
    }

    private static JsonNode readObject(String line) throws BadLineException {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at != null && at.getColumnNr() > 0 ? " (column " + at.getColumnNr() + ")" : "";
            throw new BadLineException("invalid JSON" + where + ": " + firstLine(e.getOriginalMessage()));
        }
        if (!n.isObject()) {
            throw new BadLineException("expected a JSON object, got " + type(n));
        }
        return n;
    }

    private static String requiredText(JsonNode obj, String field) throws BadLineException {
        String s = optionalText(obj, field);
        if (s == null) {
            throw new BadLineException(field + " is required");
        }
        if (s.isBlank()) {
            throw new BadLineException(field + " must not be blank");
        }
        return s;
    }

    private static String optionalText(JsonNode obj, String field) throws BadLineException {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadLineException(field + " must be a string, got " + type(v));
        }
        return v.textValue();
    }

    private static Instant publishedAt(JsonNode v) throws BadLineException {
        String field = "publishedAt";
        if (v == null || v.isNull()) {
            throw new BadLineException(field + " is required");
        }
        if (v.isTextual()) {
            return Fields.timestamp(field, v.textValue());
        }
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw new BadLineException(field + ": epoch ms out of range " + v.asText());
            }
            return Fields.epochMillis(field, v.longValue());
        }
        if (v.isNumber()) {
            throw new BadLineException(field + ": epoch ms must be an integer, got " + v.asText());
        }
        throw new BadLineException(field + " must be a timestamp string or epoch ms, got " + type(v));
    }

    private static List<String> tickers(JsonNode v) throws BadLineException {
        if (v == null || v.isNull()) {
            return new ArrayList<>();
        }
        if (!v.isArray()) {
            throw new BadLineException("tickers must be an array of strings, got " + type(v));
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode t = v.get(i);
            String field = "tickers[" + i + "]";
            if (!t.isTextual()) {
                throw new BadLineException(field + " must be a string, got " + type(t));
            }
            out.add(Fields.ticker(field, t.textValue()));
        }
        return new ArrayList<>(out);
    }

    private static Double sentiment(JsonNode v) throws BadLineException {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new BadLineException("sentiment must be a number, got " + type(v));
        }
        double s = v.doubleValue();
        if (!(s >= -1 && s <= 1)) {
            throw new BadLineException("sentiment must be in [-1, 1], got " + v.asText());
        }
        return s;
    }

    private static String type(JsonNode v) {
        return v.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
