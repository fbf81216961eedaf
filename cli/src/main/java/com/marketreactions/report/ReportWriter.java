package com.marketreactions.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketreactions.common.RecordJson;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.streams.Horizon;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Writes the report: one self-contained HTML file (uPlot, the page's script and the data inlined) that opens
 * from disk with no network. uPlot comes from its webjar on the classpath, the version Maven resolved.
 */
public final class ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEBJAR = "META-INF/resources/webjars/uplot/";

    private ReportWriter() {
    }

    /** Writes {@code charts} under {@code title} to {@code out}. */
    public static void write(Path out, String title, List<ReactionChart> charts) throws IOException {
        String uplot = WEBJAR + uplotVersion() + "/dist/";
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("TITLE", escapeHtml(title));
        parts.put("UPLOT_CSS", inlinable(resource(uplot + "uPlot.min.css"), "style"));
        parts.put("CSS", inlinable(resource("web/reactions.css"), "style"));
        parts.put("UPLOT_JS", inlinable(resource(uplot + "uPlot.iife.min.js"), "script"));
        parts.put("JS", inlinable(resource("web/reactions.js"), "script"));
        parts.put("DATA", scriptSafeJson(charts));
        Files.writeString(out, fill(resource("web/report.html"), parts), StandardCharsets.UTF_8);
    }

    /** The charts as the page's script reads them: times in epoch milliseconds, returns as fractions. */
    static String scriptSafeJson(List<ReactionChart> charts) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        int id = 0;
        for (ReactionChart c : charts) {
            Map<String, Object> m = new LinkedHashMap<>();
            MarketReaction first = c.reactions().get(0);
            m.put("id", id++);
            m.put("newsId", c.newsId());
            m.put("ticker", c.ticker());
            m.put("benchmark", c.benchmark());
            m.put("headline", first.getHeadline());
            m.put("source", first.getSource());
            m.put("t0", c.t0());
            m.put("x", c.x());
            m.put("stock", c.stock());
            m.put("bench", c.bench());
            m.put("expected", c.expected());
            m.put("lower", c.lower());
            m.put("upper", c.upper());
            m.put("volume", c.volume());
            m.put("normalVolume", c.normalVolume());
            m.put("markers", c.markers());
            List<Map<String, Object>> rs = new ArrayList<>();
            for (MarketReaction r : c.reactions()) {
                Map<String, Object> rm = RecordJson.toMap(r);
                rm.put("horizonMillis", Horizon.parse(r.getHorizon()).millis());
                rs.add(rm);
            }
            m.put("reactions", rs);
            out.add(m);
        }
        // inside <script>: no "</script>" or "<!--" can end it early, whatever a headline says
        return JSON.writeValueAsString(out).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    /** Replaces each {{NAME}} of the template once, in one pass, so no part's text is read as a placeholder. */
    static String fill(String template, Map<String, String> parts) {
        StringBuilder b = new StringBuilder(template.length() + parts.values().stream().mapToInt(String::length).sum());
        int at = 0;
        while (true) {
            int open = template.indexOf("{{", at);
            if (open < 0) {
                break;
            }
            int close = template.indexOf("}}", open);
            String name = template.substring(open + 2, close);
            String value = parts.get(name);
            if (value == null) {
                throw new IllegalStateException("report template: no value for {{" + name + "}}");
            }
            b.append(template, at, open).append(value);
            at = close + 2;
        }
        return b.append(template.substring(at)).toString();
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A library's text must not close the element it is inlined in. */
    private static String inlinable(String text, String element) {
        if (text.toLowerCase().contains("</" + element)) {
            throw new IllegalStateException("cannot inline: the text contains </" + element);
        }
        return text;
    }

    private static String uplotVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = stream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            p.load(in);
        }
        return p.getProperty("version");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = stream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream stream(String name) throws IOException {
        InputStream in = ReportWriter.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource " + name + " is not on the classpath");
        }
        return in;
    }
}
