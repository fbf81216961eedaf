package com.marketreactions.producers.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.schema.StockTick;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TickLinesTest {

    private static final Instant T0 = Instant.parse("2025-11-03T14:30:00Z");
    private final TickLines parser = new TickLines(TimeRules.defaults());

    private String reason(String line) {
        return assertThrows(BadLineException.class, () -> parser.parse(line)).getMessage();
    }

    @Test
    void parsesIsoAndEpochMillisTimestamps() throws Exception {
        assertEquals(
                new StockTick("AMZN", T0, 254.5, 100.0, "XNAS"),
                parser.parse("AMZN,2025-11-03T14:30:00Z,254.5,100,XNAS"));
        assertEquals(
                new StockTick("AMZN", T0, 254.5, 100.0, null),
                parser.parse("AMZN," + T0.toEpochMilli() + ",254.5,100"));
    }

    @Test
    void upperCasesAndTrimsTheSymbolAndCells() throws Exception {
        StockTick t = parser.parse(" brk.b , 2025-11-03T14:30:00Z , 1e2 , 0 ,  ");
        assertEquals(new StockTick("BRK.B", T0, 100.0, 0.0, null), t);
    }

    @Test
    void acceptsAQuotedVenue() throws Exception {
        assertEquals(
                "Dark, pool \"X\"",
                parser.parse("MSFT,1762180200000,1.0,1,\"Dark, pool \"\"X\"\"\"")
                        .getVenue());
    }

    @Test
    void recognisesAHeaderByItsFirstColumn() {
        assertTrue(parser.isHeader("symbol,ts,price,size,venue"));
        assertTrue(parser.isHeader("Symbol,Timestamp,Price,Size"));
        assertFalse(parser.isHeader("SYMB,1762180200000,1,1"));
    }

    @Test
    void rejectsNonPositiveOrNonFinitePrices() {
        assertEquals("price must be > 0, got -3.5", reason("AMZN,1762180200000,-3.5,1"));
        assertEquals("price must be > 0, got 0", reason("AMZN,1762180200000,0,1"));
        assertEquals("price: not a number 'NaN'", reason("AMZN,1762180200000,NaN,1"));
        assertEquals("price: not a number 'abc'", reason("AMZN,1762180200000,abc,1"));
        assertEquals("price must be a finite number, got 1e999", reason("AMZN,1762180200000,1e999,1"));
        assertEquals("price is required", reason("AMZN,1762180200000,,1"));
    }

    @Test
    void keepsFractionalSharesAsWritten() throws Exception {
        assertEquals(0.3, parser.parse("AMZN,2025-11-03T14:30:00Z,254.5,0.3").getSize());
        assertEquals(
                12.000123,
                parser.parse("AMZN,2025-11-03T14:30:00Z,254.5,12.000123").getSize());
        assertEquals(100.0, parser.parse("AMZN,2025-11-03T14:30:00Z,254.5,100").getSize());
    }

    @Test
    void rejectsSizesThatAreNoNumberOfShares() {
        assertEquals(
                "size must be a number of shares from 0 to 1000000000, got -2", reason("AMZN,1762180200000,1.0,-2"));
        assertEquals(
                "size must be a number of shares from 0 to 1000000000, got 10000000000",
                reason("AMZN,1762180200000,1.0,1e10"));
        assertEquals("size must be a number of shares >= 0, got 'NaN'", reason("AMZN,1762180200000,1.0,NaN"));
        assertEquals("size is required", reason("AMZN,1762180200000,1.0,"));
    }

    @Test
    void rejectsMissingOrMalformedSymbolAndTimestamp() {
        assertEquals("symbol is required", reason(",1762180200000,1.0,1"));
        assertEquals(
                "symbol: 'AM ZN' is not a ticker (1-10 letters, digits, '.' or '-')",
                reason("AM ZN,1762180200000,1.0,1"));
        assertEquals("ts: unknown timestamp format 'yesterday'", reason("AMZN,yesterday,1.0,1"));
        assertEquals("ts is required", reason("AMZN,,1.0,1"));
    }

    @Test
    void rejectsAWrongColumnCount() {
        assertEquals("expected 4 or 5 columns (symbol,ts,price,size[,venue]), got 3", reason("AMZN,1762180200000,1.0"));
        assertEquals(
                "expected 4 or 5 columns (symbol,ts,price,size[,venue]), got 6",
                reason("AMZN,1762180200000,1.0,1,X,Y"));
        assertEquals("unterminated quote in column 5", reason("AMZN,1762180200000,1.0,1,\"X"));
    }

    @Test
    void checksTicksThatDoNotComeFromAFile() {
        assertNull(TickLines.problem(new StockTick("AMZN", T0, 1.0, 0.0, null)));
        assertEquals(
                "price must be a finite number > 0, got 0.0",
                TickLines.problem(new StockTick("AMZN", T0, 0.0, 0.0, null)));
        assertEquals(
                "size must be a number of shares from 0 to 1000000000, got -1",
                TickLines.problem(new StockTick("AMZN", T0, 1.0, -1.0, null)));
        assertEquals(
                "symbol 'amzn' is not an upper-case ticker",
                TickLines.problem(new StockTick("amzn", T0, 1.0, 0.0, null)));
    }
}
