package com.marketreactions.producers.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.schema.NewsEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NewsGeneratorTest {

    private static final List<String> SYMBOLS = List.of("SYM001", "SYM002", "SYM003", "SYM004", "SYM005");
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 3);

    private static NewsGenerator news(long seed) {
        return NewsGenerator.builder()
                .seed(seed)
                .symbols(SYMBOLS)
                .newsPerTradingHour(3)
                .from(MONDAY)
                .to(MONDAY.plusDays(27))
                .build();
    }

    @Test
    void sameSeedGivesTheSameNewsAndAnotherSeedOther() {
        assertTrue(news(5).stream().toList().equals(news(5).stream().toList()));
        assertTrue(!news(5).stream()
                .limit(50)
                .toList()
                .equals(news(6).stream().limit(50).toList()));
    }

    @Test
    void eventsNameOneToThreeDistinctSymbolsWithUniqueIdsInRegularSessions() {
        List<NewsEvent> all = news(5).stream().toList();
        Set<String> ids = new HashSet<>();
        int[] byCount = new int[4];
        Instant last = Instant.EPOCH;
        for (NewsEvent e : all) {
            assertTrue(ids.add(e.getId()), "duplicate id " + e.getId());
            List<String> t = e.getTickers();
            assertTrue(t.size() >= 1 && t.size() <= 3 && Set.copyOf(t).size() == t.size(), t.toString());
            assertTrue(SYMBOLS.containsAll(t), t.toString());
            t.forEach(s -> assertTrue(e.getHeadline().contains(s), e.getHeadline() + " names " + s));
            assertEquals(
                    Session.REGULAR,
                    TradingCalendar.sessionAt(e.getPublishedAt()),
                    e.getPublishedAt().toString());
            assertTrue(!e.getPublishedAt().isBefore(last));
            assertTrue(e.getSentiment() >= -1 && e.getSentiment() <= 1);
            last = e.getPublishedAt();
            byCount[t.size()]++;
        }
        assertTrue(
                byCount[1] > byCount[2] && byCount[2] > byCount[3] && byCount[3] > 0,
                "mostly one ticker: " + byCount[1] + "/" + byCount[2] + "/" + byCount[3]);
    }

    @Test
    void arrivesAtTheConfiguredRatePerTradingHour() {
        // 20 trading days of 6.5 hours at 3 per hour: 390 expected, standard deviation about 20
        int n = news(9).stream().toList().size();
        assertTrue(n > 330 && n < 450, n + " events");
    }
}
