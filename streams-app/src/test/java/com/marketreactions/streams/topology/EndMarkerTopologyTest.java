package com.marketreactions.streams.topology;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.story.StoryConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** End-of-input markers end a replay's input; on a service's inputs, written by any producer, they change nothing. */
class EndMarkerTopologyTest {

    /** PT5M, no PROVISIONAL updates, no stories (so a FINAL waits for the ticks alone). */
    private static final ReactionConfig CONFIG = ReactionConfig.defaults()
            .withHorizons(List.of(Horizon.parse("PT5M")))
            .withProvisionalInterval(Duration.ZERO)
            .withStories(new StoryConfig(false, 0.075, Duration.ofDays(1)));

    /** AMZN and SPY around a 15:00 news about AMZN; the window (close T0+5m, grace 1m) is still open after them. */
    private static void marketAndNews(TopologyFixture f) {
        f.tick("SPY", ofSeconds(-20), 500.0, 100);
        f.tick("AMZN", ofSeconds(-10), 100.0, 10);
        f.news("n1", Duration.ZERO, "Amazon news", "AMZN");
        f.tick("AMZN", ofMinutes(1), 101.0, 20);
        f.tick("SPY", ofMinutes(2), 505.0, 100);
    }

    @Test
    void aReplaysMarkersFinalizeItsOpenWindows() {
        try (TopologyFixture f = new TopologyFixture(CONFIG)) {
            marketAndNews(f);
            assertTrue(f.output().isEmpty(), "the window is open");
            f.newsEnded();
            f.endOfInput();
            List<MarketReaction> out = f.output();
            assertEquals(1, out.size(), "the end of a replay's input finalizes the open window");
            assertEquals(ReactionStatus.FINAL, out.get(0).getStatus());
            assertEquals(1, f.endMarkers, "and the task announces its end");
        }
    }

    @Test
    void aServiceCountsAndIgnoresMarkersOnItsInputs() {
        try (TopologyFixture f =
                TopologyFixture.service(TopologyFixture.asReplay(CONFIG).withEndMarkers(false))) {
            marketAndNews(f);
            f.newsEnded();
            f.endOfInput();
            f.endOfInput();
            assertTrue(f.output().isEmpty(), "no window is finalized by a marker a producer wrote");
            assertEquals(0, f.endMarkers, "and the task does not announce an end");
            assertEquals(2.0, f.metricTotal("ignored-end-markers-ticks-total"), "each ignored marker is counted");
            assertEquals(1.0, f.metricTotal("ignored-end-markers-news-total"));

            f.tick("AMZN", ofMinutes(6).plusMillis(1), 104.0, 5);
            f.tick("SPY", ofMinutes(6).plusMillis(1), 506.0, 5);
            List<MarketReaction> out = f.output();
            assertEquals(1, out.size(), "the window closes by stream time, as in any service");
            assertEquals(ReactionStatus.FINAL, out.get(0).getStatus());
            assertEquals(0.01, out.get(0).getRawReturn(), 1e-12, "from 100 to 101 at the close: the data alone");
        }
    }
}
