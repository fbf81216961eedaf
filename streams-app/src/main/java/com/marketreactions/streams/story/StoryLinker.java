package com.marketreactions.streams.story;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Links a news item about a ticker to its story, from the earlier items about the same ticker. A pure
 * function of those items, so a replay in any order gives the same stories once every earlier item is in.
 *
 * <ul>
 *   <li>Earlier: T0 before the item's, or the same T0 and a smaller id. Late items (arrived after the news
 *       lateness) are never earlier reports: whether they were there depends on when they came.</li>
 *   <li>Similar: {@link StoryTerms#similarity} at least the threshold, leaving out the listed companies' names, and at
 *       least {@link StoryConfig#MIN_SHARED_WORDS} words in common ({@link StoryTerms#sharedWords}): numbers, the
 *       market's vocabulary and one word alone never link two items.</li>
 *   <li>Novelty: the similar earlier items within each novelty window (12H ... 7D) before T0.</li>
 *   <li>Story: the item repeats the most similar earlier item within the story window (ties: the earliest)
 *       whose story began no more than {@link StoryConfig#MAX_AGE} before; it joins that item's story. Without
 *       one it is the first report of a story of its own.</li>
 * </ul>
 */
public final class StoryLinker {

    /** One item about the ticker, as the linker reads it. */
    public record Item(String id, long t0, StoryTerms terms, boolean late) {}

    private static final Comparator<Item> ORDER =
            Comparator.comparingLong(Item::t0).thenComparing(Item::id);

    private final StoryConfig config;

    public StoryLinker(StoryConfig config) {
        this.config = config;
    }

    /**
     * @param items the ticker's items from at least {@link StoryConfig#MAX_AGE} before {@code item}'s T0 up to it
     *              (any order; later ones and the item itself are ignored)
     * @param names the names left out of the ticker's comparisons ({@link StoryTerms#namesOf}): its own and the other
     *     listed companies' (the alias table's)
     * @param storyOf the story of an earlier item (called only for earlier, similar, non-late items)
     */
    public Story link(Item item, List<Item> items, Set<String> names, Function<Item, Story> storyOf) {
        long maxAge = StoryConfig.MAX_AGE.toMillis();
        long window = config.window().toMillis();
        List<Duration> windows = StoryConfig.NOVELTY_WINDOWS;
        int[] novelty = new int[windows.size()];
        List<Item> earlier = new ArrayList<>();
        for (Item c : items) {
            if (!c.late() && ORDER.compare(c, item) < 0 && c.t0() >= item.t0() - maxAge) {
                earlier.add(c);
            }
        }
        earlier.sort(ORDER);
        Item best = null;
        double bestSimilarity = -1;
        for (Item c : earlier) {
            double s = item.terms().similarity(c.terms(), names);
            if (s < config.threshold() || item.terms().sharedWords(c.terms(), names) < StoryConfig.MIN_SHARED_WORDS) {
                continue;
            }
            long age = item.t0() - c.t0();
            for (int k = 0; k < novelty.length; k++) {
                if (age <= windows.get(k).toMillis()) {
                    novelty[k]++;
                }
            }
            if (age <= window && s > bestSimilarity && storyOf.apply(c).storyAt() >= item.t0() - maxAge) {
                best = c;
                bestSimilarity = s; // strictly greater: the earliest of equally similar items wins
            }
        }
        List<Integer> counts = java.util.Arrays.stream(novelty).boxed().toList();
        if (best == null) {
            return new Story(item.id(), item.t0(), 1.0, counts);
        }
        Story joined = storyOf.apply(best);
        double toFirst = 0;
        for (Item c : earlier) {
            if (c.id().equals(joined.storyId()) && c.t0() == joined.storyAt()) {
                toFirst = item.terms().similarity(c.terms(), names);
            }
        }
        return new Story(joined.storyId(), joined.storyAt(), toFirst, counts);
    }
}
