package com.marketreactions.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marketreactions.schema.NewsEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each {@link InputLimits} limit: at it a news event passes, one beyond it is refused naming the setting. */
class RecordChecksTest {

    private static final InputLimits LIMITS =
            new InputLimits(3, 2, 10, 20, Duration.ofMinutes(1), Duration.ofMinutes(1));

    @Test
    void aNewsEventAtEveryLimitPasses() {
        assertNull(RecordChecks.newsProblem(
                news().setId("x".repeat(10))
                        .setSource("s".repeat(10))
                        .setHeadline("h".repeat(10))
                        .setUrl("u".repeat(10))
                        .setSummary("m".repeat(20))
                        .setTickers(List.of("A", "B", "C"))
                        .setTags(List.of("t".repeat(10), "tag"))
                        .build(),
                LIMITS));
    }

    @Test
    void oneBeyondALimitIsRefusedWithTheSettingsName() {
        assertEquals(
                "it names 4 tickers, more than the limit of 3 (setting news.max.tickers)",
                RecordChecks.newsProblem(
                        news().setTickers(List.of("A", "B", "C", "D")).build(), LIMITS));
        assertEquals(
                "it has 3 tags, more than the limit of 2 (setting news.max.tags)",
                RecordChecks.newsProblem(news().setTags(List.of("a", "b", "c")).build(), LIMITS));
        assertEquals(
                "summary is 21 characters, more than the limit of 20 (setting news.max.summary.chars)",
                RecordChecks.newsProblem(news().setSummary("m".repeat(21)).build(), LIMITS));
        assertEquals(
                "headline is 11 characters, more than the limit of 10 (setting news.max.field.chars)",
                RecordChecks.newsProblem(news().setHeadline("h".repeat(11)).build(), LIMITS));
        assertEquals(
                "id is 11 characters, more than the limit of 10 (setting news.max.field.chars)",
                RecordChecks.newsProblem(news().setId("x".repeat(11)).build(), LIMITS));
        assertEquals(
                "url is 11 characters, more than the limit of 10 (setting news.max.field.chars)",
                RecordChecks.newsProblem(news().setUrl("u".repeat(11)).build(), LIMITS));
        assertEquals(
                "a tag is 11 characters, more than the limit of 10 (setting news.max.field.chars)",
                RecordChecks.newsProblem(news().setTags(List.of("t".repeat(11))).build(), LIMITS));
    }

    @Test
    void anIdWithALineBreakIsRefusedSoThatEveryLogLineStaysOneLine() {
        assertEquals(
                "id 'n1 forged log line' contains a control character (a line break, a tab, ...)",
                RecordChecks.newsProblem(news().setId("n1\nforged log line").build(), LIMITS));
    }

    @Test
    void aQuoteCarriesNoControlCharacterSoItCannotForgeALogLineOrATerminalEscape() {
        assertEquals("' [31mred [0m and more'", RecordChecks.quote("\u001b[31mred\u001b[0m\tand\u2028more"));
        assertEquals("'one two'", RecordChecks.quote("one\r\ntwo"));
        assertEquals("'" + "x".repeat(40) + "...'", RecordChecks.quote("x".repeat(41)));
        assertEquals("a b c " + "y".repeat(100), RecordChecks.oneLine("a\tb\u001bc\n" + "y".repeat(100)));
    }

    @Test
    void theDefaultsLetAWideSectorItemThroughAndALimitIsAtLeastOne() {
        List<String> fifty = Collections.nCopies(50, "AMZN");
        assertNull(RecordChecks.newsProblem(news().setTickers(fifty).build()));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new InputLimits(0, 1, 1, 1, Duration.ZERO, Duration.ofMinutes(1)));
        assertEquals("news.max.tickers: must be at least 1, got 0", e.getMessage());
    }

    private static NewsEvent.Builder news() {
        return NewsEvent.newBuilder()
                .setId("n1")
                .setPublishedAt(Instant.parse("2025-11-03T14:00:00Z"))
                .setSource("wire")
                .setHeadline("headline");
    }

    @Test
    void aSentimentMustBeInRangeAndPerTickerForTickersAtMostAsManyAsTickers() {
        assertEquals(
                "sentiment must be in [-1, 1], got NaN",
                RecordChecks.newsProblem(news().setSentiment(Double.NaN).build()));
        assertEquals(
                "tickerSentiment of AMZN must be in [-1, 1], got 1.5",
                RecordChecks.newsProblem(
                        news().setTickerSentiment(java.util.Map.of("AMZN", 1.5)).build()));
        assertEquals(
                "tickerSentiment: 'amzn' is not an upper-case ticker (" + RecordChecks.TICKER_RULE + ")",
                RecordChecks.newsProblem(
                        news().setTickerSentiment(java.util.Map.of("amzn", 0.5)).build()));
        java.util.Map<String, Double> four = java.util.Map.of("A", 0.0, "B", 0.0, "C", 0.0, "D", 0.0);
        assertEquals(
                "it gives a sentiment for 4 tickers, more than the limit of 3 (setting news.max.tickers)",
                RecordChecks.newsProblem(news().setTickerSentiment(four).build(), LIMITS));
        assertNull(RecordChecks.newsProblem(
                news().setTickerSentiment(java.util.Map.of("AMZN", -1.0)).build()));
    }
}
