package com.marketreactions.streams.differential;

import com.marketreactions.schema.Novelty;
import com.marketreactions.streams.story.StoryConfig;
import com.marketreactions.streams.story.StoryTerms;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stories of every (news, ticker), written from the definition in docs/stories.md as a batch: per ticker, its items
 * in (T0, id) order, each compared with all earlier ones. Shares only the text measure ({@link StoryTerms}: the terms,
 * their weights and the similarity) with the topology; the rule that two items share at least two words is written
 * here again from the terms.
 */
final class ReferenceStories {

    /** What a reaction carries about its story. */
    record Fields(String storyId, boolean repeat, double similarity, Novelty novelty) {}

    private record Item(MarketInput.News news, boolean late, StoryTerms terms) {}

    private record Assigned(String storyId, long storyAt) {}

    private ReferenceStories() {}

    /** Terms of both that are not the ticker's names and hold a letter (numbers do not link two items). */
    private static long wordsInCommon(StoryTerms a, StoryTerms b, Set<String> own) {
        Set<String> theirs = b.weights().keySet();
        return a.weights().keySet().stream()
                .filter(theirs::contains)
                .filter(t -> !own.contains(t))
                .filter(t -> t.codePoints().anyMatch(Character::isLetter))
                .count();
    }

    /**
     * @param first each news id's first arrival with whether it was late, in arrival order
     * @param tickersOf the resolved tickers of a news item
     * @param names the ticker's own names, as terms
     * @return fields by {@code newsId|ticker}
     */
    static Map<String, Fields> of(
            List<Map.Entry<MarketInput.News, Boolean>> first,
            StoryConfig config,
            java.util.function.Function<MarketInput.News, List<String>> tickersOf,
            java.util.function.Function<String, Set<String>> names) {
        Map<String, List<Item>> byTicker = new HashMap<>();
        for (Map.Entry<MarketInput.News, Boolean> e : first) {
            MarketInput.News n = e.getKey();
            for (String t : tickersOf.apply(n)) {
                byTicker.computeIfAbsent(t, k -> new ArrayList<>())
                        .add(new Item(n, e.getValue(), StoryTerms.of(n.headline(), n.summary())));
            }
        }
        long day = 24 * 3_600_000L;
        long[] windows = {day / 2, day, 3 * day, 5 * day, 7 * day};
        long maxAge = 7 * day;
        Map<String, Fields> out = new HashMap<>();
        for (Map.Entry<String, List<Item>> e : byTicker.entrySet()) {
            String ticker = e.getKey();
            Set<String> own = names.apply(ticker);
            List<Item> items = new ArrayList<>(e.getValue());
            items.sort((a, b) -> a.news().t0() != b.news().t0()
                    ? Long.compare(a.news().t0(), b.news().t0())
                    : a.news().id().compareTo(b.news().id()));
            Map<String, Assigned> assigned = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                Item x = items.get(i);
                long t0 = x.news().t0();
                int[] counts = new int[windows.length];
                Item link = null;
                double linkSimilarity = 0;
                for (int j = 0; j < i; j++) {
                    Item y = items.get(j);
                    long age = t0 - y.news().t0();
                    if (y.late() || age > maxAge) {
                        continue;
                    }
                    double s = x.terms().similarity(y.terms(), own);
                    if (s < config.threshold() || wordsInCommon(x.terms(), y.terms(), own) < 2) {
                        continue;
                    }
                    for (int k = 0; k < windows.length; k++) {
                        if (age <= windows[k]) {
                            counts[k]++;
                        }
                    }
                    boolean young = assigned.get(y.news().id()).storyAt() >= t0 - maxAge;
                    if (age <= config.window().toMillis() && young && (link == null || s > linkSimilarity)) {
                        link = y;
                        linkSimilarity = s;
                    }
                }
                Assigned a = link == null
                        ? new Assigned(x.news().id(), t0)
                        : assigned.get(link.news().id());
                assigned.put(x.news().id(), a);
                double toFirst = 1.0;
                if (link != null) {
                    Item firstReport = items.stream()
                            .filter(y -> y.news().id().equals(a.storyId()))
                            .findFirst()
                            .orElseThrow();
                    toFirst = x.terms().similarity(firstReport.terms(), own);
                }
                out.put(
                        x.news().id() + "|" + ticker,
                        new Fields(
                                a.storyId(),
                                link != null,
                                toFirst,
                                new Novelty(counts[0], counts[1], counts[2], counts[3], counts[4])));
            }
        }
        return out;
    }
}
