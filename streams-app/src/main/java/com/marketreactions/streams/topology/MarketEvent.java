package com.marketreactions.streams.topology;

import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;

/** What the reaction processor consumes: its three inputs merged, each tagged by where it came from. */
sealed interface MarketEvent {

    /** A tick of a symbol owned by this partition. */
    record OwnTick(StockTick tick) implements MarketEvent {
    }

    /** A tick of the benchmark, copied to every partition. */
    record BenchmarkTick(StockTick tick) implements MarketEvent {
    }

    /** A news event for one of its tickers (the record key). */
    record TickerNews(NewsEvent news) implements MarketEvent {
    }

    /** End of a bounded input; {@code sourcePartition} is set for benchmark markers. */
    record End(boolean benchmark, int sourcePartition, int partitions) implements MarketEvent {
    }
}
