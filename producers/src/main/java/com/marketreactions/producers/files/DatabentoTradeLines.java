package com.marketreactions.producers.files;

import com.marketreactions.common.Trades;
import com.marketreactions.schema.StockTick;
import java.util.List;
import java.util.Map;

/**
 * Databento {@code trades} schema as CSV: {@code ts_recv,ts_event,rtype,publisher_id,instrument_id,action,side,
 * depth,price,size,flags,ts_in_delta,sequence,symbol}, columns found by name.
 *
 * <ul>
 *   <li>Event time is {@code ts_event}, the matching engine's time of the trade ({@code ts_recv} is when
 *       Databento's capture server received it): nanoseconds, or ISO-8601 when written with {@code pretty_ts}.</li>
 *   <li>{@code price} is a fixed-point integer in units of 10^-9 unless written with {@code pretty_px} (a decimal);
 *       an empty or undefined price (INT64_MAX) is left out, counted.</li>
 *   <li>{@code symbol} is required: Databento writes it when symbols are mapped ({@code map_symbols}); the
 *       numeric {@code instrument_id} alone names no ticker.</li>
 *   <li>A record whose {@code action} is not {@code T} (trade) is left out, counted.</li>
 * </ul>
 */
final class DatabentoTradeLines implements LineParser<StockTick> {

    static final String HEADER_START = "ts_recv,ts_event";
    private static final String UNDEF_PRICE = Long.toString(Long.MAX_VALUE);

    private final TimeRules time;
    private final LeftOut leftOut = new LeftOut();
    private final CsvHeader header;
    private final int tsEvent;
    private final int action;
    private final int price;
    private final int size;
    private final int symbol;

    DatabentoTradeLines(String headerLine, TimeRules time) {
        this.time = time.withUnit(EpochUnit.NANOS);
        this.header = new CsvHeader("Databento trades", headerLine);
        tsEvent = header.required("ts_event");
        action = header.optional("action");
        price = header.required("price");
        size = header.required("size");
        symbol = header.required("symbol");
    }

    @Override
    public boolean isHeader(String line) {
        return line.startsWith(HEADER_START);
    }

    @Override
    public StockTick parse(String line) throws BadLineException {
        List<String> c = header.cells(line);
        String a = CsvHeader.cell(c, action);
        if (!a.isEmpty() && !a.equals("T")) {
            return leftOut.because("action " + a + " (not a trade)");
        }
        String px = CsvHeader.cell(c, price);
        if (px.isEmpty() || px.equals(UNDEF_PRICE)) {
            return leftOut.because("undefined price");
        }
        double p;
        if (Numbers.INTEGER.matcher(px).matches()) {
            long fixed;
            try {
                fixed = Long.parseLong(px);
            } catch (NumberFormatException e) {
                throw new BadLineException("price: out of range " + Fields.quote(px));
            }
            p = Numbers.price(Double.toString(fixed / 1e9)); // the nearest double to the decimal, as parsing it gives
        } else {
            p = Numbers.price(px);
        }
        return Trades.trade(
                Fields.ticker("symbol", c.get(symbol)),
                time.parse("ts_event", c.get(tsEvent)),
                p,
                Numbers.size(CsvHeader.cell(c, size)),
                null);
    }

    @Override
    public Map<String, Long> leftOut() {
        return leftOut.counts();
    }
}
