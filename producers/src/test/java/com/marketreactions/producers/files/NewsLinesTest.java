package com.marketreactions.producers.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.schema.NewsEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewsLinesTest {

    private static final Instant T0 = Instant.parse("2025-11-03T11:00:00Z");
    private final NewsLines parser = new NewsLines(TimeRules.defaults());

    private NewsEvent parse(String json) throws BadLineException {
        return parser.parse(json);
    }

    private String reason(String json) {
        return assertThrows(BadLineException.class, () -> parser.parse(json)).getMessage();
    }

    @Test
    void parsesEveryFieldOfACompleteLine() throws Exception {
        NewsEvent n = parse("""
                {"id":"aws-openai-1","publishedAt":"2025-11-03T11:00:00Z","source":"Reuters",\
                "headline":"AWS and OpenAI sign deal","summary":"A multi-year deal","url":"https://x.example/1",\
                "tickers":["AMZN","MSFT"],"sentiment":0.6,"tags":["m&a"," cloud ","","cloud"]}""");
        assertEquals(
                new NewsEvent(
                        "aws-openai-1",
                        T0,
                        "Reuters",
                        "AWS and OpenAI sign deal",
                        "A multi-year deal",
                        "https://x.example/1",
                        List.of("AMZN", "MSFT"),
                        0.6,
                        List.of("m&a", "cloud"),
                        null),
                n);
    }

    @Test
    void optionalFieldsMayBeAbsentOrNull() throws Exception {
        NewsEvent absent =
                parse("{\"id\":\"n1\",\"publishedAt\":\"2025-11-03T11:00:00Z\",\"source\":\"S\",\"headline\":\"H\"}");
        NewsEvent nulls =
                parse("{\"id\":\"n1\",\"publishedAt\":\"2025-11-03T11:00:00Z\",\"source\":\"S\",\"headline\":\"H\","
                        + "\"summary\":null,\"url\":null,\"tickers\":null,\"sentiment\":null}");
        assertNull(absent.getSummary());
        assertNull(absent.getUrl());
        assertNull(absent.getSentiment());
        assertEquals(List.of(), absent.getTickers());
        assertEquals(absent, nulls);
    }

    @Test
    void acceptsEpochMillisAsNumberOrNumericStringAndOffsetDateTimes() throws Exception {
        String rest = ",\"source\":\"S\",\"headline\":\"H\"}";
        assertEquals(
                T0,
                parse("{\"id\":\"a\",\"publishedAt\":" + T0.toEpochMilli() + rest)
                        .getPublishedAt());
        assertEquals(
                T0,
                parse("{\"id\":\"a\",\"publishedAt\":\"" + T0.toEpochMilli() + "\"" + rest)
                        .getPublishedAt());
        assertEquals(
                T0,
                parse("{\"id\":\"a\",\"publishedAt\":\"2025-11-03T12:00:00+01:00\"" + rest)
                        .getPublishedAt());
        assertEquals(
                T0,
                parse("{\"id\":\"a\",\"publishedAt\":\"2025-11-03T06:00:00-05:00[America/New_York]\"" + rest)
                        .getPublishedAt());
    }

    @Test
    void aSentimentPerTickerIsReadAndChecked() throws Exception {
        String head = "{\"id\":\"n1\",\"publishedAt\":\"2025-11-03T11:00:00Z\",\"source\":\"S\",\"headline\":\"H\","
                + "\"tickers\":[\"AMZN\",\"MSFT\"],\"sentiment\":0.2,";
        NewsEvent n = parse(head + "\"tickerSentiment\":{\"amzn\":0.9,\"MSFT\":-0.5}}");
        assertEquals(java.util.Map.of("AMZN", 0.9, "MSFT", -0.5), n.getTickerSentiment());
        assertEquals(0.2, n.getSentiment());
        assertEquals(null, parse(head + "\"tickerSentiment\":{}}").getTickerSentiment());
        assertEquals(
                "tickerSentiment of MSFT must be in [-1, 1], got 2",
                reason(head + "\"tickerSentiment\":{\"MSFT\":2}}"));
        assertEquals(
                "tickerSentiment must be an object of ticker to sentiment, got array",
                reason(head + "\"tickerSentiment\":[1]}"));
    }

    @Test
    void truncatesTimestampsToTheMillisecond() throws Exception {
        NewsEvent n = parse(
                "{\"id\":\"a\",\"publishedAt\":\"2025-11-03T11:00:00.123456789Z\",\"source\":\"S\",\"headline\":\"H\"}");
        assertEquals(T0.plusMillis(123), n.getPublishedAt());
    }

    @Test
    void upperCasesTrimsAndDeduplicatesTickersInOrder() throws Exception {
        NewsEvent n = parse("{\"id\":\"a\",\"publishedAt\":1762180200000,\"source\":\"S\",\"headline\":\"H\","
                + "\"tickers\":[\"amzn\",\" MSFT \",\"AMZN\",\"brk.b\",\"msft\"]}");
        assertEquals(List.of("AMZN", "MSFT", "BRK.B"), n.getTickers());
    }

    @Test
    void trimsTheIdAndIgnoresUnknownFields() throws Exception {
        NewsEvent n = parse(
                "{\"id\":\"  n-7 \",\"publishedAt\":1762180200000,\"source\":\"S\",\"headline\":\"H\",\"lang\":\"en\",\"meta\":{\"a\":1}}");
        assertEquals("n-7", n.getId());
    }

    @Test
    void requiresIdPublishedAtSourceAndHeadline() {
        assertEquals("id is required", reason("{\"publishedAt\":1762180200000,\"source\":\"S\",\"headline\":\"H\"}"));
        assertEquals(
                "id must not be blank",
                reason("{\"id\":\"  \",\"publishedAt\":1762180200000,\"source\":\"S\",\"headline\":\"H\"}"));
        assertEquals("publishedAt is required", reason("{\"id\":\"a\",\"source\":\"S\",\"headline\":\"H\"}"));
        assertEquals("source is required", reason("{\"id\":\"a\",\"publishedAt\":1762180200000,\"headline\":\"H\"}"));
        assertEquals(
                "headline is required",
                reason("{\"id\":\"a\",\"publishedAt\":1762180200000,\"source\":\"S\",\"headline\":null}"));
    }

    @Test
    void namesTheTimestampProblem() {
        String rest = ",\"source\":\"S\",\"headline\":\"H\"}";
        assertEquals(
                "publishedAt: unknown timestamp format 'yesterday'",
                reason("{\"id\":\"a\",\"publishedAt\":\"yesterday\"" + rest));
        assertEquals(
                "publishedAt: '2025-11-03T11:00:00' has no zone offset (add Z or +hh:mm)",
                reason("{\"id\":\"a\",\"publishedAt\":\"2025-11-03T11:00:00\"" + rest));
        assertEquals(
                "publishedAt: an epoch time must be an integer, got 1.5",
                reason("{\"id\":\"a\",\"publishedAt\":1.5" + rest));
        assertEquals(
                "publishedAt -1 as epoch seconds is 1969-12-31T23:59:59Z, before 1980-01-01T00:00:00Z; not a plausible time in any epoch unit",
                reason("{\"id\":\"a\",\"publishedAt\":-1" + rest));
        assertEquals(
                "publishedAt must be a timestamp string or an epoch integer, got boolean",
                reason("{\"id\":\"a\",\"publishedAt\":true" + rest));
    }

    @Test
    void rejectsBadTickersAndSentiment() {
        String head = "{\"id\":\"a\",\"publishedAt\":1762180200000,\"source\":\"S\",\"headline\":\"H\",";
        assertEquals("tickers must be an array of strings, got string", reason(head + "\"tickers\":\"AMZN\"}"));
        assertEquals(
                "tickers[1]: 'A B' is not a ticker (1-10 letters, digits, '.' or '-')",
                reason(head + "\"tickers\":[\"AMZN\",\"A B\"]}"));
        assertEquals(
                "tickers[0]: 'TOOLONGTICKER' is not a ticker (1-10 letters, digits, '.' or '-')",
                reason(head + "\"tickers\":[\"TOOLONGTICKER\"]}"));
        assertEquals("tickers[0] must be a string, got number", reason(head + "\"tickers\":[42]}"));
        assertEquals("tickers[0] is required", reason(head + "\"tickers\":[\" \"]}"));
        assertEquals("sentiment must be in [-1, 1], got 1.5", reason(head + "\"sentiment\":1.5}"));
        assertEquals("sentiment must be a number, got string", reason(head + "\"sentiment\":\"0.5\"}"));
    }

    @Test
    void rejectsLinesThatAreNotOneJsonObject() {
        assertTrue(reason("{\"id\":\"a\",").startsWith("invalid JSON"), reason("{\"id\":\"a\","));
        assertTrue(reason("{\"id\":\"a\"} trailing").startsWith("invalid JSON"));
        assertTrue(
                reason("{\"id\":\"a\",\"id\":\"b\"}").contains("Duplicate field 'id'"),
                reason("{\"id\":\"a\",\"id\":\"b\"}"));
        assertEquals("expected a JSON object, got array", reason("[1,2]"));
        assertEquals(
                "source must be a string, got number",
                reason("{\"id\":\"a\",\"publishedAt\":1762180200000,\"source\":5,\"headline\":\"H\"}"));
    }
}
