package com.marketreactions.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.marketreactions.common.PlainAvroSerdes;
import com.marketreactions.common.Topics;
import com.marketreactions.streams.ReactionConfig;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** Renaming a store or an internal topic breaks a running deployment's state: these names are pinned. */
class TopologyNamesTest {

    private final TopologyDescription description = ReactionTopology.build(
                    ReactionConfig.defaults(), Topics.create(new PlainAvroSerdes()))
            .describe();

    @Test
    void storeNamesArePinned() {
        Set<String> stores = new TreeSet<>();
        description
                .subtopologies()
                .forEach(s -> s.nodes().forEach(n -> {
                    if (n instanceof TopologyDescription.Processor p) {
                        stores.addAll(p.stores());
                    }
                }));
        description.globalStores().forEach(g -> stores.addAll(g.processor().stores()));
        assertEquals(
                new TreeSet<>(Set.of(
                        "tick-history-v3",
                        "pending-reactions",
                        "reaction-clock",
                        "ticks-held-back",
                        "news-seen",
                        "news-ids",
                        "ticker-aliases-store",
                        "news-impact-parts",
                        "recent-reactions",
                        "story-items",
                        "study-sums",
                        "study-overlap",
                        "study-recent")),
                stores);
    }

    @Test
    void internalTopicsAndSourcesArePinned() {
        Set<String> sources = new TreeSet<>();
        description
                .subtopologies()
                .forEach(s -> s.nodes().forEach(n -> {
                    if (n instanceof TopologyDescription.Source src && src.topicSet() != null) {
                        sources.addAll(src.topicSet());
                    }
                }));
        // the reaction topic is read back for the per-news impact
        assertEquals(
                new TreeSet<>(Set.of(
                        "ticks",
                        "news",
                        "news-by-ticker-repartition",
                        "routed-ticks-repartition",
                        "reactions-by-group-repartition",
                        "reactions-by-news-repartition",
                        "market-reactions")),
                sources);
        assertEquals(5, description.subtopologies().size(), description.toString()); // + the event study
    }
}
