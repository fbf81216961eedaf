package com.marketreactions.producers.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.marketreactions.producers.files.Alias;
import com.marketreactions.producers.files.AliasLines;
import com.marketreactions.producers.files.NewsLines;
import com.marketreactions.producers.files.TickLines;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed sample (data/sample) is what {@link SampleData} writes, and it tells the story it should. */
class SampleDataTest {

    private static final LocalDate OCT_31 = LocalDate.of(2025, 10, 31);
    private static final LocalDate NOV_3 = LocalDate.of(2025, 11, 3);
    private static final LocalDate NOV_4 = LocalDate.of(2025, 11, 4);
    private static final Set<String> FILES = Set.of("ticks.csv", "news.jsonl", "aliases.csv", "README.md");

    private static Path committed;
    private static SampleTicks ticks;

    @BeforeAll
    static void load() throws IOException {
        committed = sampleDir();
        ticks = new SampleTicks(committed.resolve("ticks.csv"));
    }

    /** {@code reactions.sample.dir}, else the first {@code data/sample} found walking up from the working directory. */
    private static Path sampleDir() {
        String configured = System.getProperty("reactions.sample.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("data").resolve("sample");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "no data/sample above " + Path.of("").toAbsolutePath() + " (set -Dreactions.sample.dir)");
    }

    @Test
    void committedFilesAreExactlyWhatTheGeneratorWrites(@TempDir Path fresh) throws IOException {
        SampleData.write(fresh);
        assertEquals(FILES, names(fresh));
        assertEquals(FILES, names(committed), "files in " + committed);
        for (String f : FILES) {
            byte[] expected = Files.readAllBytes(fresh.resolve(f));
            byte[] actual = Files.readAllBytes(committed.resolve(f));
            if (!Arrays.equals(expected, actual)) {
                fail(committed.resolve(f) + " differs from the generator's output at "
                        + firstDifference(expected, actual)
                        + "; regenerate it with ./reactions simulate --sample --out data/sample");
            }
        }
    }

    @Test
    void ticksStaySmallAndCoverSevenSessions() throws IOException {
        assertTrue(Files.size(committed.resolve("ticks.csv")) < 6_000_000);
        Set<LocalDate> days = new TreeSet<>();
        for (String s : List.of("AMZN", "MSFT", "NVDA", "ORCL", "GOOGL", "SPY")) {
            ticks.of(s).forEach(t -> days.add(TradingCalendar.dateOf(Instant.ofEpochMilli(t.ts()))));
        }
        assertEquals(7, days.size(), days.toString());
    }

    @Test
    void regularSessionsFollowNewYorkTimeAcrossTheClockChange() {
        for (SampleTicks.Tick t : ticks.of("SPY")) {
            Instant at = Instant.ofEpochMilli(t.ts());
            Session s = TradingCalendar.sessionAt(at);
            LocalDate d = TradingCalendar.dateOf(at);
            assertTrue(
                    s == Session.PRE_MARKET
                            || s == Session.REGULAR
                            || at.equals(TradingCalendar.at(d, TradingCalendar.CLOSE)),
                    "tick at " + at + " is " + s);
        }
        // the first regular tick: 13:30 UTC on Friday Oct 31 (EDT), 14:30 UTC on Monday Nov 3 (EST)
        assertEquals("2025-10-31T13:30", firstRegular(OCT_31).toString().substring(0, 16));
        assertEquals("2025-11-03T14:30", firstRegular(NOV_3).toString().substring(0, 16));
    }

    private Instant firstRegular(LocalDate d) {
        return ticks.of("SPY").stream()
                .map(t -> Instant.ofEpochMilli(t.ts()))
                .filter(at -> TradingCalendar.dateOf(at).equals(d) && TradingCalendar.sessionAt(at) == Session.REGULAR)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void amazonClosesNearItsReportedPrices() {
        assertEquals(254.0, ticks.close("AMZN", NOV_3).price(), 254.0 * 0.005, "AMZN Nov 3");
        assertEquals(244.2, ticks.close("AMZN", OCT_31).price(), 244.2 * 0.005, "AMZN Oct 31");
        assertEquals(249.3, ticks.close("AMZN", NOV_4).price(), 249.3 * 0.005, "AMZN Nov 4");
        double high = ticks.range("AMZN", NOV_3)[1];
        assertTrue(high / ticks.close("AMZN", OCT_31).price() - 1 > 0.045 && high < 257.5, "AMZN Nov 3 high " + high);
    }

    @Test
    void amazonTradesUpBeforeTheOpenOnlyAfterTheAnnouncement() {
        double friday = ticks.close("AMZN", OCT_31).price();
        long announced = SampleData.ANNOUNCED.toEpochMilli();
        long open = TradingCalendar.at(NOV_3, TradingCalendar.OPEN).toEpochMilli();
        long dayStart =
                TradingCalendar.at(NOV_3, TradingCalendar.PRE_MARKET_OPEN).toEpochMilli();
        List<Double> before = new ArrayList<>();
        List<Double> after = new ArrayList<>();
        for (SampleTicks.Tick t : ticks.of("AMZN")) {
            if (t.ts() >= dayStart && t.ts() < announced) {
                before.add(t.price() / friday - 1);
            } else if (t.ts() > announced && t.ts() < open) {
                after.add(t.price() / friday - 1);
            }
        }
        assertTrue(before.size() > 10 && after.size() > 30, before.size() + " / " + after.size() + " pre-market ticks");
        before.forEach(r -> assertTrue(Math.abs(r) < 0.01, "before the news " + r));
        after.forEach(r -> assertTrue(r > 0.02, "after the news " + r));
    }

    @Test
    void microsoftDipsInTheFirstHourAndClosesFlat() {
        double friday = ticks.close("MSFT", OCT_31).price();
        assertEquals(517.8, friday, 517.8 * 0.005, "MSFT Oct 31");
        assertEquals(517.0, ticks.close("MSFT", NOV_3).price(), 517.0 * 0.005, "MSFT Nov 3");
        double low = ticks.range("MSFT", NOV_3)[0];
        assertTrue(low <= friday * (1 - 0.007), "MSFT Nov 3 low " + low + " vs Friday " + friday);
        Instant lowAt = ticks.of("MSFT").stream()
                .filter(t -> t.price() == low)
                .map(t -> Instant.ofEpochMilli(t.ts()))
                .filter(at -> TradingCalendar.dateOf(at).equals(NOV_3))
                .findFirst()
                .orElseThrow();
        assertTrue(
                lowAt.isBefore(TradingCalendar.at(NOV_3, TradingCalendar.OPEN).plus(Duration.ofHours(1))),
                "the low comes in the first hour, at " + lowAt);
    }

    @Test
    void nvidiaGainsAboutTwoPercent() {
        double r =
                ticks.close("NVDA", NOV_3).price() / ticks.close("NVDA", OCT_31).price() - 1;
        assertTrue(r > 0.015 && r < 0.028, "NVDA Nov 3 " + r);
    }

    @Test
    void otherClosesMatchTheCalibration() {
        assertEquals(682.1, ticks.close("SPY", OCT_31).price(), 682.1 * 0.005);
        assertEquals(683.3, ticks.close("SPY", NOV_3).price(), 683.3 * 0.005);
        assertEquals(675.2, ticks.close("SPY", NOV_4).price(), 675.2 * 0.005);
        assertEquals(254.6, ticks.close("ORCL", NOV_3).price(), 254.6 * 0.005);
        assertEquals(283.7, ticks.close("GOOGL", NOV_3).price(), 283.7 * 0.005);
        assertEquals(198.7, ticks.close("NVDA", NOV_4).price(), 198.7 * 0.005);
    }

    /** The event study of the first news over one day: Amazon clearly abnormal, Microsoft not. */
    @Test
    void amazonsMoveIsSignificantAgainstItsOwnOneMinuteVolatilityAndMicrosoftsIsNot() {
        SampleTicks.Study amzn = ticks.study("AMZN", "SPY", SampleData.ANNOUNCED, Duration.ofDays(1));
        SampleTicks.Study msft = ticks.study("MSFT", "SPY", SampleData.ANNOUNCED, Duration.ofDays(1));
        assertTrue(amzn.points() >= 30 && msft.points() >= 30, "market model: " + amzn + " " + msft);
        assertTrue(amzn.rawReturn() > 0.035 && amzn.rawReturn() < 0.05, amzn.toString());
        assertTrue(amzn.zScore() > 3, amzn.toString());
        assertTrue(Math.abs(msft.rawReturn()) < 0.008 && Math.abs(msft.zScore()) < 1.96, msft.toString());
        SampleTicks.Study amznHour = ticks.study("AMZN", "SPY", SampleData.ANNOUNCED, Duration.ofHours(1));
        assertTrue(amznHour.rawReturn() > 0.02 && amznHour.zScore() > 5, amznHour.toString());
    }

    @Test
    void filesParseWithTheProducersParsers() throws Exception {
        TickLines tickParser = new TickLines(com.marketreactions.producers.files.TimeRules.defaults());
        try (Stream<String> lines = Files.lines(committed.resolve("ticks.csv"), StandardCharsets.UTF_8)) {
            List<String> all = lines.toList();
            assertEquals(TickCsv.HEADER, all.get(0));
            assertTrue(tickParser.isHeader(all.get(0)));
            for (String line : all.subList(1, all.size())) {
                StockTick t = tickParser.parse(line);
                assertEquals(null, TickLines.problem(t), line);
            }
        }
        NewsLines newsParser = new NewsLines(com.marketreactions.producers.files.TimeRules.defaults());
        List<NewsEvent> news = new ArrayList<>();
        for (String line : Files.readAllLines(committed.resolve("news.jsonl"), StandardCharsets.UTF_8)) {
            news.add(newsParser.parse(line));
        }
        assertEquals(SampleData.news(), news);
        AliasLines aliasParser = new AliasLines();
        List<String> aliasLines = Files.readAllLines(committed.resolve("aliases.csv"), StandardCharsets.UTF_8);
        assertTrue(aliasParser.isHeader(aliasLines.get(0)));
        List<Alias> aliases = new ArrayList<>();
        for (String line : aliasLines.subList(1, aliasLines.size())) {
            aliases.add(aliasParser.parse(line));
        }
        assertEquals(11, aliases.size());
        assertEquals(new Alias("Amazon Web Services", "AMZN"), aliases.get(2));
    }

    @Test
    void newsTellsTheStoryAndLeavesSomeTickersToTheAliasTable() {
        List<NewsEvent> news = SampleData.news();
        assertEquals(5, news.size());
        assertEquals(Instant.parse("2025-11-03T11:00:00Z"), news.get(0).getPublishedAt());
        assertTrue(news.get(0).getSummary().contains("$38 billion")
                && news.get(0).getSummary().contains("GB300"));
        assertEquals(5, news.stream().map(NewsEvent::getId).distinct().count());
        assertTrue(news.stream()
                .anyMatch(e -> TradingCalendar.dateOf(e.getPublishedAt()).equals(NOV_4)));
        assertTrue(news.stream()
                .anyMatch(e -> text(e).contains("microsoft")
                        && text(e).contains("oracle")
                        && text(e).contains("google cloud")
                        && text(e).contains("coreweave")
                        && text(e).contains("amd")));
        assertTrue(news.stream().anyMatch(e -> e.getTickers().equals(List.of("NVDA"))));
        long namesOnly = news.stream().filter(e -> e.getTickers().isEmpty()).count();
        long partial = news.stream()
                .filter(e -> !e.getTickers().isEmpty()
                        && SampleData.aliases().entrySet().stream()
                                .anyMatch(a -> mentions(e, a.getKey())
                                        && !e.getTickers().contains(a.getValue())))
                .count();
        assertTrue(namesOnly >= 2 && namesOnly + partial >= 3, namesOnly + " without tickers, " + partial + " partial");
    }

    private static String text(NewsEvent e) {
        return (e.getHeadline() + " " + e.getSummary()).toLowerCase(Locale.ROOT);
    }

    private static boolean mentions(NewsEvent e, String alias) {
        return text(e).matches("(?s).*\\b" + java.util.regex.Pattern.quote(alias.toLowerCase(Locale.ROOT)) + "\\b.*");
    }

    private static String firstDifference(byte[] expected, byte[] actual) {
        String[] e = new String(expected, StandardCharsets.UTF_8).split("\n", -1);
        String[] a = new String(actual, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.min(e.length, a.length); i++) {
            if (!e[i].equals(a[i])) {
                return "line " + (i + 1) + ": expected '" + e[i] + "', found '" + a[i] + "'";
            }
        }
        return "the end: expected " + e.length + " lines, found " + a.length;
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new TreeSet<>(files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
