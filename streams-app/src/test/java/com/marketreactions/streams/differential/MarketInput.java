package com.marketreactions.streams.differential;

import java.util.List;
import java.util.Map;

/**
 * One record of a generated data set, in the order it is fed to the topology (its arrival order).
 * Plain values, independent of the Avro classes, so the reference implementation sees exactly what the
 * topology sees and nothing else.
 */
public sealed interface MarketInput permits MarketInput.Tick, MarketInput.News {

    /** A trade: {@code ts} in epoch ms. */
    record Tick(String symbol, long ts, double price, double size) implements MarketInput {}

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
