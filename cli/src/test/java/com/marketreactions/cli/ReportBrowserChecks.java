package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.schema.MarketReaction;
import com.marketreactions.web.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a report must show in a real browser, opened from disk; and the checks the live page shares. */
final class ReportBrowserChecks {

    /** A JavaScript function of a uPlot chart: what it drew, for the assertions. */
    static final String CHART_FACTS = "u => ({"
            + " points: u.data[1].filter(v => v !== null).length,"
            + " benchPoints: u.data[2].filter(v => v !== null).length,"
            + " labels: u.series.map(s => s.label),"
            + " axis: u.axes[1].label,"
            + " canvas: u.root.querySelectorAll('canvas').length,"
            + " t0: u.over.querySelectorAll('.marker-t0').length,"
            + " news: [...u.over.querySelectorAll('.marker-news')].map(m => m.textContent)})";

    private ReportBrowserChecks() {}

    /** Opens {@code report} (file://) and waits until its script has drawn {@code charts} charts. */
    static void open(HeadlessChromium browser, Path report, int charts) {
        browser.driver().get(report.toUri().toString());
        Waits.await("the report's charts")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> String.valueOf(charts).equals(browser.js("return document.body.dataset.charts || ''")));
    }

    /**
     * Every chart holds its series (the ticker's line has points where it has a baseline),
     * axis and legend labels, the T0 marker; the table shows each reaction's raw return; no page or console error.
     */
    @SuppressWarnings("unchecked")
    static void everyChartDrawn(HeadlessChromium browser, List<MarketReaction> finals) {
        List<Map<String, Object>> charts = (List<Map<String, Object>>)
                browser.js("const d = JSON.parse(document.getElementById('report-data').textContent);"
                        + " const facts = " + CHART_FACTS + ";"
                        + " return window.reportCharts.map((u, i) => Object.assign(facts(u),"
                        + " {baseline: d[i].reactions.some(r => r.baselinePrice !== null)}))");
        assertTrue(!charts.isEmpty());
        for (Map<String, Object> c : charts) {
            // a ticker without a baseline (no tick before the news) has no line to draw, as its reaction says
            assertEquals(
                    Boolean.TRUE.equals(c.get("baseline")),
                    ((Number) c.get("points")).intValue() > 0,
                    "the ticker's line has points when it has a baseline: " + c);
            assertEquals(1L, ((Number) c.get("canvas")).longValue(), "one canvas: " + c);
            assertEquals("% from baseline", c.get("axis"));
            assertEquals(1L, ((Number) c.get("t0")).longValue(), "the T0 marker: " + c);
            assertTrue(((List<String>) c.get("labels")).contains("SPY"), "the benchmark in the legend: " + c);
        }
        tableShows(browser, finals);
        assertEquals(List.of(), browser.js("return window.pageErrors"), "errors in the page");
        assertEquals(List.of(), browser.consoleErrors(), "errors in the browser console");
    }

    /** The page's table has a cell per FINAL reaction, each showing that reaction's raw return. */
    @SuppressWarnings("unchecked")
    static void tableShows(HeadlessChromium browser, List<MarketReaction> finals) {
        List<Map<String, Object>> cells = (List<Map<String, Object>>)
                browser.js("return [...document.querySelectorAll('table.reactions tbody tr')].flatMap(tr =>"
                        + " [...tr.querySelectorAll('td.reaction[data-horizon]')].map(td => ({"
                        + " ticker: tr.querySelector('.ticker').textContent, horizon: td.dataset.horizon,"
                        + " raw: td.dataset.rawReturn, text: td.querySelector('.ret').textContent})))");
        assertEquals(finals.size(), cells.size(), "a cell per FINAL reaction");
        for (Map<String, Object> cell : cells) {
            MarketReaction r = finals.stream()
                    .filter(f -> f.getTicker().equals(cell.get("ticker"))
                            && f.getHorizon().equals(cell.get("horizon"))
                            && sameNumber(f.getRawReturn(), (String) cell.get("raw")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no reaction shows as " + cell));
            String shown = r.getRawReturn() == null
                    ? ""
                    : String.format(java.util.Locale.ROOT, "%.2f%%", r.getRawReturn() * 100);
            assertEquals(shown, cell.get("text"), "the raw return of " + cell);
        }
    }

    /**
     * The table groups each ticker's story: its rows are consecutive, the first report first, then the repeats
     * in time order, each saying which report it repeats; returns the rows of {@code ticker} as "news: story".
     */
    @SuppressWarnings("unchecked")
    static List<String> storyRows(HeadlessChromium browser, String ticker) {
        return (List<String>) browser.js(
                "return [...document.querySelectorAll('table.reactions tbody tr')]"
                        + ".filter(tr => tr.querySelector('.ticker').textContent === arguments[0])"
                        + ".map(tr => tr.dataset.news + ': ' + tr.querySelector('td.story').textContent)",
                ticker);
    }

    /**
     * The event study's CAAR charts: per chart its group, how many points it drew, its last point (in %) and the
     * study's CAAR (in %) it must end at.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> studyCharts(HeadlessChromium browser) {
        return (List<Map<String, Object>>) browser.js("return window.studyCharts.map(u => {"
                + " const box = u.root.closest('.study-chart');"
                + " return {group: box.dataset.group, points: u.data[1].filter(v => v !== null).length,"
                + " last: u.data[1][u.data[1].length - 1], caar: Number(box.dataset.caar) * 100}; })");
    }

    /** A number as the page holds it (JavaScript's shortest round-trip form) is the very same double. */
    private static boolean sameNumber(Double value, String shown) {
        return value == null ? shown.isEmpty() : !shown.isEmpty() && Double.parseDouble(shown) == value;
    }

    /** The news markers on the chart of {@code ticker} for news {@code newsId}. */
    @SuppressWarnings("unchecked")
    static List<String> newsMarkers(HeadlessChromium browser, String newsId, String ticker) {
        return (List<String>) browser.js(
                "const d = JSON.parse(document.getElementById('report-data').textContent);"
                        + " const i = d.findIndex(c => c.newsId === arguments[0] && c.ticker === arguments[1]);"
                        + " return [...window.reportCharts[i].over.querySelectorAll('.marker-news')].map(m => m.textContent)",
                newsId,
                ticker);
    }
}
