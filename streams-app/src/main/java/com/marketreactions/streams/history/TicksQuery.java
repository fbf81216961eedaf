package com.marketreactions.streams.history;

import com.marketreactions.streams.reaction.TickSeries;
import org.apache.kafka.streams.query.Query;

/**
 * An interactive query (IQv2, public API) of the tick history: the committed ticks of {@code symbol} with
 * {@code from <= ts <= to}, by time. Answered from the store's RocksDB part only: the in-memory minutes belong
 * to the stream thread, and everything up to the last commit is in RocksDB.
 */
public record TicksQuery(String symbol, long from, long to) implements Query<TickSeries> {}
