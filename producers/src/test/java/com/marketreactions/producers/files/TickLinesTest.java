package com.marketreactions.producers.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.Trades;
import com.marketreactions.schema.StockTick;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TickLinesTest {

    private static final Instant T0 = Instant.parse("2025-11-03T14:30:00Z");
    private final TickLines parser = new TickLines(TimeRules.defaults());

    private String reason(String line) {
        return assertThrows(BadLineException.class, () -> parser.parse(line)).getMessage();
    }

    @Test
    void parsesIsoAndEpochMillisTimestamps() throws Exception {
        assertEquals(
                Trades.trade("AMZN", T0, 254.5, 100.0, "XNAS"),
                parser.parse("AMZN,2025-11-03T14:30:00Z,254.5,100,XNAS"));
        assertEquals(
                Trades.trade("AMZN", T0, 254.5, 100.0, null), parser.parse("AMZN," + T0.toEpochMilli() + ",254.5,100"));
    }

    @Test
    void upperCasesAndTrimsTheSymbolAndCells() throws Exception {
        StockTick t = parser.parse(" brk.b , 2025-11-03T14:30:00Z , 1e2 , 0 ,  ");
        assertEquals(Trades.trade("BRK.B", T0, 100.0, 0.0, null), t);
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
        assertEquals(
                "expected 4 to 8 columns (symbol,ts,price,size[,venue[,tradeId[,action[,amends]]]]), got 3",
                reason("AMZN,1762180200000,1.0"));
        assertEquals(
                "expected 4 to 8 columns (symbol,ts,price,size[,venue[,tradeId[,action[,amends]]]]), got 9",
                reason("AMZN,1762180200000,1.0,1,X,7,CANCEL,6,Y"));
        assertEquals("unterminated quote in column 5", reason("AMZN,1762180200000,1.0,1,\"X"));
    }

    @Test
    void readsTheTradeIdActionAndAmendsColumns() throws Exception {
        String head = "AMZN,2025-11-03T14:30:00Z,254.5,100,";
        assertEquals(Trades.trade("AMZN", T0, 254.5, 100.0, "XNAS", "T1"), parser.parse(head + "XNAS,T1"));
        assertEquals(Trades.trade("AMZN", T0, 254.5, 100.0, null, "T1"), parser.parse(head + ",T1,trade,"));
        assertEquals(Trades.trade("AMZN", T0, 254.5, 100.0, "XNAS"), parser.parse(head + "XNAS, , , "));
        assertEquals(Trades.cancel("AMZN", T0, 254.5, 100.0, "XNAS", "T1"), parser.parse(head + "XNAS,,Cancel,T1"));
        assertEquals(
                Trades.correction("AMZN", T0, 254.5, 100.0, "XNAS", "T2", "T1"),
                parser.parse(head + "XNAS,T2,CORRECTION,T1"));
        assertEquals(
                Trades.cancel("AMZN", T0, 254.5, 100.0, null, "a,\"b\""),
                parser.parse(head + ",,cancel,\"a,\"\"b\"\"\""));
    }

    /** Each combination the ticks topic refuses is a bad line in the topic rule's own words. */
    @Test
    void refusesAnActionAndIdsThatDoNotFitTogether() {
        String head = "AMZN,1762180200000,1.0,1,XNAS,";
        assertEquals("action: 'BUY' is not TRADE, CANCEL or CORRECTION", reason(head + ",BUY,T1"));
        assertEquals("a CANCEL must name the trade it amends (amends)", reason(head + ",CANCEL"));
        assertEquals("a CORRECTION must name the trade it amends (amends)", reason(head + "T2,CORRECTION,"));
        assertEquals(
                "amends is set on a TRADE: only a CANCEL or a CORRECTION names an earlier trade",
                reason(head + "T2,TRADE,T1"));
        assertEquals(
                "amends is set on a TRADE: only a CANCEL or a CORRECTION names an earlier trade",
                reason(head + ",,T1"));
        assertEquals("a CANCEL is not a trade and has no tradeId of its own", reason(head + "T2,CANCEL,T1"));
        assertEquals("tradeId must be 1 to 64 characters, got 65", reason(head + "x".repeat(65)));
        assertEquals("amends must be 1 to 64 characters, got 65", reason(head + "T2,CORRECTION," + "x".repeat(65)));
        assertEquals("tradeId 'T 2' contains a control character", reason(head + "T\u00072"));
        assertEquals("amends 'T 1' contains a control character", reason(head + ",CANCEL,T\u00071"));
    }

    /** A header names the new columns; a file of four or five columns reads as it always did. */
    @Test
    void aFileWithTheNewColumnsReadsBesideLinesWithout(@TempDir Path dir) throws Exception {
        Path p = Files.writeString(
                dir.resolve("ticks.csv"),
                "symbol,ts,price,size,venue,tradeId,action,amends\n"
                        + "AMZN,2025-11-03T14:30:00Z,254.5,100,V,1\n"
                        + "AMZN,2025-11-03T14:30:01Z,254.6,50,V,2\n"
                        + "AMZN,2025-11-03T14:30:02Z,254.5,100,V,,CANCEL,1\n"
                        + "AMZN,2025-11-03T14:30:03Z,254.7,50,V,3,CORRECTION,2\n"
                        + "AMZN,2025-11-03T14:30:04Z,254.8,10\n");
        List<StockTick> read = new ArrayList<>();
        InputFormat.TICKS.file(p).read(read::add, e -> {
            throw new AssertionError(e.toString());
        });
        assertEquals(
                List.of(
                        Trades.trade("AMZN", T0, 254.5, 100.0, "V", "1"),
                        Trades.trade("AMZN", T0.plusSeconds(1), 254.6, 50.0, "V", "2"),
                        Trades.cancel("AMZN", T0.plusSeconds(2), 254.5, 100.0, "V", "1"),
                        Trades.correction("AMZN", T0.plusSeconds(3), 254.7, 50.0, "V", "3", "2"),
                        Trades.trade("AMZN", T0.plusSeconds(4), 254.8, 10.0, null)),
                read);
    }

    @Test
    void aHeaderFindsColumnsByNameInAnyOrderAndATypoIsNamed(@TempDir Path dir) throws Exception {
        Path reordered = Files.writeString(
                dir.resolve("reordered.csv"),
                "ts,Symbol,size,price,tradeId\n" + "2025-11-03T14:30:00Z,AMZN,100,254.5,7\n"
                        + "2025-11-03T14:30:01Z,TS,5,20.5\n");
        List<StockTick> read = new ArrayList<>();
        InputFormat.TICKS.file(reordered).read(read::add, e -> {
            throw new AssertionError(e.toString());
        });
        assertEquals(
                List.of(
                        Trades.trade("AMZN", T0, 254.5, 100.0, null, "7"),
                        Trades.trade("TS", T0.plusSeconds(1), 20.5, 5.0, null)),
                read,
                "a header found by its names; a ticker spelled like a column is still a ticker");
        Path typo = Files.writeString(
                dir.resolve("typo.csv"), "symbol,ts,prise,size\n" + "AMZN,2025-11-03T14:30:00Z,254.5,100\n");
        BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                BadInputException.class, () -> InputFormat.TICKS.file(typo).read(t -> {}, x -> {}));
        assertTrue(e.getMessage().contains("'prise'") && e.getMessage().contains("price"), e.getMessage());
        Path unknown = Files.writeString(
                dir.resolve("unknown.csv"),
                "symbol,ts,price,size,exchange\n" + "AMZN,2025-11-03T14:30:00Z,254.5,100,X\n");
        e = org.junit.jupiter.api.Assertions.assertThrows(
                BadInputException.class, () -> InputFormat.TICKS.file(unknown).read(t -> {}, x -> {}));
        assertTrue(e.getMessage().contains("'exchange'") && e.getMessage().contains("venue"), e.getMessage());
    }

    @Test
    void checksTicksThatDoNotComeFromAFile() {
        assertNull(TickLines.problem(Trades.trade("AMZN", T0, 1.0, 0.0, null)));
        assertEquals(
                "price must be a finite number > 0, got 0.0",
                TickLines.problem(Trades.trade("AMZN", T0, 0.0, 0.0, null)));
        assertEquals(
                "size must be a number of shares from 0 to 1000000000, got -1",
                TickLines.problem(Trades.trade("AMZN", T0, 1.0, -1.0, null)));
        assertEquals(
                "symbol 'amzn' is not an upper-case ticker",
                TickLines.problem(Trades.trade("amzn", T0, 1.0, 0.0, null)));
    }
}
