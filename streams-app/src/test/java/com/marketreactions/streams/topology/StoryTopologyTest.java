package com.marketreactions.streams.topology;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.Novelty;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.story.StoryConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Stories in the topology: novelty by window, links within the story window, arrival order, short horizons. */
class StoryTopologyTest {

    private static final String DEAL = "OpenAI signs a $38 billion deal for AWS compute";
    private static final String DEAL_AGAIN = "Amazon lands OpenAI: $38 billion of AWS compute over seven years";
    private static final String OTHER = "Amazon to cut 14,000 corporate jobs";

    private static ReactionConfig config(String... horizons) {
        return ReactionConfig.defaults()
                .withHorizons(
                        java.util.Arrays.stream(horizons).map(Horizon::parse).toList());
    }

    private static void aliases(TopologyFixture f) {
        f.aliases.pipeInput("Amazon", "AMZN");
        f.aliases.pipeInput("AWS", "AMZN");
    }

    /** A news item about AMZN at {@code offset}, with a tick of AMZN and SPY just after it. */
    private static void item(TopologyFixture f, String id, Duration offset, String headline) {
        f.news(id, offset, headline, "AMZN");
        f.tick("SPY", offset.plusSeconds(1), 500.0, 1);
        f.tick("AMZN", offset.plusSeconds(1), 100.0, 1);
    }

    private static Map<String, MarketReaction> finals(TopologyFixture f) {
        f.endOfInput();
        return f.output().stream()
                .filter(r -> r.getStatus() == ReactionStatus.FINAL)
                .collect(Collectors.toMap(r -> r.getNewsId() + " " + r.getHorizon(), r -> r));
    }

    @Test
    void noveltyCountsSimilarEarlierItemsPerWindowAndTheStoryChainsWithinADay() {
        try (TopologyFixture f = new TopologyFixture(config("PT5M"))) {
            aliases(f);
            item(f, "six-days", ofDays(-6), DEAL);
            item(f, "two-days", ofDays(-2), DEAL_AGAIN);
            item(f, "other", ofHours(-21), OTHER);
            item(f, "twenty-hours", ofHours(-20), DEAL);
            item(f, "one-hour", ofHours(-1), DEAL_AGAIN);
            item(f, "now", Duration.ZERO, DEAL);
            Map<String, MarketReaction> out = finals(f);

            MarketReaction now = out.get("now PT5M");
            assertEquals(new Novelty(1, 2, 3, 3, 4), now.getNovelty(), "12H, 24H, 3D, 5D, 7D; 'other' is not similar");
            assertTrue(now.getRepeat());
            // six-days and two-days are four days apart, two-days and twenty-hours 28 hours: each starts a story
            assertEquals("twenty-hours", now.getStoryId());
            assertEquals("twenty-hours", out.get("one-hour PT5M").getStoryId());
            assertEquals(1.0, now.getStorySimilarity(), 1e-12, "the same headline as the first report");
            for (String first : List.of("six-days", "two-days", "twenty-hours", "other")) {
                MarketReaction r = out.get(first + " PT5M");
                assertEquals(first, r.getStoryId());
                assertFalse(r.getRepeat());
                assertEquals(1.0, r.getStorySimilarity());
            }
            assertEquals(new Novelty(0, 0, 0, 0, 0), out.get("other PT5M").getNovelty());
            assertEquals(new Novelty(0, 0, 0, 1, 1), out.get("two-days PT5M").getNovelty());
        }
    }

    @Test
    void anEarlierReportArrivingWithinTheLatenessGivesTheSameStoriesAsInOrder() {
        Map<String, MarketReaction> inOrder;
        try (TopologyFixture f = new TopologyFixture(config("PT5M", "PT30M"))) {
            aliases(f);
            item(f, "early", ofMinutes(-2), DEAL);
            item(f, "late-comer", ofMinutes(-1), DEAL_AGAIN);
            item(f, "main", Duration.ZERO, DEAL);
            f.tick("SPY", ofMinutes(3), 500.0, 1);
            f.tick("AMZN", ofMinutes(3), 100.0, 1);
            inOrder = finals(f);
        }
        try (TopologyFixture f = new TopologyFixture(config("PT5M", "PT30M"))) {
            aliases(f);
            item(f, "main", Duration.ZERO, DEAL);
            f.tick("SPY", ofMinutes(3), 500.0, 1);
            f.tick("AMZN", ofMinutes(3), 100.0, 1);
            // both earlier reports arrive 3 to 5 minutes after their T0: within L (5 minutes), before any FINAL
            item(f, "late-comer", ofMinutes(-1), DEAL_AGAIN);
            item(f, "early", ofMinutes(-2), DEAL);
            Map<String, MarketReaction> shuffled = finals(f);
            assertEquals(6, shuffled.size());
            for (Map.Entry<String, MarketReaction> e : inOrder.entrySet()) {
                MarketReaction a = e.getValue();
                MarketReaction b = shuffled.get(e.getKey());
                assertEquals(a.getStoryId(), b.getStoryId(), e.getKey());
                assertEquals(a.getRepeat(), b.getRepeat(), e.getKey());
                assertEquals(a.getNovelty(), b.getNovelty(), e.getKey());
                assertEquals(a.getStorySimilarity(), b.getStorySimilarity(), e.getKey());
            }
            assertEquals("early", shuffled.get("main PT30M").getStoryId());
            assertEquals(new Novelty(2, 2, 2, 2, 2), shuffled.get("main PT5M").getNovelty());
            assertFalse(shuffled.get("main PT5M").getFlags().contains("LATE_NEWS"));
        }
    }

    @Test
    void aLateReportIsNeverAnEarlierReportOfAnother() {
        try (TopologyFixture f = new TopologyFixture(config("PT5M"))) {
            aliases(f);
            item(f, "main", Duration.ZERO, DEAL);
            f.tick("SPY", ofMinutes(20), 500.0, 1);
            f.tick("AMZN", ofMinutes(20), 100.0, 1);
            f.news("wire", ofMinutes(20), "Markets close higher"); // no ticker: the news input is at 20 minutes too
            item(f, "too-late", ofMinutes(-1), DEAL); // 21 minutes after its T0: beyond L
            Map<String, MarketReaction> out = finals(f);
            assertEquals("main", out.get("main PT5M").getStoryId());
            assertTrue(out.get("too-late PT5M").getFlags().contains("LATE_NEWS"));
            assertEquals("too-late", out.get("too-late PT5M").getStoryId(), "nothing earlier about AMZN");
        }
    }

    @Test
    void horizonsClosingBeforeTheLatenessAndStoriesOffCarryNoStory() {
        try (TopologyFixture f = new TopologyFixture(config("PT1M", "PT5M"))) {
            aliases(f);
            item(f, "a", Duration.ZERO, DEAL);
            Map<String, MarketReaction> out = finals(f);
            assertNull(out.get("a PT1M").getStoryId(), "PT1M + G(1m) closes before L (5m)");
            assertNull(out.get("a PT1M").getNovelty());
            assertEquals("a", out.get("a PT5M").getStoryId());
        }
        ReactionConfig off = config("PT5M").withStories(new StoryConfig(false, 0.075, Duration.ofDays(1)));
        try (TopologyFixture f = new TopologyFixture(off)) {
            item(f, "a", Duration.ZERO, DEAL);
            MarketReaction r = finals(f).get("a PT5M");
            assertNull(r.getStoryId());
            assertNull(r.getRepeat());
        }
    }
}
