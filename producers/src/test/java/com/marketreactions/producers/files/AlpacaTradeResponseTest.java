package com.marketreactions.producers.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.Trades;
import com.marketreactions.schema.StockTick;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alpaca's REST trades responses saved as they came (written from Alpaca's API reference: one symbol's
 * {@code {"trades":[...],"symbol":...,"next_page_token":...}}, several symbols' {@code {"trades":{"AAPL":[...]}}}),
 * one a line or pretty-printed: every trade read with the symbol its response gives it, no {@code --symbol}.
 */
class AlpacaTradeResponseTest {

    private static final String CANCELED = "u=canceled (cancelled or erroneous)";
    private static final String INCORRECT = "u=incorrect (replaced by its correction)";

    @TempDir
    Path dir;

    /** A REST trade row at second {@code second} past 14:30:00, with more fields after {@code i} when given. */
    private static String row(int second, double price, int size, long id, String more) {
        return "{\"t\":\"2025-11-03T14:30:" + String.format("%02d", second) + ".5Z\",\"x\":\"V\",\"p\":" + price
                + ",\"s\":" + size + ",\"c\":[\"@\"],\"i\":" + id + more + ",\"z\":\"C\"}";
    }

    private static String row(int second, double price, int size, long id) {
        return row(second, price, size, id, "");
    }

    private static StockTick trade(String symbol, int second, double price, int size, long id) {
        return Trades.trade(symbol, at(second), price, size, "V", Long.toString(id));
    }

    private static Instant at(int second) {
        return Instant.parse("2025-11-03T14:30:00.5Z").plusSeconds(second);
    }

    private Path write(String... lines) throws IOException {
        return Files.write(dir.resolve("trades.jsonl"), List.of(lines), StandardCharsets.UTF_8);
    }

    private static RecordFile<StockTick> file(Path path) {
        return InputFormat.TICKS.file(path);
    }

    private static RecordFile<StockTick> file(Path path, String symbol) {
        return InputFormat.ticks(FileLayout.AUTO, TimeRules.defaults(), symbol).file(path);
    }

    /** Each record with the number of the line it came from. */
    private static List<String> read(RecordFile<StockTick> file) {
        List<String> out = new ArrayList<>();
        file.read(
                (t, line) -> out.add(line + " " + t.getSymbol() + " " + t.getTradeId()),
                e -> {
                    throw new AssertionError(e.toString());
                },
                1);
        return out;
    }

    private static List<StockTick> records(RecordFile<StockTick> file) {
        List<StockTick> out = new ArrayList<>();
        file.read(out::add, e -> {
            throw new AssertionError(e.toString());
        });
        return out;
    }

    @Test
    void aOneSymbolResponseReadsEveryTradeWithItsSymbol() throws IOException {
        Path p = write("{\"trades\":[" + row(0, 254.01, 100, 52983525029461L) + "," + row(1, 254.03, 50, 7)
                + "],\"symbol\":\"AMZN\",\"next_page_token\":\"QU1aTnwyMDI1\"}");
        assertEquals(
                List.of(trade("AMZN", 0, 254.01, 100, 52983525029461L), trade("AMZN", 1, 254.03, 50, 7)),
                records(file(p)));
    }

    @Test
    void aSeveralSymbolsResponseGivesEachTradeTheKeyOfItsList() throws IOException {
        Path p = write("{\"trades\":{\"AMZN\":[" + row(0, 254.01, 100, 1) + "],\"SPY\":[" + row(0, 680.12, 200, 2) + ","
                + row(2, 680.2, 10, 3) + "]},\"next_page_token\":null}");
        assertEquals(
                List.of(
                        trade("AMZN", 0, 254.01, 100, 1),
                        trade("SPY", 0, 680.12, 200, 2),
                        trade("SPY", 2, 680.2, 10, 3)),
                records(file(p)));
    }

