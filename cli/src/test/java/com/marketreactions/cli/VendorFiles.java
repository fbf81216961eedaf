package com.marketreactions.cli;

import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes native files in a vendor's layout, as the vendor would deliver them: a Massive flat file (gzip, ns
 * times) with cancelled and average-price prints mixed in that its rules must leave out, and news as Massive's
 * news API returns it.
 */
final class VendorFiles {

    private static final com.fasterxml.jackson.databind.json.JsonMapper JSON =
            com.fasterxml.jackson.databind.json.JsonMapper.builder().build();

    private VendorFiles() {}

    /** Every tick as a Massive trade; after every 50th a cancelled print at twice the price and an average-price one. */
    static void massiveTrades(Path ticks, Path out) throws IOException {
        try (BufferedWriter w = new BufferedWriter(
                new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(out)), StandardCharsets.UTF_8))) {
            w.write(
                    "ticker,conditions,correction,exchange,id,participant_timestamp,price,sequence_number,sip_timestamp,"
                            + "size,tape,trf_id,trf_timestamp\n");
            long[] n = {0};
            IOException[] failed = {null};
            InputFormat.TICKS
                    .file(ticks)
                    .read(
                            (StockTick t) -> {
                                long ns = t.getTs().toEpochMilli() * 1_000_000L
                                        + 123_456; // sub-millisecond digits, dropped on reading
                                try {
                                    n[0]++;
                                    w.write(t.getSymbol() + ",\"14,41\",0,12," + n[0] + "," + ns + "," + t.getPrice()
                                            + "," + n[0] + "," + (ns + 250_000) + "," + t.getSize() + ",3,,0\n");
                                    if (n[0] % 50 == 0) {
                                        w.write(t.getSymbol() + ",,8,12,c" + n[0] + "," + ns + "," + t.getPrice() * 2
                                                + "," + n[0] + "," + (ns + 300_000) + ",1000000,3,,0\n");
                                        w.write(t.getSymbol() + ",2,0,12,a" + n[0] + "," + ns + "," + t.getPrice() / 2
                                                + "," + n[0] + "," + (ns + 400_000) + ",1000000,3,,0\n");
                                    }
                                } catch (IOException e) {
                                    failed[0] = e;
                                }
                            },
                            e -> {
                                throw new IllegalStateException(e.toString());
                            });
            if (failed[0] != null) {
                throw failed[0];
            }
        }
    }

    /** Every news event as a Massive news result (no insights: its sentiment stays out). */
    static void massiveNews(Path news, Path out) throws IOException {
        StringBuilder b = new StringBuilder();
        InputFormat.NEWS
                .file(news)
                .read(
                        (NewsEvent n) -> {
                            var o = JSON.createObjectNode();
                            o.put("id", n.getId());
                            o.putObject("publisher")
                                    .put("name", n.getSource())
                                    .put("homepage_url", "https://example.com/")
                                    .put("logo_url", "https://example.com/logo.png");
                            o.put("title", n.getHeadline());
                            o.put("author", "desk");
                            o.put("published_utc", n.getPublishedAt().toString());
                            if (n.getUrl() != null) {
                                o.put("article_url", n.getUrl());
                            }
                            n.getTickers().forEach(o.putArray("tickers")::add);
                            if (n.getSummary() != null) {
                                o.put("description", n.getSummary());
                            }
                            b.append(o).append('\n');
                        },
                        e -> {
                            throw new IllegalStateException(e.toString());
                        });
        Files.writeString(out, b);
    }
}
