package com.marketreactions.producers.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marketreactions.common.Trades;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Alpaca's stream messages one by one: what each becomes, and the one reason a malformed one is refused. */
class AlpacaTradeLinesTest {

    private static final Instant T0 = Instant.parse("2025-11-03T14:30:00Z");
    private static final String TRADE =
            "{\"T\":\"t\",\"S\":\"AMZN\",\"x\":\"V\",\"p\":254.01,\"s\":100," + "\"t\":\"2025-11-03T14:30:00Z\"";
    private static final String CANCEL =
            "{\"T\":\"x\",\"S\":\"AMZN\",\"x\":\"V\",\"p\":254.01,\"s\":100," + "\"t\":\"2025-11-03T14:30:00Z\"";
    private static final String CORRECTION =
            "{\"T\":\"c\",\"S\":\"AMZN\",\"x\":\"V\",\"op\":254.01,\"os\":100," + "\"t\":\"2025-11-03T14:30:00Z\"";

    private final AlpacaTradeLines parser = new AlpacaTradeLines(TimeRules.defaults(), null);

    private String reason(String line) {
        return assertThrows(BadLineException.class, () -> parser.parse(line)).getMessage();
    }

    @Test
    void aTradeIdIsAnIntegerOrAStringAndATradeMayHaveNone() throws Exception {
        assertEquals(Trades.trade("AMZN", T0, 254.01, 100.0, "V", "7"), parser.parse(TRADE + ",\"i\":7}"));
        assertEquals(Trades.trade("AMZN", T0, 254.01, 100.0, "V", "7a"), parser.parse(TRADE + ",\"i\":\"7a\"}"));
        assertEquals(Trades.trade("AMZN", T0, 254.01, 100.0, "V"), parser.parse(TRADE + "}"));
        assertEquals("i must be an integer or a string, got number", reason(TRADE + ",\"i\":7.5}"));
    }

    @Test
    void aCancelWithoutTheTradeItNamesOrOfAnUnknownKindIsABadLine() {
        assertEquals("i is required", reason(CANCEL + ",\"a\":\"C\"}"));
        assertEquals("i must not be blank", reason(CANCEL + ",\"i\":\" \",\"a\":\"C\"}"));
        assertEquals("a: unknown cancel action 'Z' (C cancel, E error)", reason(CANCEL + ",\"i\":7,\"a\":\"Z\"}"));
        assertEquals(
                "p (price) must be a number",
                reason("{\"T\":\"x\",\"S\":\"AMZN\",\"i\":7,\"x\":\"V\",\"s\":100,\"t\":\"2025-11-03T14:30:00Z\"}"));
    }

    @Test
    void aCorrectionWithoutBothTradesOrTheCorrectedNumbersIsABadLineNamingTheField() {
        assertEquals("oi is required", reason(CORRECTION + ",\"ci\":8,\"cp\":254.1,\"cs\":100}"));
        assertEquals("ci is required", reason(CORRECTION + ",\"oi\":7,\"cp\":254.1,\"cs\":100}"));
        assertEquals("cp (corrected price) must be a number", reason(CORRECTION + ",\"oi\":7,\"ci\":8,\"cs\":100}"));
        assertEquals("cs (corrected size) must be a number", reason(CORRECTION + ",\"oi\":7,\"ci\":8,\"cp\":254.1}"));
        assertEquals(
                "cp (corrected price) must be a number",
                reason(CORRECTION + ",\"oi\":7,\"ci\":8,\"cp\":\"254.1\",\"cs\":100}"));
        assertEquals("cp: price must be > 0, got 0", reason(CORRECTION + ",\"oi\":7,\"ci\":8,\"cp\":0,\"cs\":100}"));
        assertEquals(
                "cs: size must be a number of shares from 0 to 1000000000, got -5",
                reason(CORRECTION + ",\"oi\":7,\"ci\":8,\"cp\":254.1,\"cs\":-5}"));
    }

    @Test
    void aCorrectionIsTheCorrectedTradeNamingTheOneItReplaces() throws Exception {
        assertEquals(
                Trades.correction("AMZN", T0, 254.1, 90.0, "V", "8", "7"),
                parser.parse(CORRECTION + ",\"oi\":7,\"ci\":8,\"cp\":254.1,\"cs\":90}"));
    }
}
