package com.marketreactions.streams.topology;

import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;

/** What the reaction processor consumes: its inputs merged, each tagged by what it is. */
sealed interface MarketEvent {

    /**
     * A tick this task needs: one of its own symbols (straight from the ticks topic, or rerouted there because
     * its producer partitioned differently), or the benchmark's, which every task receives.
     */
    record Tick(StockTick tick) implements MarketEvent {}

    /** A news event for one of its tickers (the record key). */
    record TickerNews(NewsEvent news) implements MarketEvent {}

    /** A ticks partition had no record for the idle timeout (a heartbeat through the routed ticks). */
    record Quiet(int sourcePartition) implements MarketEvent {}

    /** A news partition has passed on every news event up to {@code time} (the end of its input: +infinity). */
    record NewsProgress(int sourcePartition, long time) implements MarketEvent {}

    /** A news partition had no record for the idle timeout (a heartbeat through the news by ticker). */
    record NewsQuiet(int sourcePartition) implements MarketEvent {}

    /**
     * End of a bounded input: of this task's own ticks partition ({@code routed} false), or of the routed
     * ticks from {@code sourcePartition}, one of {@code partitions}.
     */
    record End(boolean routed, int sourcePartition, int partitions) implements MarketEvent {}
}
