package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.stack.EmbeddedStack;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.web.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        int charts = ReportFile.write(report, "sample", r, in.ticks(), "SPY");
        assertEquals(15, charts, "one per news and ticker with reactions");
        try (HeadlessChromium browser = new HeadlessChromium()) {
            ReportBrowserChecks.open(browser, report, charts);
            ReportBrowserChecks.everyChartDrawn(browser, r.finals());
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
        ReportFile.write(report, "<title>x</title>", r, ticks, "SPY");
        try (HeadlessChromium browser = new HeadlessChromium()) {
            ReportBrowserChecks.open(browser, report, 1);
            assertEquals(headline, browser.js("return document.querySelector('td.headline').textContent"));
            assertEquals("<i>desk</i>", browser.js("return document.querySelector('td.source').textContent"));
            assertEquals("<title>x</title>", browser.js("return document.querySelector('h1').textContent"));
            assertEquals(
                    0L, browser.js("return document.querySelectorAll('img, b, i').length"), "no markup from the data");
            assertEquals(List.of(), browser.js("return window.pageErrors"));
        }
    }
}
