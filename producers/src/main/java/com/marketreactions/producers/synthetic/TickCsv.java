package com.marketreactions.producers.synthetic;

import com.marketreactions.common.Shares;
import com.marketreactions.schema.StockTick;
import com.marketreactions.schema.TradeAction;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Locale;

/**
 * Writes ticks in the tick file format {@code symbol,ts,price,size}: ts as ISO-8601 UTC with milliseconds
 * ({@code 2025-11-03T14:30:00.123Z}), price with two decimals, lines ending in {@code \n}. A tick with a trade id,
 * or a cancel or correction, has the columns {@code venue,tradeId,action,amends} after them, up to its last
 * non-empty one; every other line is as before they existed.
 */
public final class TickCsv {

    public static final String HEADER = "symbol,ts,price,size";
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TickCsv() {}

    /** One line, without the line end. */
    public static String line(StockTick t) {
        long cents = Math.round(t.getPrice() * 100);
        StringBuilder b = new StringBuilder(48).append(t.getSymbol()).append(',');
        TS.formatTo(t.getTs(), b);
        b.append(',').append(cents / 100).append('.');
        long c = cents % 100;
        if (c < 10) {
            b.append('0');
        }
        b.append(c).append(',').append(Shares.text(t.getSize()));
        if (t.getTradeId() != null || t.getAction() != TradeAction.TRADE || t.getAmends() != null) {
            String[] more = {
                t.getVenue(),
                t.getTradeId(),
                t.getAction() == TradeAction.TRADE ? null : t.getAction().name(),
                t.getAmends()
            };
            int last = more.length - 1;
            while (more[last] == null) {
                last--;
            }
            for (int i = 0; i <= last; i++) {
                b.append(',').append(cell(more[i]));
            }
        }
        return b.toString();
    }

    /** Quoted when it holds a comma or a quote; null is empty. */
    private static String cell(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** The header and every tick; returns the number of ticks written. */
    public static long write(Iterator<StockTick> ticks, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        long n = 0;
        while (ticks.hasNext()) {
            out.write(line(ticks.next()));
            out.write('\n');
            n++;
        }
        return n;
    }
}
