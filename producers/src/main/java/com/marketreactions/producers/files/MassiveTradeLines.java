package com.marketreactions.producers.files;

import com.marketreactions.common.Trades;
import com.marketreactions.schema.StockTick;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Massive (formerly Polygon.io) flat-file trades, {@code us_stocks_sip/trades_v1} ({@code .csv.gz} read as is):
 * {@code ticker,conditions,correction,exchange,id,participant_timestamp,price,sequence_number,sip_timestamp,size,
 * tape,trf_id,trf_timestamp}, columns found by name.
 *
 * <ul>
 *   <li>Event time is {@code participant_timestamp} (nanoseconds): when the exchange executed the trade, which is
 *       when the price was set; {@code sip_timestamp}, when the consolidated feed received it, is later by
 *       microseconds to seconds and stands in only when the participant time is 0 or empty.</li>
 *   <li>{@code correction}: 0 (or empty) and 12 (the correction that replaces an earlier trade) are kept; 1 (an
 *       original later corrected), 7 and 8 (later marked erroneous or cancelled), 10 and 11 (the cancel and error
 *       records) and any other code are left out, counted.</li>
 *   <li>{@code conditions} that mean the price was not set by a trade at that moment are left out, counted:
 *       {@value #NOT_A_PRICE_NOW}. Odd lots, Form T (extended hours) and intermarket sweeps are kept: they trade
 *       at the current price.</li>
 *   <li>{@code size} may be fractional (since 2026-02-23) and is kept as written. {@code exchange} becomes the venue.</li>
 * </ul>
 */
final class MassiveTradeLines implements LineParser<StockTick> {

    static final String HEADER_START = "ticker,conditions,correction";
    static final String NOT_A_PRICE_NOW = "2 average price, 5 bunched sold, 7 cash sale, 10 derivatively priced, "
            + "13 extended hours out of sequence, 15 and 16 official close and open, 20 next day, 21 price variation, "
            + "22 prior reference price, 29 seller, 32 and 33 sold out of sequence, 52 contingent, "
            + "53 qualified contingent";
    private static final Map<Integer, String> CONDITIONS = Map.ofEntries(
            Map.entry(2, "average price"),
            Map.entry(5, "bunched sold"),
            Map.entry(7, "cash sale"),
            Map.entry(10, "derivatively priced"),
            Map.entry(13, "extended hours out of sequence"),
            Map.entry(15, "official close"),
            Map.entry(16, "official open"),
            Map.entry(20, "next day"),
            Map.entry(21, "price variation"),
            Map.entry(22, "prior reference price"),
            Map.entry(29, "seller"),
            Map.entry(32, "sold out of sequence"),
            Map.entry(33, "sold out of sequence"),
            Map.entry(52, "contingent"),
            Map.entry(53, "qualified contingent"));

    private final TimeRules time;
    private final LeftOut leftOut = new LeftOut();
    private final CsvHeader header;
    private final int ticker;
    private final int conditions;
    private final int correction;
    private final int exchange;
    private final int participant;
    private final int sip;
    private final int price;
    private final int size;

    MassiveTradeLines(String headerLine, TimeRules time) {
        this.time = time.withUnit(EpochUnit.NANOS);
        this.header = new CsvHeader("Massive trades", headerLine);
        ticker = header.required("ticker");
        conditions = header.optional("conditions");
        correction = header.optional("correction");
        exchange = header.optional("exchange");
        participant = header.required("participant_timestamp");
        sip = header.required("sip_timestamp");
        price = header.required("price");
        size = header.required("size");
    }

    @Override
    public boolean isHeader(String line) {
        return line.startsWith(HEADER_START);
    }

    @Override
    public StockTick parse(String line) throws BadLineException {
        List<String> c = header.cells(line);
        String corr = CsvHeader.cell(c, correction);
        if (!corr.isEmpty() && !corr.equals("0") && !corr.equals("12")) {
            return leftOut.because("correction " + corr
                    + (corr.equals("1")
                            ? " (corrected later)"
                            : corr.equals("7") || corr.equals("8")
                                    ? " (cancelled or erroneous later)"
                                    : corr.equals("10") || corr.equals("11")
                                            ? " (a cancel or error record)"
                                            : " (unknown code)"));
        }
        String conds = CsvHeader.cell(c, conditions);
        if (!conds.isEmpty()) {
            for (String code : conds.split(",")) {
                int n;
                try {
                    n = Integer.parseInt(code.trim());
                } catch (NumberFormatException e) {
                    throw new BadLineException("conditions: not a list of condition codes " + Fields.quote(conds));
                }
                String why = CONDITIONS.get(n);
                if (why != null) {
                    return leftOut.because("condition " + n + " (" + why + ")");
                }
            }
        }
        String symbol = Fields.ticker("ticker", c.get(ticker));
        String pt = CsvHeader.cell(c, participant);
        Instant ts = pt.isEmpty() || pt.equals("0")
                ? time.parse("sip_timestamp", c.get(sip))
                : time.parse("participant_timestamp", pt);
        double p = Numbers.price(CsvHeader.cell(c, price));
        double s = Numbers.size(CsvHeader.cell(c, size));
        String venue = CsvHeader.cell(c, exchange);
        return Trades.trade(symbol, ts, p, s, venue.isEmpty() ? null : venue);
    }

    @Override
    public Map<String, Long> leftOut() {
        return leftOut.counts();
    }
}
