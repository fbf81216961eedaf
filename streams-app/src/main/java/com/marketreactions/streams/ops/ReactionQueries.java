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
import java.util.PriorityQueue;
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

    /**
     * The most reactions one instance answers for a ticker or a news event: a ticker's reactions within the store's
     * retention can be many, and the answer is built in memory and sent whole.
     */
    static final int MAX_REACTIONS = 10_000;

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

    /** This instance's reactions of {@code ticker}, latest status per (news, horizon): the newest {@code max}. */
    Newest localByTicker(String ticker, int max) {
        Newest out = new Newest(max);
        try (KeyValueIterator<Windowed<String>, MarketReaction> it = store().fetch(
                        RecentReactionKey.firstOf(ticker),
                        RecentReactionKey.afterLastOf(ticker),
                        Instant.EPOCH,
                        Instant.ofEpochMilli(Long.MAX_VALUE))) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    /**
     * This instance's reactions of the news {@code newsId} (a scan of the store: an operator's query): the newest
     * {@link #MAX_REACTIONS}.
     */
    Newest localByNews(String newsId) {
        Newest out = new Newest(MAX_REACTIONS);
        try (KeyValueIterator<Windowed<String>, MarketReaction> it = store().all()) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, MarketReaction> kv = it.next();
                if (kv.value.getNewsId().equals(newsId)) {
                    out.add(kv.value);
                }
            }
        }
        return out;
    }

    /**
     * The newest {@code max} of the reactions added, holding no more than that many at any time: a heap whose head is
     * the oldest kept, which a newer one pushes out.
     */
    static final class Newest {
        private final int max;
        private final PriorityQueue<MarketReaction> kept = new PriorityQueue<>(NEWEST_FIRST.reversed());
        private boolean truncated;

        Newest(int max) {
            this.max = max;
        }

        void add(MarketReaction r) {
            kept.add(r);
            if (kept.size() > max) {
                kept.poll();
                truncated = true;
            }
        }

        /** The reactions kept, {@link ReactionQueries#NEWEST_FIRST}. */
        List<MarketReaction> reactions() {
            List<MarketReaction> out = new ArrayList<>(kept);
            out.sort(NEWEST_FIRST);
            return out;
        }

        /** Whether older reactions were left out. */
        boolean truncated() {
            return truncated;
        }
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
