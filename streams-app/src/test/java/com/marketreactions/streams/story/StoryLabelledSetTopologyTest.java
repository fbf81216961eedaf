package com.marketreactions.streams.story;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.topology.TopologyFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The topology groups the labelled set as {@link StoryPrecisionRecallTest} measures it: every item of
 * labelled-news.psv through the real topology (its aliases in the alias table, a tick of each ticker and of the
 * benchmark a second after each item), and the story of every FINAL reaction equal to the measured grouping's.
 */
class StoryLabelledSetTopologyTest {

    @Test
    void theTopologysStoriesAreTheMeasuredOnes() {
        List<StoryPrecisionRecallTest.Labelled> items = new ArrayList<>(StoryPrecisionRecallTest.items());
        items.sort(Comparator.comparing(StoryPrecisionRecallTest.Labelled::at)
                .thenComparing(StoryPrecisionRecallTest.Labelled::id));
        Map<String, String> topology = new HashMap<>();
        ReactionConfig config = ReactionConfig.defaults()
                .withHorizons(List.of(Horizon.parse("PT5M")))
                .withProvisionalInterval(Duration.ZERO);
        try (TopologyFixture f = new TopologyFixture(config)) {
            StoryPrecisionRecallTest.aliases().forEach(f.aliases::pipeInput);
            for (StoryPrecisionRecallTest.Labelled i : items) {
                f.news.pipeInput(new TestRecord<>(
                        i.id(),
                        NewsEvent.newBuilder()
                                .setId(i.id())
                                .setPublishedAt(i.at())
                                .setSource(i.source())
                                .setHeadline(i.headline())
                                .setSummary(i.summary())
                                .setTickers(i.tickers())
                                .build(),
                        i.at()));
                Duration offset = Duration.between(TopologyFixture.T0, i.at()).plusSeconds(1);
                f.tick("SPY", offset, 500.0, 1);
                for (String t : i.tickers()) {
                    f.tick(t, offset, 100.0, 1);
                }
            }
            f.endOfInput();
            for (MarketReaction r : f.output()) {
                if (r.getStatus() == ReactionStatus.FINAL) {
                    topology.put(r.getTicker() + " " + r.getNewsId(), r.getStoryId());
                }
            }
        }
        Map<String, String> measured = new HashMap<>();
        Map<String, Set<String>> names = StoryPrecisionRecallTest.names();
        StoryPrecisionRecallTest.byTicker(items)
                .forEach((t, l) -> StoryPrecisionRecallTest.stories(StoryConfig.defaults(), l, names.get(t))
                        .forEach((id, story) -> measured.put(t + " " + id, story)));
        assertEquals(measured.size(), topology.size(), "a FINAL with a story for every (item, ticker)");
        assertEquals(measured, topology);
    }
}
