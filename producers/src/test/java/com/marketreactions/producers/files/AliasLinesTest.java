package com.marketreactions.producers.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AliasLinesTest {

    private final AliasLines parser = new AliasLines();

    private String reason(String line) {
        return assertThrows(BadLineException.class, () -> parser.parse(line)).getMessage();
    }

    @Test
    void keepsTheAliasAsWrittenAndUpperCasesTheTicker() throws Exception {
        assertEquals(new Alias("Amazon Web Services", "AMZN"), parser.parse("  Amazon Web Services , amzn "));
    }

    @Test
    void acceptsAQuotedAliasWithAComma() throws Exception {
        assertEquals(
                new Alias("Berkshire Hathaway, Inc.", "BRK.B"), parser.parse("\"Berkshire Hathaway, Inc.\",BRK.B"));
    }

    @Test
    void recognisesTheHeader() {
        assertTrue(parser.isHeader("alias,ticker"));
        assertTrue(parser.isHeader(" Alias , Ticker "));
        assertFalse(parser.isHeader("AWS,AMZN"));
    }

    @Test
    void rejectsBlankAliasBadTickerAndWrongColumnCount() {
        assertEquals("alias is required", reason(" ,AMZN"));
        assertEquals("ticker is required", reason("AWS,"));
        assertEquals(
                "ticker: 'Amazon.com Inc' is not a ticker (1-10 letters, digits, '.' or '-')",
                reason("AWS,Amazon.com Inc"));
        assertEquals("expected 2 columns (alias,ticker), got 3", reason("AWS,AMZN,extra"));
        assertEquals("expected 2 columns (alias,ticker), got 1", reason("AWS"));
    }
}
