package com.marketreactions.streams.ops;

import com.marketreactions.common.RecentReactionKey;
import com.marketreactions.common.StudyKey;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.streams.TopologyNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Interactive queries of the reactions this instance holds ({@link TopologyNames#RECENT_REACTIONS}), and
 * where the others are: a ticker's reactions live with the task that owns the ticker's partition.
 */
final class ReactionQueries {

    /** Newest news first, then ticker, then horizon label. */
    static final Comparator<MarketReaction> NEWEST_FIRST = Comparator.comparing(MarketReaction::getEventTime)
            .reversed()
            .thenComparing(MarketReaction::getNewsId)
            .thenComparing(MarketReaction::getTicker)
            .thenComparing(MarketReaction::getHorizon);

    private final KafkaStreams streams;

    ReactionQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    /** The instance holding {@code ticker}'s reactions, or empty when this one does (or it is unknown). */
    Optional<HostInfo> ownerOf(String ticker, HostInfo self) {
        KeyQueryMetadata m = streams.queryMetadataForKey(
                TopologyNames.RECENT_REACTIONS, ticker, Serdes.String().serializer());
        if (m == null
                || m.activeHost() == null
                || m.activeHost().equals(HostInfo.unavailable())
                || m.activeHost().equals(self)) {
            return Optional.empty();
        }
        return Optional.of(m.activeHost());
    }

    /** Every other instance of the application that has the store. */
    List<HostInfo> others(HostInfo self) {
        List<HostInfo> hosts = new ArrayList<>();
        streams.streamsMetadataForStore(TopologyNames.RECENT_REACTIONS).forEach(m -> {
            if (!m.hostInfo().equals(self) && !m.hostInfo().equals(HostInfo.unavailable())) {
                hosts.add(m.hostInfo());
            }
        });
        return hosts;
    }

    /** This instance's reactions of {@code ticker}, latest status per (news, horizon). */
    List<MarketReaction> localByTicker(String ticker) {
        List<MarketReaction> out = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, MarketReaction> it = store().fetch(
                        RecentReactionKey.firstOf(ticker),
                        RecentReactionKey.afterLastOf(ticker),
                        Instant.EPOCH,
                        Instant.ofEpochMilli(Long.MAX_VALUE))) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        out.sort(NEWEST_FIRST);
        return out;
    }

    /** This instance's reactions of the news {@code newsId} (a scan of the store: an operator's query). */
    List<MarketReaction> localByNews(String newsId) {
        List<MarketReaction> out = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, MarketReaction> it = store().all()) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, MarketReaction> kv = it.next();
                if (kv.value.getNewsId().equals(newsId)) {
                    out.add(kv.value);
                }
            }
        }
        out.sort(NEWEST_FIRST);
        return out;
    }

    /** This instance's event studies (the groups and horizons of its partitions), from their running sums. */
    List<com.marketreactions.schema.EventStudy> localStudies() {
        List<com.marketreactions.schema.EventStudy> out = new ArrayList<>();
        try (KeyValueIterator<String, com.marketreactions.schema.internal.StudySums> it = streams.store(
                        StoreQueryParameters.fromNameAndType(
                                TopologyNames.STUDY_SUMS,
                                QueryableStoreTypes
                                        .<String, com.marketreactions.schema.internal.StudySums>keyValueStore()))
                .all()) {
            while (it.hasNext()) {
                KeyValue<String, com.marketreactions.schema.internal.StudySums> kv = it.next();
                StudyKey key = StudyKey.decode(kv.key);
                out.add(com.marketreactions.streams.study.EventStudyMath.result(key.group(), key.horizon(), kv.value));
            }
        }
        return out;
    }

    private ReadOnlyWindowStore<String, MarketReaction> store() {
        return streams.store(StoreQueryParameters.fromNameAndType(
                TopologyNames.RECENT_REACTIONS, QueryableStoreTypes.windowStore()));
    }
}
