package com.marketreactions.streams.topology;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
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

/** Symbols that stop trading leave the heap; the reactions are the same. */
class SymbolFloodTopologyTest {

    private static final ReactionConfig CONFIG = ReactionConfig.defaults()
            .withHorizons(List.of(Horizon.parse("PT5M"), Horizon.parse("PT1H")))
            .withProvisionalInterval(Duration.ZERO)
            .withMinPoints(3)
            .withStories(new StoryConfig(false, 0.075, Duration.ofDays(1)));

    private static final int FLOOD = 3_000;

    private record Run(List<MarketReaction> finals, double symbolsInMemory) {}

    /**
     * Three days of AMZN and SPY every ten minutes; on the first, {@code flood} made-up symbols trade once each, and
     * one of them again on the third, the day both it and AMZN have news.
     */
    private static Run run(int flood) {
        try (TopologyFixture f = new TopologyFixture(CONFIG)) {
            for (int i = 0; i < flood; i++) {
                f.tick("ZZ" + i, ofMinutes(1).plusMillis(i), 10.0 + i % 7, 1);
            }
            double price = 100;
            for (Duration t = Duration.ZERO; t.compareTo(ofDays(3)) < 0; t = t.plus(ofMinutes(10))) {
                price += (t.toMinutes() / 10) % 3 - 1;
                f.tick("SPY", t, 500 + price / 10, 100);
                f.tick("AMZN", t.plusSeconds(1), price, 10);
            }
            Duration day3 = ofDays(3).plus(ofHours(1));
            f.tick("ZZ7", ofDays(3), 11.0, 5);
            f.news("n1", day3, "Amazon and ZZ7 news", "AMZN", "ZZ7");
            f.tick("AMZN", day3.plusMinutes(2), price + 2, 10);
            f.tick("ZZ7", day3.plusMinutes(3), 12.0, 5);
            f.tick("SPY", day3.plusMinutes(4), 505, 100);
            double inMemory = f.metricTotal("symbols-in-memory");
            f.newsEnded();
            f.endOfInput();
            return new Run(
                    f.output().stream()
                            .filter(r -> r.getStatus() == ReactionStatus.FINAL)
                            .toList(),
                    inMemory);
        }
    }

    @Test
    void madeUpSymbolsLeaveTheHeapAfterADayAndChangeNoReaction() {
        Run quiet = run(8); // ZZ0..ZZ7: as few as the news needs
        Run flooded = run(FLOOD);
        assertTrue(flooded.symbolsInMemory() <= 3, "SPY, AMZN, ZZ7: got " + flooded.symbolsInMemory());
        assertEquals(4, quiet.finals().size());
        assertEquals(quiet.finals(), flooded.finals());
    }
}
