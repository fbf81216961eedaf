package com.marketreactions.streams.topology;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.story.StoryConfig;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A tick far ahead of those before it on its partition waits for them (event.max.jump), so it moves no clock early. */
class HoldBackTopologyTest {

    /** PT5M, no PROVISIONAL updates, no stories; jumps up to half an hour (these tests' ticks are minutes apart). */
    private static final ReactionConfig CONFIG;

    static {
        ReactionConfig c = ReactionConfig.defaults()
                .withHorizons(List.of(Horizon.parse("PT5M")))
                .withProvisionalInterval(Duration.ZERO)
                .withStories(new StoryConfig(false, 0.075, Duration.ofDays(1)));
        CONFIG = c.withLimits(c.limits().withMaxJump(ofMinutes(30)));
    }

    /** The same, with jumps of up to thirty days let through: no tick is ever held back. */
    private static final ReactionConfig NO_HOLD =
            CONFIG.withLimits(CONFIG.limits().withMaxJump(ofDays(30)));

    private record Run(List<MarketReaction> finals, double held) {}

    private static Run run(ReactionConfig config, Consumer<TopologyFixture> data) {
        try (TopologyFixture f = TopologyFixture.withHolds(config)) {
            data.accept(f);
            f.newsEnded();
            f.endOfInput();
            List<MarketReaction> finals = f.output().stream()
                    .filter(r -> r.getStatus() == ReactionStatus.FINAL)
                    .toList();
            return new Run(finals, f.metricTotal("held-ticks-total"));
        }
    }

    /**
     * AMZN's window closes by its own ticks while the benchmark's ticks inside it come after (two feeds, one behind
     * the other): they count as long as the benchmark's clock has not passed the window.
     */
    private static void market(TopologyFixture f, boolean hostile) {
        f.tick("SPY", ofSeconds(-20), 500.0, 100);
        f.tick("AMZN", ofSeconds(-10), 100.0, 10);
        f.news("n1", Duration.ZERO, "Amazon news", "AMZN");
        if (hostile) {
            f.tick("SPY", ofDays(1), 1.0, 1); // a producer's mistake: a day ahead, behind the wall clock
        }
        f.tick("AMZN", ofMinutes(1), 101.0, 20);
        f.tick("AMZN", ofMinutes(7), 104.0, 5);
        f.tick("SPY", ofMinutes(2), 505.0, 100);
        f.tick("SPY", ofMinutes(4), 510.0, 100);
        f.tick("SPY", ofMinutes(7), 511.0, 100);
    }

    @Test
    void aBenchmarkTickADayAheadChangesNoFinal() {
        Run clean = run(CONFIG, f -> market(f, false));
        assertEquals(1, clean.finals().size());
        assertEquals(510.0 / 500.0 - 1, clean.finals().get(0).getBenchmarkReturn(), 1e-12);
        assertEquals(0.0, clean.held());

        Run hostile = run(CONFIG, f -> market(f, true));
        assertEquals(clean.finals(), hostile.finals(), "the FINAL of the data alone");
        assertEquals(1.0, hostile.held(), "the tick a day ahead was held back");

        Run unguarded = run(NO_HOLD, f -> market(f, true));
        assertNotEquals(
                clean.finals(),
                unguarded.finals(),
                "without the hold, the tick a day ahead closes the window before the benchmark's real ticks");
    }

    /** Two sessions a night apart, news in each: the first tick of the second session waits for the second. */
    private static void twoSessions(TopologyFixture f) {
        f.tick("SPY", ofSeconds(-20), 500.0, 100);
        f.tick("AMZN", ofSeconds(-10), 100.0, 10);
        f.news("n1", Duration.ZERO, "Amazon news", "AMZN");
        f.tick("AMZN", ofMinutes(3), 101.0, 20);
        f.tick("SPY", ofMinutes(4), 505.0, 100);
        f.tick("SPY", ofMinutes(10), 506.0, 100);
        f.tick("AMZN", ofMinutes(10), 102.0, 20);
        Duration morning = ofHours(18);
        f.tick("SPY", morning, 498.0, 100); // 18 hours after the last tick: held until the next
        f.tick("AMZN", morning.plusSeconds(1), 99.0, 10);
        f.news("n2", morning.plusSeconds(30), "Amazon news again", "AMZN");
        f.tick("AMZN", morning.plusMinutes(2), 98.0, 10);
        f.tick("SPY", morning.plusMinutes(3), 497.0, 100);
        f.tick("AMZN", morning.plusMinutes(8), 97.0, 10);
        f.tick("SPY", morning.plusMinutes(8), 496.0, 100);
    }

    @Test
    void theFirstTickAfterANightWaitsForTheNextAndChangesNothing() {
        Run held = run(CONFIG, HoldBackTopologyTest::twoSessions);
        Run free = run(NO_HOLD, HoldBackTopologyTest::twoSessions);
        assertEquals(1.0, held.held(), "the morning's first tick was held");
        assertEquals(0.0, free.held());
        assertEquals(2, held.finals().size());
        assertEquals(free.finals(), held.finals());
        assertEquals(497.0 / 498.0 - 1, held.finals().get(1).getBenchmarkReturn(), 1e-12, "from the held tick");
    }
}
