package com.marketreactions.producers.files;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Locale;

/**
 * Reading one JSON object per line (or pretty-printed over lines: {@link RecordReader}), with the field rules every
 * JSON-lines format shares.
 */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    static JsonNode object(String line) throws BadLineException {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getColumnNr() <= 0
                    ? ""
                    : at.getLineNr() > 1 // an object pretty-printed over lines: RecordReader
                            ? " (line " + at.getLineNr() + " of this object, column " + at.getColumnNr() + ")"
                            : " (column " + at.getColumnNr() + ")";
            throw new BadLineException("invalid JSON" + where + ": " + firstLine(e.getOriginalMessage()));
        }
        if (!n.isObject()) {
            throw new BadLineException("expected a JSON object, got " + type(n));
        }
        return n;
    }

    /** The object of the first line, or null when it is not one (detection only: errors come from the parser). */
    static JsonNode objectOrNull(String line) {
        try {
            return object(line);
        } catch (BadLineException e) {
            return null;
        }
    }

    static String requiredText(JsonNode obj, String field) throws BadLineException {
        String s = optionalText(obj, field);
        if (s == null) {
            throw new BadLineException(field + " is required");
        }
        if (s.isBlank()) {
            throw new BadLineException(field + " must not be blank");
        }
        return s;
    }

    static String optionalText(JsonNode obj, String field) throws BadLineException {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadLineException(field + " must be a string, got " + type(v));
        }
        return v.textValue();
    }

    /** A string or an integer, as text (vendors' ids are either). */
    static String requiredId(JsonNode obj, String field) throws BadLineException {
        JsonNode v = obj.get(field);
        if (v != null && v.isIntegralNumber()) {
            return v.asText();
        }
        if (v != null && !v.isNull() && !v.isTextual()) {
            throw new BadLineException(field + " must be an integer or a string, got " + type(v));
        }
        return requiredText(obj, field).trim();
    }

    /** A string or an integer, as text, or null when absent. */
    static String optionalId(JsonNode obj, String field) throws BadLineException {
        JsonNode v = obj.get(field);
        return v == null || v.isNull() ? null : requiredId(obj, field);
    }

    static String type(JsonNode v) {
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
