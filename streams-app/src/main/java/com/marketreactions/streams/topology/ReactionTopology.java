package com.marketreactions.streams.topology;

import com.marketreactions.common.InternalAvroSerdes;
import com.marketreactions.common.NewsHorizonKey;
import com.marketreactions.common.StudyKey;
import com.marketreactions.common.Topics;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.NewsImpact;
import com.marketreactions.schema.StockTick;
import com.marketreactions.schema.internal.StoryItem;
import com.marketreactions.schema.internal.StudyOverlap;
import com.marketreactions.schema.internal.StudyRecent;
import com.marketreactions.schema.internal.StudySums;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.TopologyNames;
import com.marketreactions.streams.control.EndMarkerGate;
import com.marketreactions.streams.emit.FinalsOnly;
import com.marketreactions.streams.emit.ReadBack;
import com.marketreactions.streams.errors.RecordValidator;
import com.marketreactions.streams.history.TickHistoryBuilder;
import com.marketreactions.streams.impact.NewsImpactAggregator;
import com.marketreactions.streams.news.NewsDeduplicator;
import com.marketreactions.streams.news.NewsTickerResolver;
import com.marketreactions.streams.routing.SymbolPartitioner;
import com.marketreactions.streams.routing.TickHoldBack;
import com.marketreactions.streams.routing.TickRouter;
import com.marketreactions.streams.study.StudyAggregator;
import com.marketreactions.streams.study.StudyGroups;
import com.marketreactions.streams.time.StreamTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the market-reaction topology. A pure function of its configuration, topics and the partition count
 * of the ticks topic: no I/O, nothing started; the service, the replay, the benchmark and the tests all build
 * it here.
 *
 * <pre>
 * ticks ─► check ─┬─ on their symbol's partition (the benchmark's too) ──────────────────────┐
 *                 └─ benchmark (copies for the others), misrouted ─► [routed-ticks] ────────┤
 * news ─► check ─► first of its id ─► resolve tickers (explicit + aliases) ─► [news-by-ticker] ┴─► react ─► market-reactions
 *                                          (and the news partition's progress, to every partition) ┘
 * market-reactions ─► FINAL only ─┬► [reactions-by-news] ─► impact ─► news-impact
 *                                 └► one per group ─► [reactions-by-group] ─► study ─► event-study
 * </pre>
 *
 * Both internal topics are partitioned by {@link SymbolPartitioner}, whatever partitioner the producers of
 * the input used: a ticker's news, ticks and the benchmark always meet in one task. Time is per symbol
 * ({@link StreamTime}), so the lag of the routed ticks behind the direct ones changes no result.
 */
public final class ReactionTopology {

    private static final String TICKS_SOURCE = "ticks-source";
    private static final String HOLD_BACK = "hold-back-ticks";
    private static final String REACT = "react";

    private ReactionTopology() {}

    /** The DSL's name for the source node of repartition topic {@code name}. */
    private static String repartitionSource(String name) {
        return name + "-repartition-source";
    }

    /** The topology for ticks and news topics of one partition (as in a TopologyTestDriver). */
    public static Topology build(ReactionConfig config, Topics topics) {
        return build(config, topics, 1);
    }

    /** @param partitions the number of partitions of the ticks topic */
    public static Topology build(ReactionConfig config, Topics topics, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions: at least 1, got " + partitions);
        }
        // Internal topics and stores are ours alone: no registry round trip per record, but each record names its
        // schema version, so an upgrade reads what the previous version wrote (InternalAvroSerdes).
        InternalAvroSerdes internal = new InternalAvroSerdes();
        Serde<StockTick> tickSerde = internal.avro(StockTick.class);
        Serde<NewsEvent> newsSerde = internal.avro(NewsEvent.class);
        Duration retention = config.retention();
        // Changelogs expire by append time: their record timestamps are event times, which in a replay of
        // history are months old and would make time-based retention delete the state right away.
        Map<String, String> changelog = Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");

        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable(
                topics.aliases.name(),
                Consumed.with(topics.aliases.keySerde(), topics.aliases.valueSerde())
                        .withName("aliases-source"),
                Materialized.as(TopologyNames.ALIASES));

        builder.addStateStore(new TickHistoryBuilder(TopologyNames.TICK_HISTORY, changelog));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(TopologyNames.PENDING), Serdes.Bytes(), newsSerde)
                .withCachingEnabled()
                .withLoggingEnabled(changelog));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(TopologyNames.CLOCK), Serdes.String(), Serdes.Long())
                .withCachingEnabled()
                .withLoggingEnabled(changelog));
        builder.addStateStore(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(
                                TopologyNames.RECENT_REACTIONS, retention, Duration.ofMillis(1), false),
                        Serdes.String(),
                        internal.avro(MarketReaction.class))
                .withCachingEnabled()
                .withLoggingEnabled(changelog));
        builder.addStateStore(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(TopologyNames.NEWS_SEEN, retention, Duration.ofMillis(1), false),
                        Serdes.String(),
                        Serdes.Long())
                .withLoggingEnabled(changelog));

        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(TopologyNames.STORY_ITEMS),
                        Serdes.String(),
                        internal.avro(StoryItem.class))
                .withLoggingEnabled(changelog));

        builder.addStateStore(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(TopologyNames.NEWS_IDS, retention, Duration.ofMillis(1), false),
                        Serdes.String(),
                        newsSerde)
                .withLoggingEnabled(changelog));

        // Tick keys are not decoded: the symbol is in the value, and a tick's key is only checked for presence.
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(TopologyNames.HELD_TICKS), Serdes.Bytes(), tickSerde)
                .withLoggingEnabled(changelog));
        builder.stream(
                        topics.ticks.name(),
                        Consumed.with(Serdes.ByteArray(), topics.ticks.valueSerde())
                                .withName(TICKS_SOURCE))
                .process(
                        () -> new TickHoldBack(
                                TopologyNames.HELD_TICKS,
                                TopologyNames.CLOCK,
                                config.limits().maxJump(),
                                config.idleTimeout(),
                                config.endMarkers()),
                        Named.as(HOLD_BACK),
                        TopologyNames.HELD_TICKS,
                        TopologyNames.CLOCK)
                .process(
                        () -> TickRouter.outbound(
                                config.benchmark(),
                                partitions,
                                config.idleTimeout().toMillis(),
                                config.limits(),
                                config.endMarkers()),
                        Named.as("outbound-ticks"))
                .repartition(Repartitioned.<String, StockTick>as(TopologyNames.ROUTED_TICKS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(tickSerde)
                        .withStreamPartitioner(SymbolPartitioner.routedTicks(config.benchmark())));

        builder.stream(
                        topics.news.name(),
                        Consumed.with(topics.news.keySerde(), topics.news.valueSerde())
                                .withName("news-source"))
                .processValues(
                        () -> RecordValidator.news(config.limits(), new EndMarkerGate(config.endMarkers(), "news")),
                        Named.as("check-news"))
                .processValues(
                        () -> new NewsDeduplicator(retention), Named.as("first-news-wins"), TopologyNames.NEWS_IDS)
                .process(
                        () -> new NewsTickerResolver(
                                config.idleTimeout().toMillis(), config.limits().tickers()),
                        Named.as("resolve-tickers"))
                .repartition(Repartitioned.<String, NewsEvent>as(TopologyNames.NEWS_BY_TICKER)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(newsSerde)
                        .withStreamPartitioner(SymbolPartitioner.byKey()));

        // per-news impact, read back from the reaction topic as any consumer would: FINAL reactions (and the
        // end markers, to every partition) grouped by news and horizon
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(TopologyNames.IMPACT_PARTS),
                        Serdes.String(),
                        internal.avro(NewsImpact.class))
                .withCachingEnabled()
                .withLoggingEnabled(changelog));
        KStream<String, MarketReaction> finals = builder.stream(
                        topics.reactions.name(),
                        Consumed.with(topics.reactions.keySerde(), Serdes.ByteArray())
                                .withName("reactions-source"))
                .processValues(
                        () -> new FinalsOnly(
                                topics.reactions.name(),
                                topics.reactions.valueSerde().deserializer()),
                        Named.as("final-reactions"));
        finals.map(
                        (k, r) -> r == null
                                ? KeyValue.pair(k, r)
                                : KeyValue.pair(
                                        new NewsHorizonKey(r.getNewsId(), r.getHorizon()).encode(),
                                        ReadBack.forImpact(r)),
                        Named.as("key-by-news"))
                .repartition(Repartitioned.<String, MarketReaction>as(TopologyNames.REACTIONS_BY_NEWS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(internal.avro(MarketReaction.class))
                        .withStreamPartitioner(SymbolPartitioner.markersToAll()))
                .process(NewsImpactAggregator::new, Named.as("aggregate-impact"), TopologyNames.IMPACT_PARTS)
                .to(
                        topics.impact.name(),
                        Produced.with(topics.impact.keySerde(), topics.impact.valueSerde())
                                .withName("impact-sink"));

        // the event study, also from the reaction topic: each FINAL once per group it belongs to
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(TopologyNames.STUDY_SUMS),
                        Serdes.String(),
                        internal.avro(StudySums.class))
                .withCachingEnabled()
                .withLoggingEnabled(changelog));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(TopologyNames.STUDY_OVERLAP),
                        Serdes.String(),
                        internal.avro(StudyOverlap.class))
                .withCachingEnabled()
                .withLoggingEnabled(changelog));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(TopologyNames.STUDY_RECENT),
                        Serdes.String(),
                        internal.avro(StudyRecent.class))
                .withCachingEnabled()
                .withLoggingEnabled(changelog));
        finals.flatMap(
                        (k, r) -> {
                            if (r == null) {
                                return List.of(KeyValue.pair(k, r));
                            }
                            MarketReaction slim = ReadBack.forStudy(r);
                            return StudyGroups.of(r).stream()
                                    .map(g -> KeyValue.pair(new StudyKey(g, r.getHorizon()).encode(), slim))
                                    .toList();
                        },
                        Named.as("key-by-group"))
                .repartition(Repartitioned.<String, MarketReaction>as(TopologyNames.REACTIONS_BY_GROUP)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(internal.avro(MarketReaction.class))
                        .withStreamPartitioner(SymbolPartitioner.markersToAll()))
                .process(
                        StudyAggregator::new,
                        Named.as("aggregate-study"),
                        TopologyNames.STUDY_SUMS,
                        TopologyNames.STUDY_OVERLAP,
                        TopologyNames.STUDY_RECENT)
                .to(
                        topics.study.name(),
                        Produced.with(topics.study.keySerde(), topics.study.valueSerde())
                                .withName("study-sink"));

        // The reaction node takes its three inputs straight from their sources (the Processor API on the DSL's
        // topology): merging them in the DSL needs one value type, and cost a check, a tag and two merge hops
        // per tick, each copying the record.
        Topology topology = builder.build();
        topology.addProcessor(
                REACT,
                () -> new ReactionNode(config, topics.ticks.name(), partitions),
                HOLD_BACK,
                repartitionSource(TopologyNames.ROUTED_TICKS),
                repartitionSource(TopologyNames.NEWS_BY_TICKER));
        topology.connectProcessorAndStateStores(
                REACT,
                TopologyNames.TICK_HISTORY,
                TopologyNames.PENDING,
                TopologyNames.CLOCK,
                TopologyNames.NEWS_SEEN,
                TopologyNames.RECENT_REACTIONS,
                TopologyNames.STORY_ITEMS);
        topology.addSink(
                "reactions-sink",
                topics.reactions.name(),
                topics.reactions.keySerde().serializer(),
                topics.reactions.valueSerde().serializer(),
                REACT);
        return topology;
    }
}
