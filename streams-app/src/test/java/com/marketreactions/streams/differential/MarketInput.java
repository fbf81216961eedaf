package com.marketreactions.streams.differential;

import java.util.List;
import java.util.Map;

/**
 * One record of a generated data set, in the order it is fed to the topology (its arrival order).
 * Plain values, independent of the Avro classes, so the reference implementation sees exactly what the
 * topology sees and nothing else.
 */
public sealed interface MarketInput permits MarketInput.Tick, MarketInput.News {

    /**
     * A record of the ticks topic, {@code ts} in epoch ms: a trade (action TRADE, with a trade id or without), or a
     * vendor's CANCEL or CORRECTION of the earlier trade {@code amends} (same symbol and venue). A cancel's price and
     * size are the cancelled trade's; a correction's are the corrected trade's, whose id is {@code tradeId}.
     */
    record Tick(
            String symbol,
            long ts,
            double price,
            double size,
            String venue,
            String tradeId,
            String action,
            String amends)
            implements MarketInput {

        /** A trade nothing can cancel. */
        public Tick(String symbol, long ts, double price, double size) {
            this(symbol, ts, price, size, null, null, "TRADE", null);
        }

        public static Tick trade(String symbol, long ts, double price, double size, String venue, String tradeId) {
            return new Tick(symbol, ts, price, size, venue, tradeId, "TRADE", null);
        }

        public static Tick cancel(String symbol, long ts, double price, double size, String venue, String amends) {
            return new Tick(symbol, ts, price, size, venue, null, "CANCEL", amends);
        }

        public static Tick correction(
                String symbol, long ts, double price, double size, String venue, String tradeId, String amends) {
            return new Tick(symbol, ts, price, size, venue, tradeId, "CORRECTION", amends);
        }

        /** A trade, not a cancel or correction. */
        public boolean isTrade() {
            return amends == null;
        }

        public Tick withPrice(double p) {
            return new Tick(symbol, ts, p, size, venue, tradeId, action, amends);
        }
    }

    /**
     * A news event: {@code t0} = publishedAt in epoch ms; {@code tickers} as written (may repeat);
     * {@code summary} may be null. Headline and summary are where the alias table is matched.
     */
    record News(
            String id,
            long t0,
            List<String> tickers,
            String headline,
            String summary,
            String source,
            Double sentiment,
            Map<String, Double> tickerSentiment)
            implements MarketInput {

        /** A news event without a sentiment per ticker. */
        public News(
                String id,
                long t0,
                List<String> tickers,
                String headline,
                String summary,
                String source,
                Double sentiment) {
            this(id, t0, tickers, headline, summary, source, sentiment, Map.of());
        }

        /** A news event without a summary. */
        public News(String id, long t0, List<String> tickers, String headline, String source, Double sentiment) {
            this(id, t0, tickers, headline, null, source, sentiment);
        }
    }
}
