package com.marketreactions.streams.differential;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketreactions.common.Shares;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a scenario as the files the producers read (see {@code producers/.../files}): {@code news.jsonl}
 * (one JSON object per line, in arrival order), {@code ticks.csv} ({@code symbol,ts,price,size} with a header,
 * in arrival order, ts as ISO-8601, prices as Java prints a double so they parse back to the same value) and
 * {@code aliases.csv} ({@code alias,ticker} with a header).
 */
public final class ScenarioFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The three files written. */
    public record Written(Path news, Path ticks, Path aliases) {}

    private ScenarioFiles() {}

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    public static Written write(SyntheticMarket.Scenario sc, Path dir) {
        try {
            Files.createDirectories(dir);
            Path news = dir.resolve("news.jsonl");
            Path ticks = dir.resolve("ticks.csv");
            Path aliases = dir.resolve("aliases.csv");
            try (BufferedWriter n = Files.newBufferedWriter(news, StandardCharsets.UTF_8);
                    BufferedWriter t = Files.newBufferedWriter(ticks, StandardCharsets.UTF_8)) {
                t.write("symbol,ts,price,size,venue,tradeId,action,amends\n");
                for (MarketInput in : sc.inputs()) {
                    if (in instanceof MarketInput.Tick tick) {
                        t.write(tick.symbol() + "," + Instant.ofEpochMilli(tick.ts()) + ","
                                + Double.toString(tick.price()) + "," + Shares.text(tick.size()) + ","
                                + orEmpty(tick.venue()) + "," + orEmpty(tick.tradeId()) + "," + tick.action() + ","
                                + orEmpty(tick.amends()) + "\n");
                    } else if (in instanceof MarketInput.News item) {
                        n.write(newsLine(item));
                        n.write('\n');
                    }
                }
            }
            try (BufferedWriter a = Files.newBufferedWriter(aliases, StandardCharsets.UTF_8)) {
                a.write("alias,ticker\n");
                for (Map.Entry<String, String> e : sc.aliases().entrySet()) {
                    a.write(csvCell(e.getKey()) + "," + csvCell(e.getValue()) + "\n");
                }
            }
            return new Written(news, ticks, aliases);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scenario to " + dir, e);
        }
    }

    static String newsLine(MarketInput.News n) throws JsonProcessingException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        m.put("publishedAt", Instant.ofEpochMilli(n.t0()).toString());
        m.put("source", n.source());
        m.put("headline", n.headline());
        if (n.summary() != null) {
            m.put("summary", n.summary());
        }
        m.put("tickers", n.tickers());
        if (n.sentiment() != null) {
            m.put("sentiment", n.sentiment());
        }
        if (!n.tickerSentiment().isEmpty()) {
            m.put("tickerSentiment", new java.util.TreeMap<>(n.tickerSentiment()));
        }
        return JSON.writeValueAsString(m);
    }

    private static String csvCell(String s) {
        if (s.contains(",") || s.contains("\"")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
