package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.schema.MarketReaction;
import com.marketreactions.web.HeadlessChromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What the service's live page must do in a real browser, and what its endpoints answer. */
final class LivePageChecks {

    /**
     * Chrome's own console line for a query the instance answered 503 (it is starting, or its stores are moving in
     * a rebalance). The page takes that answer for "not ready yet", says so quietly and asks again; it cannot keep
     * the browser from logging the status, so this line alone is no error. What the page logs itself, and every
     * other status, is.
     */
    private static final Pattern NOT_READY_YET = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/(study|chart/\\S+) - "
            + "Failed to load resource: the server responded with a status of 503 \\(Service Unavailable\\)");

    private LivePageChecks() {}

    /** The browser console's errors since the last call, less Chrome's lines for the 503s the page waits out. */
    static List<String> consoleErrors(HeadlessChromium browser) {
        return withoutNotReady(browser.consoleErrors());
    }

    private static List<String> withoutNotReady(List<String> errors) {
        return errors.stream().filter(m -> !NOT_READY_YET.matcher(m).matches()).toList();
    }

    /**
     * The open page of an instance that is not started yet: its event study query answers 503, and the page says
     * so in a quiet status line and asks again later, with no error in the page or its console; its empty list
     * says there are no reactions yet.
     */
    static void waitsQuietlyWhileNotReady(HeadlessChromium browser) {
        Waits.await("the live page's study waiting for the instance")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "waiting".equals(browser.js("return document.body.dataset.studyState || ''")));
        String status = (String) browser.js("return document.getElementById('study-status').textContent");
        assertTrue(status.contains("starting or rebalancing"), status);
        String list = (String) browser.js("return document.getElementById('table').textContent");
        assertTrue(list.startsWith("No reactions yet"), "the empty list: " + list);
        assertEquals(List.of(), browser.js("return window.pageErrors"), "errors in the page");
        List<String> console = browser.consoleErrors();
        assertTrue(console.stream().anyMatch(m -> NOT_READY_YET.matcher(m).matches()), "the 503 logged: " + console);
        assertEquals(List.of(), withoutNotReady(console), "errors in the browser console");
    }

    /**
     * The open page's list fills with every FINAL (the whole deployment's, whichever instance serves it), each
     * cell's raw return the reaction's, the table fitting the window; a click on (newsId, ticker) draws its chart
     * with the T0 marker and the other news, labels that do not overlap, a legend without blank values; no page or
     * console error (but the lines of 503 answers the page waited out).
     */
    @SuppressWarnings("unchecked")
    static void fillsAndDraws(HeadlessChromium browser, List<MarketReaction> finals, String newsId, String ticker)
            throws Exception {
        Waits.await("the live list")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> finalCells(browser) == finals.size());
        ReportBrowserChecks.tableShows(browser, finals);
        ReportBrowserChecks.tablesFit(browser);
        Object rows = browser.js(
                "const rows = [...document.querySelectorAll('table.reactions tbody tr')];"
                        + " const tr = rows.find(tr => tr.querySelector('.ticker').textContent === arguments[1]"
                        + " && tr.dataset.news === arguments[0]);"
                        + " if (!tr) { return rows.map(r => r.dataset.news + ' ' + r.querySelector('.ticker').textContent); }"
                        + " tr.click(); return null",
                newsId,
                ticker);
        assertEquals(null, rows, "no row of " + newsId + " " + ticker + " among the rows");
        Waits.await("the chart")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> (newsId + "|" + ticker).equals(browser.js("return document.body.dataset.chart || ''")));
        Map<String, Object> chart =
                (Map<String, Object>) browser.js("return (" + ReportBrowserChecks.CHART_FACTS + ")(window.liveChart)");
        assertTrue(((Number) chart.get("points")).intValue() > 100, "the ticker's line: " + chart);
        assertTrue(((Number) chart.get("benchPoints")).intValue() > 100, "the benchmark's line: " + chart);
        assertEquals("% from baseline", chart.get("axis"));
        assertEquals(1L, ((Number) chart.get("t0")).longValue(), "the T0 marker: " + chart);
        assertTrue(((List<?>) chart.get("news")).size() >= 3, "the other articles: " + chart);
        assertEquals(
                List.of(),
                ReportBrowserChecks.check(browser, "return checks.labelProblems(window.liveChart)"),
                "the chart's labels");
        assertEquals(
                List.of(),
                ReportBrowserChecks.check(browser, "return checks.legendProblems(window.liveChart)"),
                "the chart's legend");
        browser.screenshot(Path.of("target", "dashboard.png"));
        assertEquals(List.of(), browser.js("return window.pageErrors"), "errors in the page");
        assertEquals(List.of(), consoleErrors(browser), "errors in the browser console");
    }

    private static long finalCells(HeadlessChromium browser) {
        return ((Number) browser.js("return document.querySelectorAll('td.reaction[data-status=FINAL]').length"))
                .longValue();
    }

    /** Read-only, typed, and 404 for what is not there. */
    static void endpoints(HttpClient http, String base) throws Exception {
        assertEquals(404, get(http, base + "/nope").statusCode());
        assertEquals(404, get(http, base + "/assets/nope.js").statusCode());
        assertEquals(404, get(http, base + "/chart/no-such-news/AMZN").statusCode());
        HttpResponse<String> page = get(http, base + "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        HttpResponse<String> chart = get(http, base + "/chart/aws-openai-wire/AMZN");
        assertEquals(200, chart.statusCode(), chart.body());
        assertEquals(
                "application/json", chart.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(URI.create(base + "/"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
