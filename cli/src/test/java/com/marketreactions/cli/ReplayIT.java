package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.stack.EmbeddedStack;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.web.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The replay scenarios on the embedded stack (the test JVM's shared one): a real KRaft broker in this JVM and a
 * real Apicurio Registry; and the report of a replay, opened from disk in a real headless Chromium.
 */
@ExtendWith(StackExtension.class)
class ReplayIT extends ReplayScenarios {

    private static EmbeddedStack stack;

    @BeforeAll
    static void useStack(EmbeddedStack shared) {
        stack = shared;
    }

    @Override
    ClientConfigs clients() {
        return ClientConfigs.of(stack.bootstrapServers(), stack.registryUrl());
    }

    @Test
    void theSampleReportDrawsEveryChartOfflineWithTheFiveArticlesOnAmazon() throws Exception {
        Path sample = Path.of(System.getProperty("reactions.sample.dir", "../data/sample"));
        Replay.Inputs in = SampleFiles.inputs(sample);
        Replay.Result r = new Replay(clients(), ReactionConfig.defaults(), 2, Duration.ofMinutes(3)).run(in, "report");
        Path report = dir.resolve("sample.html");
        int charts = ReportFile.write(report, "sample", r, in.ticks(), "SPY", ZoneId.of("America/New_York"));
        assertEquals(15, charts, "one per news and ticker with reactions");
        // the report itself, beside its screenshot, to open in a browser
        Files.copy(report, Path.of("target", "report-sample.html"), StandardCopyOption.REPLACE_EXISTING);
        try (HeadlessChromium browser = new HeadlessChromium()) {
            ReportBrowserChecks.open(browser, report, charts);
            ReportBrowserChecks.everyChartDrawn(browser, r.finals());
            ReportBrowserChecks.tablesFit(browser);
            ReportBrowserChecks.studyReads(browser, "JSON.parse(document.getElementById('study-data').textContent)");
            // AMZN's chart of the first news: from an hour before it (11:00 UTC) to three hours past P1D
            long t0 = Instant.parse("2025-11-03T11:00:00Z").toEpochMilli();
            long[] closed = longestQuiet(in.ticks(), Set.of("AMZN", "SPY"), t0 - 3_600_000L, t0 + 27 * 3_600_000L);
            ReportBrowserChecks.onTradingTime(
                    browser, "aws-openai-wire", "AMZN", closed[0], closed[1], closed[2], "EST");
            assertEquals(
                    List.of("Markets blog", "Chip industry letter", "Street notes", "Morning briefing"),
                    ReportBrowserChecks.newsMarkers(browser, "aws-openai-wire", "AMZN"),
                    "the other four articles on Amazon's chart of the first one");
            assertEquals(
                    List.of(
                            "aws-openai-wire: first report",
                            "aws-openai-markets-open: repeat of aws-openai-wire",
                            "nvda-openai-aws-chips: repeat of aws-openai-wire",
                            "aws-openai-analysts: repeat of aws-openai-wire",
                            "aws-openai-day-after: repeat of aws-openai-wire"),
                    ReportBrowserChecks.storyRows(browser, "AMZN"),
                    "Amazon's five rows: one story, the first report then its repeats");
            List<Map<String, Object>> study = ReportBrowserChecks.studyCharts(browser);
            assertEquals(
                    List.of("all", "story:first", "story:repeat"),
                    study.stream().map(m -> m.get("group")).toList(),
                    "the CAAR paths over the longest horizon");
            for (Map<String, Object> m : study) {
                assertEquals(390 + 34 + 1, ((Number) m.get("points")).intValue(), "P1D: " + m);
                assertEquals(
                        ((Number) m.get("caar")).doubleValue(),
                        ((Number) m.get("last")).doubleValue(),
                        1e-9,
                        "the path ends at the group's CAAR: " + m);
            }
            browser.js("const d = JSON.parse(document.getElementById('report-data').textContent);"
                    + " const c = d.find(c => c.newsId === 'aws-openai-wire' && c.ticker === 'AMZN');"
                    + " document.getElementById('chart-' + c.id).scrollIntoView()");
            browser.screenshot(Path.of("target", "report-amzn.png")); // the README's picture comes from here
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    /**
     * Of the trades of {@code symbols} in [from, to]: the longest stretch without one (its last trade before, its
     * first after) and the last trade.
     */
    private static long[] longestQuiet(Path ticks, Set<String> symbols, long from, long to) throws Exception {
        List<Long> ts = new ArrayList<>();
        try (var lines = Files.lines(ticks)) {
            lines.skip(1)
                    .map(l -> l.split(","))
                    .filter(f -> symbols.contains(f[0]))
                    .forEach(f -> {
                        long t = Instant.parse(f[1]).toEpochMilli();
                        if (t >= from && t <= to) {
                            ts.add(t);
                        }
                    });
        }
        java.util.Collections.sort(ts);
        long[] out = {0, 0, ts.get(ts.size() - 1)};
        for (int i = 1; i < ts.size(); i++) {
            if (ts.get(i) - ts.get(i - 1) > out[1] - out[0]) {
                out[0] = ts.get(i - 1);
                out[1] = ts.get(i);
            }
        }
        return out;
    }

    @Test
    void aHeadlineIsShownAsTextNeverAsHtml() throws Exception {
        String headline = "<img src=x onerror=alert(1)> & </script><b>bold</b>";
        Path news = Files.write(
                dir.resolve("news.jsonl"),
                List.of("{\"id\":\"x1\",\"publishedAt\":"
                        + "\"2025-11-03T15:00:00Z\",\"source\":\"<i>desk</i>\",\"headline\":"
                        + com.fasterxml.jackson.databind.json.JsonMapper.builder()
                                .build()
                                .writeValueAsString(headline)
                        + ",\"tickers\":[\"AMZN\"]}"));
        Path ticks = Files.write(
                dir.resolve("ticks.csv"),
                List.of(
                        "symbol,ts,price,size",
                        "SPY,2025-11-03T14:59:00Z,500.00,100",
                        "AMZN,2025-11-03T14:59:30Z,100.00,10",
                        "AMZN,2025-11-03T15:01:00Z,101.00,20",
                        "SPY,2025-11-03T15:02:00Z,505.00,100"));
        Replay.Inputs in = new Replay.Inputs(news, ticks, null);
        Replay.Result r = new Replay(clients(), ReactionConfig.defaults(), 1, Duration.ofMinutes(3)).run(in, "escape");
        Path report = dir.resolve("escape.html");
        ReportFile.write(report, "<title>x</title>", r, ticks, "SPY", ZoneId.of("America/New_York"));
        try (HeadlessChromium browser = new HeadlessChromium()) {
            ReportBrowserChecks.open(browser, report, 1);
            assertEquals(headline, browser.js("return document.querySelector('td.headline').textContent"));
            assertEquals("<i>desk</i>", browser.js("return document.querySelector('td.source').textContent"));
            assertEquals("<title>x</title>", browser.js("return document.querySelector('h1').textContent"));
            assertEquals(
                    0L, browser.js("return document.querySelectorAll('img, b, i').length"), "no markup from the data");
            // a market-adjusted abnormal return (no estimation history): no z to show, and no "z" without one
            String sub = (String) browser.js("return document.querySelector('.chart-sub').textContent");
            assertTrue(sub.contains("abnormal"), sub);
            assertFalse(sub.matches("(?s).*\\bz\\s*[),].*"), "a z without a number: " + sub);
            assertEquals(List.of(), browser.js("return window.pageErrors"));
        }
    }
}