    @Test
    void pagesSavedOneALineReadInOrderEachTradeOnItsPagesLine() throws IOException {
        Path p = write(
                "{\"trades\":[" + row(0, 254.01, 100, 1) + "," + row(1, 254.02, 100, 2)
                        + "],\"symbol\":\"AMZN\",\"next_page_token\":\"QU1aTnwy\"}",
                "{\"trades\":[" + row(2, 254.03, 100, 3) + "],\"symbol\":\"AMZN\",\"next_page_token\":null}",
                "{\"trades\":[],\"symbol\":\"AMZN\",\"next_page_token\":null}",
                "{\"trades\":null,\"symbol\":\"AMZN\",\"next_page_token\":null}",
                "{\"trades\":{\"SPY\":null,\"QQQ\":[]},\"next_page_token\":null}");
        assertEquals(List.of("1 AMZN 1", "1 AMZN 2", "2 AMZN 3"), read(file(p)));
    }

    @Test
    void updateFlagsInAResponseLeaveOutTheirTradesCountedOnePerTrade() throws IOException {
        Path p = write("{\"trades\":{\"AMZN\":[" + row(0, 254.01, 100, 1) + ","
                + row(1, 253.0, 5, 2, ",\"u\":\"canceled\"") + "," + row(2, 254.3, 50, 3, ",\"u\":\"incorrect\"") + ","
                + row(2, 254.03, 50, 4, ",\"u\":\"corrected\"") + "],\"SPY\":["
                + row(3, 680.0, 1, 5, ",\"u\":\"canceled\"") + "]},\"next_page_token\":null}");
        RecordFile<StockTick> file = file(p);
        List<StockTick> read = records(file);
        assertEquals(List.of(trade("AMZN", 0, 254.01, 100, 1), trade("AMZN", 2, 254.03, 50, 4)), read);
        assertEquals(Map.of(CANCELED, 2L, INCORRECT, 1L), file.leftOut());
        assertEquals(
                5,
                read.size()
                        + file.leftOut().values().stream()
                                .mapToLong(Long::longValue)
                                .sum());
    }

    @Test
    void aResponseWhoseTradesAreNeitherAListNorListsBySymbolIsOneBadLine() throws IOException {
        Path p = write(
                "{\"trades\":\"AMZN\",\"symbol\":\"AMZN\",\"next_page_token\":null}",
                "{\"trades\":{\"AMZN\":{\"t\":\"2025-11-03T14:30:00Z\"}},\"next_page_token\":null}",
                "{\"trades\":[" + row(0, 254.01, 100, 1) + "],\"symbol\":\"AMZN\",\"next_page_token\":null}");
        assertEquals(
                List.of(
                        p + ":1: trades must be a list of one symbol's trades or an object of lists by symbol, got "
                                + "string",
                        p + ":2: trades.AMZN must be a list of trades, got object"),
                file(p).validate().lines());
    }

    /** A response is read whole: a bad trade names its place and spoils its line only, left-out counts too. */
    @Test
    void aBadTradeNamesItsPlaceAndItsResponseIsOneBadLine() throws IOException {
        Path p = write(
                "{\"trades\":{\"AMZN\":[" + row(0, 254.01, 100, 1) + "],\"SPY\":["
                        + row(1, 680.0, 1, 2, ",\"u\":\"canceled\"") + ","
                        + row(2, 680.1, 1, 3).replace("\"p\":680.1,", "") + ","
                        + row(3, 680.2, 1, 4, ",\"u\":\"amended\"") + ",7]},\"next_page_token\":null}",
                "{\"trades\":[" + row(4, 254.5, 10, 5) + "],\"symbol\":\"AMZN\",\"next_page_token\":null}");
        RecordFile<StockTick> file = file(p);
        LineErrors errors = new LineErrors();
        List<String> read = new ArrayList<>();
        file.read((t, line) -> read.add(line + " " + t.getSymbol() + " " + t.getTradeId()), errors::add, 1);
        assertEquals(
                List.of(p + ":1: trades.SPY[1]: p (price) must be a number (and 2 more bad trades in this response)"),
                errors.lines());
        assertEquals(List.of("2 AMZN 5"), read);
        assertEquals(Map.of(), file.leftOut(), "the bad response's cancelled trade is not counted");
        Path one = write("{\"trades\":[7],\"symbol\":\"AMZN\",\"next_page_token\":null}");
        assertEquals(
                List.of(one + ":1: trades[0]: must be a trade object, got number"),
                file(one).validate().lines());
    }

