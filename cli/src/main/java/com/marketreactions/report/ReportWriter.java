package com.marketreactions.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketreactions.common.RecordJson;
import com.marketreactions.schema.EventStudy;
import com.marketreactions.streams.web.ChartJson;
import com.marketreactions.streams.web.ReactionChart;
import com.marketreactions.streams.web.WebAssets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the report: one self-contained HTML file (uPlot, the page's script and the data inlined) that opens
 * from disk with no network ({@link WebAssets}: uPlot from its webjar, the page's script and style).
 */
public final class ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportWriter() {}

    /**
     * Writes {@code charts} and the event study of the run ({@code studies}) under {@code title} to {@code out},
     * times shown in the exchange's {@code zone}.
     */
    public static void write(Path out, String title, List<ReactionChart> charts, List<EventStudy> studies, ZoneId zone)
            throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("TITLE", escapeHtml(title));
        parts.put("ZONE", escapeHtml(zone.getId()));
        parts.put("UPLOT_CSS", inlinable(WebAssets.asset("uPlot.min.css"), "style"));
        parts.put("CSS", inlinable(WebAssets.asset("reactions.css"), "style"));
        parts.put("UPLOT_JS", inlinable(WebAssets.asset("uPlot.iife.min.js"), "script"));
        parts.put("JS", inlinable(WebAssets.asset("reactions.js"), "script"));
        List<Map<String, Object>> data = new ArrayList<>();
        for (ReactionChart c : charts) {
            data.add(ChartJson.of(c, data.size(), zone));
        }
        parts.put("DATA", ChartJson.scriptSafe(JSON.writeValueAsString(data)));
        List<Map<String, Object>> study = new ArrayList<>();
        studies.forEach(st -> study.add(RecordJson.toMap(st)));
        parts.put("STUDY", ChartJson.scriptSafe(JSON.writeValueAsString(study)));
        Files.writeString(out, fill(WebAssets.page("report.html"), parts), StandardCharsets.UTF_8);
    }

    /** Replaces each {{NAME}} of the template once, in one pass, so no part's text is read as a placeholder. */
    static String fill(String template, Map<String, String> parts) {
        StringBuilder b = new StringBuilder(template.length()
                + parts.values().stream().mapToInt(String::length).sum());
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
}
