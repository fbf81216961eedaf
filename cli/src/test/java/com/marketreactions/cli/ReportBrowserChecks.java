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

    /** The page checks of {@code page-checks.js}, as a JavaScript expression. */
    static final String CHECKS = resource("page-checks.js");

    private ReportBrowserChecks() {}

    private static String resource(String name) {
        try (java.io.InputStream in = ReportBrowserChecks.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name, e);
        }
    }

    /** Runs {@code body} in the page with {@code checks} bound to the page checks. */
    static Object check(HeadlessChromium browser, String body, Object... args) {
        return browser.js("const checks = " + CHECKS + ";\n" + body, args);
    }

    /** Opens {@code report} (file://) and waits until its script has drawn {@code charts} charts. */
    static void open(HeadlessChromium browser, Path report, int charts) {
        browser.driver().get(report.toUri().toString());
        Waits.await("the report's charts")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> String.valueOf(charts).equals(browser.js("return document.body.dataset.charts || ''")));
    }

    /**
     * Every chart with a baseline is drawn: its series (the ticker's line has points), axis and legend labels, the
     * T0 marker, labels that neither overlap nor leave the plot, a legend without blank values, a volume axis
     * scaled to the bars and not to a spike; a ticker without a baseline gets no chart but one line saying why.
     * The table shows each reaction's raw return; no page or console error.
     */
    @SuppressWarnings("unchecked")
    static void everyChartDrawn(HeadlessChromium browser, List<MarketReaction> finals) {
        List<Map<String, Object>> charts = (List<Map<String, Object>>) check(
                browser,
                "const d = JSON.parse(document.getElementById('report-data').textContent);"
                        + " const facts = " + CHART_FACTS + ";"
                        + " return window.reportCharts.map((u, i) => {"
                        + " const box = document.getElementById('chart-' + d[i].id);"
                        + " const mine = {ticker: d[i].ticker, baseline: d[i].reactions.some(r => r.baselinePrice !== null),"
                        + " boxCanvas: box.querySelectorAll('canvas').length,"
                        + " why: box.querySelector('.no-chart') ? box.querySelector('.no-chart').textContent : null};"
                        + " return u === null ? mine : Object.assign(facts(u), mine, {"
                        + " labelProblems: checks.labelProblems(u), allLabels: checks.labels(u),"
                        + " legendProblems: checks.legendProblems(u),"
                        + " volume: checks.volumeScale(u, d[i].volume, d[i].normalVolume)}); })");
        assertTrue(!charts.isEmpty());
        for (Map<String, Object> c : charts) {
            // a ticker without a baseline (no tick before the news) has nothing to draw, and the page says so
            if (!Boolean.TRUE.equals(c.get("baseline"))) {
                assertEquals(0L, ((Number) c.get("boxCanvas")).longValue(), "no empty chart: " + c);
                assertEquals("No chart: no trades of " + c.get("ticker") + " in this window.", c.get("why"));
                continue;
            }
            assertTrue(((Number) c.get("points")).intValue() > 0, "the ticker's line has points: " + c);
            assertEquals(1L, ((Number) c.get("canvas")).longValue(), "one canvas: " + c);
            assertEquals(List.of(), c.get("labelProblems"), "labels of " + c.get("ticker") + ": " + c.get("allLabels"));
            assertEquals(List.of(), c.get("legendProblems"), "the legend of " + c.get("ticker"));
            Map<String, Object> volume = (Map<String, Object>) c.get("volume");
            if (volume != null) {
                assertTrue(
                        ((Number) volume.get("top")).doubleValue() <= ((Number) volume.get("bound")).doubleValue(),
                        "the volume axis of " + c.get("ticker") + " is scaled to its bars, not its spike: " + volume);
            }
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

    /**
     * The chart of {@code newsId} x {@code ticker} on trading time: the stretch in which neither the ticker nor the
     * benchmark traded ({@code closedFrom}, {@code closedTo}: the last trade before it and the first after) takes
     * less than 5% of the plot's width and carries a break mark; the chart ends at the minute of the last trade
     * ({@code lastTrade}); the x-axis names the exchange's zone ({@code zoneName}).
     */
    @SuppressWarnings("unchecked")
    static void onTradingTime(
            HeadlessChromium browser,
            String newsId,
            String ticker,
            long closedFrom,
            long closedTo,
            long lastTrade,
            String zoneName) {
        Map<String, Object> m = (Map<String, Object>) browser.js(
                "const d = JSON.parse(document.getElementById('report-data').textContent);"
                        + " const i = d.findIndex(c => c.newsId === arguments[0] && c.ticker === arguments[1]);"
                        + " const u = window.reportCharts[i];"
                        + " const px = ms => u.valToPos(u.reaction.toX(ms), 'x');"
                        + " return {closed: (px(arguments[3]) - px(arguments[2])) / u.over.clientWidth,"
                        + " end: u.reaction.toMs(u.scales.x.max), axis: u.axes[0].label,"
                        + " breaks: [...u.over.querySelectorAll('.session-break')].map(b => b.title)}",
                newsId,
                ticker,
                closedFrom,
                closedTo);
        assertTrue(((Number) m.get("closed")).doubleValue() < 0.05, "the closed hours drawn narrow: " + m);
        assertEquals(1, ((List<String>) m.get("breaks")).size(), "one break mark: " + m);
        double end = ((Number) m.get("end")).doubleValue();
        assertTrue(end >= lastTrade && end < lastTrade + 60_000, "the chart ends at the last trade's minute: " + m);
        assertTrue(((String) m.get("axis")).contains(zoneName), "the axis names the zone: " + m);
    }

    /**
     * The page's tables fit its window (no horizontal scroll), headlines get the room, numbers are right-aligned in
     * tabular figures, no cell says FINAL, times carry the exchange's zone, and every flag is explained by a title.
     */
    static void tablesFit(HeadlessChromium browser) {
        assertEquals(List.of(), check(browser, "return checks.tableProblems()"), "the reactions table");
        assertEquals(List.of(), check(browser, "return checks.flagProblems()"), "the flags");
    }

    /**
     * The event study: its table's numbers right-aligned with "n" and "without model" apart and groups with fewer
     * than 2 reactions folded away; each CAAR chart's coarse part (every 30 minutes, after minute 390) takes less
     * than 35% of its width.
     */
    @SuppressWarnings("unchecked")
    static void studyReads(HeadlessChromium browser, String studyJson) {
        assertEquals(List.of(), check(browser, "return checks.studyProblems()"), "the event study's table");
        List<Object> shares = (List<Object>) check(
                browser,
                "const st = " + studyJson + ";"
                        + " return window.studyCharts.map(u => { const g = u.root.closest('.study-chart').dataset.group;"
                        + " const s = st.filter(s => s.group === g)"
                        + ".reduce((a, s) => !a || s.pathAt.length > a.pathAt.length ? s : a, null);"
                        + " return checks.caarCoarseShare(u, s.pathAt); })");
        assertTrue(!shares.isEmpty());
        for (Object share : shares) {
            assertTrue(
                    share != null && ((Number) share).doubleValue() < 0.35, "the CAAR's night drawn narrow: " + shares);
        }
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