    @Test
    void theResponseGivesTheSymbolAndSymbolOptionMustAgreeWithIt() throws IOException {
        Path single =
                write("{\"trades\":[" + row(0, 254.01, 100, 1) + "],\"symbol\":\"AMZN\",\"next_page_token\":null}");
        assertEquals(List.of("1 AMZN 1"), read(file(single, "AMZN")));
        assertEquals(
                List.of(single + ":1: symbol: the response holds AMZN's trades but --symbol says SPY"),
                file(single, "SPY").validate().lines());
        Path several = write("{\"trades\":{\"AMZN\":[" + row(0, 254.01, 100, 1) + "],\"SPY\":[" + row(0, 680.12, 200, 2)
                + "]},\"next_page_token\":null}");
        assertEquals(
                List.of(several + ":1: trades.SPY: the response holds SPY's trades but --symbol says AMZN"),
                file(several, "AMZN").validate().lines());
    }

    @Test
    void aOneSymbolResponseWithoutItsSymbolTakesTheOneGivenOrIsOneLineNamingTheFile() throws IOException {
        Path p = write("{\"trades\":[" + row(0, 254.01, 100, 1) + "],\"next_page_token\":null}");
        assertEquals(List.of("1 AMZN 1"), read(file(p, "AMZN")));
        BadInputException e = assertThrows(BadInputException.class, () -> file(p).validate());
        assertEquals(
                p + ":1: these Alpaca trades name no symbol (REST rows saved without the response that names it): "
                        + "give it with --symbol SYM, or save the whole response",
                e.getMessage());
        Path later = write(
                "{\"trades\":[" + row(0, 254.01, 100, 1) + "],\"symbol\":\"AMZN\",\"next_page_token\":\"QU1a\"}",
                "{\"trades\":[" + row(1, 254.02, 100, 2) + "],\"next_page_token\":null}");
        assertEquals(
                List.of(later + ":2: symbol is required: a response of one symbol's trades names it there (or give "
                        + "it with --symbol SYM)"),
                file(later).validate().lines());
    }

    /** {@code curl ... | jq .}: one response over many lines is one line, numbered by its first. */
    @Test
    void aPrettyPrintedResponseReadsAsOneLineNumberedByItsFirst() throws IOException, URISyntaxException {
        Path pretty = Path.of(AlpacaTradeResponseTest.class
                .getResource("/vendor/alpaca-rest-response-pretty.json")
                .toURI());
        RecordFile<StockTick> file = file(pretty);
        assertEquals(List.of("1 AMZN 52983525029461", "1 AMZN 52983525029463", "1 SPY 52983525033527"), read(file));
        assertEquals(Map.of(CANCELED, 1L), file.leftOut());
        String text = Files.readString(pretty);
        Path pages = write("", text.strip(), text.strip().replace("52983525033527", "52983525033528"));
        assertEquals(
                List.of(2L, 57L),
                read(file(pages)).stream()
                        .map(r -> Long.parseLong(r.substring(0, r.indexOf(' '))))
                        .distinct()
                        .toList(),
                "pages pretty-printed one after the other, each numbered by its '{'");
    }

    @Test
    void aPrettyPrintedResponseCutShortOrMalformedIsOneBadLine() throws IOException {
        Path cut = write("{", "  \"trades\": [", "    " + row(0, 254.01, 100, 1) + ",");
        assertEquals(
                List.of(cut + ":1: the JSON object opened on this line ('{' alone) has no line '}' closing it before "
                        + "the end of the file"),
                file(cut).validate().lines());
        Path malformed = write(
                "{",
                "  \"trades\": [",
                "    " + row(0, 254.01, 100, 1).replace(",\"x\"", " \"x\""),
                "  ],",
                "  \"symbol\": \"AMZN\"",
                "}",
                "{\"trades\":[" + row(1, 254.02, 100, 2) + "],\"symbol\":\"AMZN\",\"next_page_token\":null}",
                "{\"trades\":[" + row(2, 254.03, 100, 3) + "],\"symbol\":\"SPY\",\"next_page_token\":null}");
        List<String> errors = file(malformed, "AMZN").validate().lines();
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(
                errors.get(0).startsWith(malformed + ":1: invalid JSON (line 3 of this object, column 35): "),
                errors.get(0));
        assertEquals(malformed + ":8: symbol: the response holds SPY's trades but --symbol says AMZN", errors.get(1));
    }
}
