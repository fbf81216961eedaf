package com.marketreactions.producers.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marketreactions.common.Trades;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each vendor layout, told apart by its first line, reads its fixture (written from the vendor's public
 * documentation) into exactly the ticks or news of the equivalent native file: the topology sees the same
 * records, so the reactions are the same.
 */
class VendorFormatsTest {

    @TempDir
    Path dir;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(VendorFormatsTest.class.getResource("/vendor/" + name).toURI());
    }

    /** (symbol, time, price bits, size): what a reaction depends on (the venue is informational). */
    private static List<String> ticks(RecordFile<StockTick> file) {
        List<String> out = new ArrayList<>();
        file.read(
                t -> out.add(t.getSymbol() + " " + t.getTs() + " " + Double.doubleToLongBits(t.getPrice()) + " "
                        + t.getSize()),
                e -> {
                    throw new AssertionError(e.toString());
                });
        return out;
    }

    @Test
    void everyTradesLayoutReadsIntoTheNativeTicks() throws Exception {
        List<String> expected = ticks(InputFormat.TICKS.file(fixture("ticks-native.csv")));
        assertEquals(3, expected.size());
        for (String name : List.of(
                "massive-trades.csv", "databento-trades.csv", "databento-trades-pretty.csv", "alpaca-trades.jsonl")) {
            assertEquals(expected, ticks(InputFormat.TICKS.file(fixture(name))), name);
        }
    }

    @Test
    void leftOutTradesAreCountedByReason() throws Exception {
        RecordFile<StockTick> massive = InputFormat.TICKS.file(fixture("massive-trades.csv"));
        ticks(massive);
        assertEquals(
                Map.of("condition 2 (average price)", 1L, "correction 8 (cancelled or erroneous later)", 1L),
                massive.leftOut());
        RecordFile<StockTick> alpaca = InputFormat.TICKS.file(fixture("alpaca-trades.jsonl"));
        ticks(alpaca);
        assertEquals(Map.of("u=canceled (cancelled or erroneous)", 1L), alpaca.leftOut());
    }

    /**
     * The stream's trades carry their id; its cancels and errors ({@code T} = {@code x}) and corrections
     * ({@code T} = {@code c}) name the trade they withdraw, for the analyzer to apply: none is left out.
     */
    @Test
    void streamTradesCancelsErrorsAndCorrectionsBecomeTheirRecords() throws Exception {
        RecordFile<StockTick> file = InputFormat.TICKS.file(fixture("alpaca-stream.jsonl"));
        assertEquals(
                List.of(
                        Trades.trade("AMZN", at("14:30:00.123"), 254.01, 100.0, "V", "52983525029461"),
                        Trades.trade("AMZN", at("14:30:00.500"), 254.03, 50.0, "V", "52983525029462"),
                        Trades.trade("SPY", at("14:30:00.750"), 680.12, 200.0, "P", "52983525033527"),
                        Trades.cancel("AMZN", at("14:30:02"), 254.01, 100.0, "V", "52983525029461"),
                        Trades.cancel("SPY", at("14:30:02.500"), 680.12, 200.0, "P", "52983525033527"),
                        Trades.correction(
                                "AMZN", at("14:30:03"), 254.3, 40.0, "V", "52983525029470", "52983525029462")),
                records(file));
        assertEquals(Map.of(), file.leftOut());
    }

    /**
     * A REST file is the day's final state: a trade cancelled or in error ({@code u} = {@code canceled}) and one a
     * correction replaced ({@code incorrect}) are left out, counted; the replacement ({@code corrected}) is a trade.
     */
    @Test
    void restUpdateFlagsLeaveOutWithdrawnTradesAndKeepTheirReplacements() throws Exception {
        RecordFile<StockTick> file = InputFormat.ticks(FileLayout.AUTO, TimeRules.defaults(), "AMZN")
                .file(fixture("alpaca-rest-amzn.jsonl"));
        assertEquals(
                List.of(
                        Trades.trade("AMZN", at("14:30:00.123"), 254.01, 100.0, "V", "52983525029461"),
                        Trades.trade("AMZN", at("14:30:00.750"), 254.03, 50.0, "V", "52983525029470")),
                records(file));
        assertEquals(
                Map.of(
                        "u=canceled (cancelled or erroneous)", 1L,
                        "u=incorrect (replaced by its correction)", 1L),
                file.leftOut());
    }

    @Test
    void anUnknownRestUpdateFlagIsABadLineNamingIt() throws Exception {
        Path rest = dir.resolve("amzn-trades.jsonl");
        Files.writeString(
                rest,
                "{\"t\":\"2025-11-03T14:30:00Z\",\"x\":\"V\",\"p\":254.01,\"s\":100,\"i\":1}\n"
                        + "{\"t\":\"2025-11-03T14:30:01Z\",\"x\":\"V\",\"p\":254.02,\"s\":100,\"i\":2,"
                        + "\"u\":\"amended\"}\n");
        assertEquals(
                List.of(rest + ":2: u: unknown update 'amended' (Alpaca's are canceled, incorrect and corrected)"),
                InputFormat.ticks(FileLayout.AUTO, TimeRules.defaults(), "AMZN")
                        .file(rest)
                        .validate()
                        .lines());
    }

    /**
     * Fractional shares as the SIP has disseminated them since 2026-02-23 (a FINRA TRF print of a third of a share)
     * and as Alpaca writes them: kept as printed, in every layout that can carry them (Databento's sizes are whole).
     */
    @Test
    void fractionalSharesAreKeptAsPrinted() throws Exception {
        Path massive = dir.resolve("massive.csv");
        Files.writeString(
                massive,
                "ticker,conditions,correction,exchange,id,participant_timestamp,price,sequence_number,sip_timestamp,"
                        + "size,tape,trf_id,trf_timestamp\n"
                        + "AAPL,,0,4,7,1772116200123456789,271.5,15,1772116200124000000,0.333333,3,202,"
                        + "1772116200123900000\n");
        Path alpaca = dir.resolve("alpaca.jsonl");
        Files.writeString(
                alpaca, "{\"S\":\"AAPL\",\"t\":\"2026-02-26T14:30:00.123456789Z\",\"p\":271.5,\"s\":0.333333}\n");
        Path nativeFile = dir.resolve("native.csv");
        Files.writeString(nativeFile, "symbol,ts,price,size\nAAPL,2026-02-26T14:30:00.123Z,271.5,0.333333\n");
        List<String> expected = ticks(InputFormat.TICKS.file(nativeFile));
        assertEquals(
                List.of("AAPL 2026-02-26T14:30:00.123Z " + Double.doubleToLongBits(271.5) + " 0.333333"), expected);
        assertEquals(expected, ticks(InputFormat.TICKS.file(massive)));
        assertEquals(expected, ticks(InputFormat.TICKS.file(alpaca)));
    }

    /** Alpaca's REST rows, saved without the response that names their symbol: it comes from --symbol. */
    @Test
    void tradesThatNameNoSymbolTakeTheOneGivenOrAreOneLineNamingTheFile() throws Exception {
        Path rest = dir.resolve("amzn-trades.jsonl");
        Files.writeString(
                rest,
                "{\"t\":\"2025-11-03T14:30:00.123456789Z\",\"x\":\"V\",\"p\":254.01,\"s\":100,\"c\":[\"@\"],"
                        + "\"i\":1,\"z\":\"C\"}\n"
                        + "{\"t\":\"2025-11-03T14:30:01.25Z\",\"x\":\"V\",\"p\":254.05,\"s\":37,\"c\":[\"@\",\"I\"],"
                        + "\"i\":4,\"z\":\"C\"}\n");
        List<String> read = ticks(
                InputFormat.ticks(FileLayout.AUTO, TimeRules.defaults(), "AMZN").file(rest));
        List<String> amzn = ticks(InputFormat.TICKS.file(fixture("ticks-native.csv"))).stream()
                .filter(t -> t.startsWith("AMZN "))
                .toList();
        assertEquals(amzn, read);
        BadInputException e = assertThrows(BadInputException.class, () -> ticks(InputFormat.TICKS.file(rest)));
        assertEquals(
                rest + ":1: these Alpaca trades name no symbol (REST rows saved without the response that names "
                        + "it): give it with --symbol SYM, or save the whole response",
                e.getMessage());
    }

    @Test
    void aGzippedFileIsReadAsIs() throws Exception {
        Path gz = dir.resolve("2025-11-03.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(fixture("massive-trades.csv"), out);
        }
        assertEquals(ticks(InputFormat.TICKS.file(fixture("ticks-native.csv"))), ticks(InputFormat.TICKS.file(gz)));
        Path cut = dir.resolve("cut.csv.gz");
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 12));
        BadInputException e = assertThrows(BadInputException.class, () -> ticks(InputFormat.TICKS.file(cut)));
        assertEquals(cut + ": cannot read after line 5: Unexpected end of ZLIB input stream", e.getMessage());
    }

    @Test
    void everyNewsLayoutMapsToANewsEvent() throws Exception {
        Instant t0 = Instant.parse("2025-11-03T14:05:00Z");
        String headline = "OpenAI and AWS sign a $38 billion deal";
        String summary = "A seven-year agreement for compute.";
        List<String> tickers = List.of("AMZN", "MSFT");
        assertEquals(
                List.of(new NewsEvent(
                        "8f3c2a",
                        t0,
                        "Example Wire",
                        headline,
                        summary,
                        "https://example.com/a",
                        tickers,
                        0.5,
                        List.of("cloud"),
                        Map.of("AMZN", 1.0, "MSFT", 0.0))),
                news("massive-news.jsonl"));
        assertEquals(
                List.of(new NewsEvent(
                        "38211907",
                        t0,
                        "Example Wire",
                        headline,
                        summary,
                        "https://example.com/a",
                        tickers,
                        null,
                        List.of(),
                        null)),
                news("alpaca-news.jsonl"));
        assertEquals(
                List.of(new NewsEvent(
                        "38211907",
                        t0,
                        "Benzinga",
                        headline,
                        summary,
                        "https://example.com/a",
                        tickers,
                        null,
                        List.of("News"),
                        null)),
                news("benzinga-news.jsonl"));
    }

    /** Text as a reader sees it: Benzinga's entities and tags decoded, its channels and tags the study's tags. */
    @Test
    void vendorTextIsReadAsPlainTextAndItsKeywordsAsTags() throws Exception {
        Path benzinga = dir.resolve("benzinga.jsonl");
        Files.writeString(
                benzinga,
                "{\"id\":1,\"created\":\"Tue, 03 Feb 2026 09:05:00 -0500\",\"title\":\"Cava&#39;s <b>big</b> day\","
                        + "\"teaser\":\"<p>Shares &amp; more</p>\",\"stocks\":[{\"name\":\"CAVA\"}],"
                        + "\"channels\":[{\"name\":\"News\"},{\"name\":\"M&amp;A\"}],\"tags\":[{\"name\":\"News\"}]}\n");
        NewsEvent n = news(InputFormat.NEWS.file(benzinga)).get(0);
        assertEquals("Cava's big day", n.getHeadline());
        assertEquals("Shares & more", n.getSummary());
        assertEquals(List.of("News", "M&A"), n.getTags());
        assertEquals(Instant.parse("2026-02-03T14:05:00Z"), n.getPublishedAt(), "EST: five hours behind UTC");
        Files.writeString(
                benzinga,
                "{\"id\":2,\"created\":\"2026-02-03T09:05:00\",\"title\":\"Winter\",\"stocks\":[]}\n"
                        + "{\"id\":3,\"created\":\"2026-07-07T09:05:00\",\"title\":\"Summer\",\"stocks\":[]}\n");
        List<NewsEvent> local = news(InputFormat.NEWS.file(benzinga));
        assertEquals(Instant.parse("2026-02-03T14:05:00Z"), local.get(0).getPublishedAt(), "no offset: New York, EST");
        assertEquals(Instant.parse("2026-07-07T13:05:00Z"), local.get(1).getPublishedAt(), "and EDT in summer");
        Path plain = dir.resolve("plain.jsonl");
        Files.writeString(
                plain,
                "{\"id\":\"m1\",\"publisher\":{\"name\":\"W\"},\"title\":\"AT&T beats; S&P 500 <5% move\","
                        + "\"published_utc\":\"2026-02-03T14:05:00Z\",\"tickers\":[\"T\"]}\n");
        assertEquals(
                "AT&T beats; S&P 500 <5% move",
                news(InputFormat.NEWS.file(plain)).get(0).getHeadline());
    }

    @Test
    void aForcedLayoutThatDoesNotFitIsOneLineNamingTheFile() throws Exception {
        Path native_ = fixture("ticks-native.csv");
        BadInputException e = assertThrows(
                BadInputException.class,
                () -> ticks(InputFormat.ticks(FileLayout.MASSIVE, TimeRules.defaults())
                        .file(native_)));
        assertEquals(
                native_ + ":1: a Massive trades file starts with its header (ticker,conditions,correction,...), "
                        + "not 'symbol,ts,price,size'",
                e.getMessage());
        Path noSymbol = Files.writeString(
                dir.resolve("db.csv"),
                "ts_recv,ts_event,rtype,publisher_id,instrument_id,action,side,depth,price,size,flags,ts_in_delta,sequence\n");
        e = assertThrows(BadInputException.class, () -> ticks(InputFormat.TICKS.file(noSymbol)));
        assertEquals(
                noSymbol + ":1: the Databento trades header has no column 'symbol' (Databento writes it when "
                        + "symbols are mapped: map_symbols)",
                e.getMessage());
    }

    private static Instant at(String timeOfDay) {
        return Instant.parse("2025-11-03T" + timeOfDay + "Z");
    }

    /** Every field of every record. */
    private static List<StockTick> records(RecordFile<StockTick> file) {
        List<StockTick> out = new ArrayList<>();
        file.read(out::add, e -> {
            throw new AssertionError(e.toString());
        });
        return out;
    }

    private static List<NewsEvent> news(String name) throws URISyntaxException {
        return news(InputFormat.NEWS.file(fixture(name)));
    }

    private static List<NewsEvent> news(RecordFile<NewsEvent> file) {
        List<NewsEvent> out = new ArrayList<>();
        file.read(out::add, e -> {
            throw new AssertionError(e.toString());
        });
        return out;
    }
}
