package com.marketreactions.producers.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marketreactions.common.Trades;
import com.marketreactions.schema.StockTick;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines), StandardCharsets.UTF_8);
    }

    private static <T> List<String> errors(RecordFile<T> file) {
        return file.validate().lines();
    }

    private static List<StockTick> ticks(Path path) {
        List<StockTick> out = new ArrayList<>();
        InputFormat.TICKS.file(path).read(out::add, e -> {
            throw new AssertionError("unexpected bad line " + e);
        });
        return out;
    }

    @Test
    void reportsEveryBadLineWithFileAndLineNumber() throws IOException {
        Path p = write(
                "ticks.csv",
                "symbol,ts,price,size",
                "AMZN,2025-11-03T14:30:00Z,254.0,100",
                "",
                "AMZN,2025-11-03T14:30:01Z,-3.5,100",
                "MSFT,yesterday,510.0,10",
                "   ",
                "MSFT,2025-11-03T14:30:02Z,510.0,-1",
                ",2025-11-03T14:30:02Z,510.0,1",
                "MSFT,2025-11-03T14:30:03Z,510.0",
                "MSFT,2025-11-03T14:30:04Z,511.0,5");
        assertEquals(
                List.of(
                        p + ":4: price must be > 0, got -3.5",
                        p + ":5: ts: unknown timestamp format 'yesterday'",
                        p + ":7: size must be a number of shares from 0 to 1000000000, got -1",
                        p + ":8: symbol is required",
                        p
                                + ":9: expected 4 to 8 columns (symbol,ts,price,size[,venue[,tradeId[,action[,amends]]]]), got 3"),
                errors(InputFormat.TICKS.file(p)));
    }

    @Test
    void reportsBadNewsLinesWithTheirLineNumbers() throws IOException {
        Path p = write(
                "news.jsonl",
                "{\"id\":\"n1\",\"publishedAt\":\"2025-11-03T11:00:00Z\",\"source\":\"S\",\"headline\":\"H\"}",
                "",
                "{\"id\":\"n2\",\"publishedAt\":\"yesterday\",\"source\":\"S\",\"headline\":\"H\"}",
                "{\"publishedAt\":1,\"source\":\"S\",\"headline\":\"H\"}");
        assertEquals(
                List.of(p + ":3: publishedAt: unknown timestamp format 'yesterday'", p + ":4: id is required"),
                errors(InputFormat.NEWS.file(p)));
    }

    @Test
    void reportsBadAliasLinesWithTheirLineNumbers() throws IOException {
        Path p = write("aliases.csv", "alias,ticker", "AWS,AMZN", "Azure", "Azure,MS FT");
        assertEquals(
                List.of(
                        p + ":3: expected 2 columns (alias,ticker), got 1",
                        p + ":4: ticker: 'MS FT' is not a ticker (1-10 letters, digits, '.' or '-')"),
                errors(InputFormat.ALIASES.file(p)));
    }

    @Test
    void skipsBlankLinesAndAHeaderOnTheFirstNonBlankLine() throws IOException {
        Path p = write(
                "ticks.csv",
                "",
                "Symbol,ts,price,size,venue",
                "",
                "aapl,1762180201000,1.5,2",
                "AAPL,1762180202000,1.6,3,XNAS",
                "");
        assertEquals(
                List.of(
                        Trades.trade("AAPL", java.time.Instant.ofEpochMilli(1762180201000L), 1.5, 2.0, null),
                        Trades.trade("AAPL", java.time.Instant.ofEpochMilli(1762180202000L), 1.6, 3.0, "XNAS")),
                ticks(p));
    }

    @Test
    void aHeaderAfterTheFirstRecordIsABadLine() throws IOException {
        Path p = write("ticks.csv", "AAPL,1762180201000,1.5,2", "symbol,ts,price,size");
        assertEquals(List.of(p + ":2: ts: unknown timestamp format 'ts'"), errors(InputFormat.TICKS.file(p)));
    }

    @Test
    void stripsAByteOrderMarkBeforeTheHeader() throws IOException {
        Path p = write("aliases.csv", "\uFEFFalias,ticker", "AWS,amzn");
        List<Alias> out = new ArrayList<>();
        InputFormat.ALIASES.file(p).read(out::add, e -> {
            throw new AssertionError(e.toString());
        });
        assertEquals(List.of(new Alias("AWS", "AMZN")), out);
    }

    @Test
    void limitsTheReportToAHundredLinesThenCountsTheRest() throws IOException {
        String[] lines = IntStream.rangeClosed(1, 105)
                .mapToObj(i -> "AMZN,1762180200000,-" + i + ",1")
                .toArray(String[]::new);
        Path p = write("ticks.csv", lines);
        LineErrors errors = InputFormat.TICKS.file(p).validate();
        assertEquals(105, errors.total());
        assertEquals(LineErrors.LIMIT, errors.shown().size());
        List<String> report = errors.lines();
        assertEquals(101, report.size());
        assertEquals(p + ":100: price must be > 0, got -100", report.get(99));
        assertEquals("... and 5 more bad lines", report.get(100));
        assertEquals(String.join("\n", report), new BadInputException(errors).getMessage());
    }

    @Test
    void aMissingFileIsOneClearLine() {
        Path p = dir.resolve("ticks.csv");
        BadInputException e = assertThrows(
                BadInputException.class, () -> InputFormat.TICKS.file(p).validate());
        assertEquals(p + ": no such file", e.getMessage());
    }

    @Test
    void aDirectoryIsOneClearLine() {
        BadInputException e = assertThrows(
                BadInputException.class, () -> InputFormat.TICKS.file(dir).validate());
        assertEquals(dir + ": is a directory, not a file", e.getMessage());
    }

    @Test
    void invalidUtf8IsABadLineAndReadingGoesOn() throws IOException {
        Path p = dir.resolve("aliases.csv");
        byte[] bytes = concat(
                "AWS,AMZN\n".getBytes(StandardCharsets.US_ASCII),
                new byte[] {'X', (byte) 0xC3, (byte) 0x28, ',', 'A', '\n'},
                "Azure,,\n".getBytes(StandardCharsets.US_ASCII));
        Files.write(p, bytes);
        assertEquals(
                List.of(p + ":2: not valid UTF-8", p + ":3: expected 2 columns (alias,ticker), got 3"),
                errors(InputFormat.ALIASES.file(p)));
    }

    @Test
    void aLineTooLongIsABadLineAndReadingGoesOn() throws IOException {
        Path p = write("aliases.csv", "A".repeat(LineReader.MAX_LINE_BYTES + 1) + ",AMZN", "AWS,AMZN", "bad");
        assertEquals(
                List.of(
                        p + ":1: line longer than " + LineReader.MAX_LINE_BYTES + " bytes",
                        p + ":3: expected 2 columns (alias,ticker), got 1"),
                errors(InputFormat.ALIASES.file(p)));
    }

    @Test
    void readsCrLfLinesAndALastLineWithoutNewline() throws IOException {
        Path p = dir.resolve("aliases.csv");
        Files.writeString(p, "alias,ticker\r\nAWS,amzn\r\n\r\nAzure,msft", StandardCharsets.UTF_8);
        List<Alias> out = new ArrayList<>();
        InputFormat.ALIASES.file(p).read(out::add, e -> {
            throw new AssertionError(e.toString());
        });
        assertEquals(List.of(new Alias("AWS", "AMZN"), new Alias("Azure", "MSFT")), out);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] b : parts) {
            n += b.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] b : parts) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        return all;
    }

    @Test
    void namesTheFileAsTheUserGaveIt() {
        assertEquals(
                "data/ticks.csv",
                InputFormat.TICKS.file(Path.of("data/ticks.csv")).name());
    }
}
