package com.marketreactions.streams.ops;

import com.marketreactions.schema.MarketReaction;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.TopologyNames;
import com.marketreactions.streams.history.TicksQuery;
import com.marketreactions.streams.reaction.SessionClock;
import com.marketreactions.streams.reaction.TickSeries;
import com.marketreactions.streams.web.ReactionChart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;

/**
 * The chart of one (news, ticker) on the instance that owns the ticker: its reactions from the queryable
 * store, its ticks and the benchmark's from the tick history (both live in the ticker's task) through an
 * interactive query ({@link TicksQuery}).
 */
final class ChartQuery {

    /** How far before the chart the ticks are read, for the last price before it (the baseline, B0). */
    private static final long LOOK_BACK_MS = 24 * 3600_000L;

    private ChartQuery() {}

    /** The chart, or empty when this instance holds no reaction of (news, ticker). */
    static Optional<ReactionChart> local(
            KafkaStreams streams, ReactionQueries q, String newsId, String ticker, ReactionConfig config) {
        String benchmark = config.benchmark();
        // all of them, not a list answer's newest: the chart's news may be older than those
        List<MarketReaction> ofTicker =
                q.localByTicker(ticker, Integer.MAX_VALUE).reactions();
        Map<String, MarketReaction> byHorizon = new LinkedHashMap<>();
        List<ReactionChart.OtherNews> others = new ArrayList<>();
        for (MarketReaction r : ofTicker) {
            if (r.getNewsId().equals(newsId)) {
                byHorizon.put(r.getHorizon(), r);
            } else if (others.stream().noneMatch(o -> o.id().equals(r.getNewsId()))) {
                others.add(new ReactionChart.OtherNews(
                        r.getNewsId(),
                        r.getEventTime().toEpochMilli(),
                        r.getSource() == null ? r.getNewsId() : r.getSource()));
            }
        }
        if (byHorizon.isEmpty()) {
            return Optional.empty();
        }
        List<MarketReaction> rs = List.copyOf(byHorizon.values());
        long[] range = ReactionChart.range(rs);
        KeyQueryMetadata m = streams.queryMetadataForKey(
                TopologyNames.TICK_HISTORY, ticker, Serdes.String().serializer());
        int partition = m.partition();
        TickSeries stock = ticks(streams, partition, ticker, range[0] - LOOK_BACK_MS, range[1]);
        TickSeries bench = ticker.equals(benchmark)
                ? new TickSeries()
                : ticks(streams, partition, benchmark, range[0] - LOOK_BACK_MS, range[1]);
        return Optional.of(ReactionChart.of(
                rs, stock, bench, others, new SessionClock(config.session().zone())));
    }

    private static TickSeries ticks(KafkaStreams streams, int partition, String symbol, long from, long to) {
        StateQueryResult<TickSeries> r = streams.query(StateQueryRequest.inStore(TopologyNames.TICK_HISTORY)
                .withQuery(new TicksQuery(symbol, from, to))
                .withPartitions(Set.of(partition)));
        QueryResult<TickSeries> p = r.getPartitionResults().get(partition);
        if (p == null || p.isFailure()) {
            throw new InvalidStateStoreException(
                    "tick history of partition " + partition + ": " + (p == null ? "not here" : p.getFailureMessage()));
        }
        return p.getResult();
    }
}
