package com.marketreactions.streams.differential;

import java.util.List;

/**
 * One record of a generated data set, in the order it is fed to the topology (its arrival order).
 * Plain values, independent of the Avro classes, so the reference implementation sees exactly what the
 * topology sees and nothing else.
 */
sealed interface MarketInput permits MarketInput.Tick, MarketInput.News {

    /** A trade: {@code ts} in epoch ms. */
    record Tick(String symbol, long ts, double price, long size) implements MarketInput {
    }

    /** A news event: {@code t0} = publishedAt in epoch ms; {@code tickers} as written (may repeat). */
    record News(String id, long t0, List<String> tickers, String headline, String source, Double sentiment)
            implements MarketInput {
    }
}
