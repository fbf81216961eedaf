package com.marketreactions.streams.story;

import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.internal.StoryItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The stories of a task's (news, ticker) pairs: every news item about a ticker is kept in the
 * {@code story-items} store (key {@code TICKER|T0|newsId}, T0 zero-padded so a ticker's items are in time
 * order) for the stories' look-back, and an item's story is stored with it once final, i.e. once no earlier item
 * can still arrive within the news lateness. A final story is read back, never recomputed, so later items link to
 * what earlier ones were given, after a restart too. Before it is final (a PROVISIONAL reaction) the story is
 * computed from what has arrived and not kept.
 *
 * <p>Retention is by need, not by a window store's event time (a replay publishes its news before its ticks, and
 * a window store would drop the early ones as soon as the late ones are in): the processor drops a ticker's items
 * older than {@link StoryConfig#MAX_AGE} before both its earliest pending news and the time a news within L can
 * have ({@link #expire}).
 */
public final class StoryTracker {

    private static final char SEPARATOR = '|';

    private final StoryLinker linker;
    private final KeyValueStore<String, StoryItem> items;
    /** Per ticker: items before this were dropped (a scan only when it moves on by an hour). */
    private final Map<String, Long> expiredBefore = new HashMap<>();
    /**
     * Per ticker: no item before this is stored ({@code Long.MAX_VALUE}: none is); absent until a scan found out. Most
     * tickers of a market have no news: their expiry scans the store once, not every hour.
     */
    private final Map<String, Long> firstItem = new HashMap<>();

    private static final long EXPIRY_STEP_MS = 3_600_000L;
    private final KeyValueStore<String, ValueAndTimestamp<String>> aliases;
    /** Terms by news id: an item's text is compared with every later item of its ticker. A cache, so bounded. */
    private final Map<String, StoryTerms> terms = new HashMap<>();
    /** Final stories of the pairs with reactions still to come, by {@code TICKER|T0|newsId}. */
    private final Map<String, Story> finals = new HashMap<>();
    /**
     * Stories not final yet (a PROVISIONAL's), with the ticker's item count they were computed at: one only changes
     * when an item of its ticker arrives, and a ticker with thousands of items a week must not link them again for
     * every update.
     */
    private final Map<String, Provisional> provisional = new HashMap<>();

    private final Map<String, Long> arrivals = new HashMap<>();

    private record Provisional(long arrivals, Story story) {}

    private static final int MAX_CACHED = 50_000;

    public StoryTracker(
            StoryConfig config,
            KeyValueStore<String, StoryItem> items,
            KeyValueStore<String, ValueAndTimestamp<String>> aliases) {
        this.linker = new StoryLinker(config);
        this.items = items;
        this.aliases = aliases;
    }

    /** Keeps a news item about {@code ticker}; {@code late}: it arrived after the news lateness. */
    public void add(String ticker, NewsEvent news, boolean late) {
        long t0 = news.getPublishedAt().toEpochMilli();
        items.put(key(ticker, t0, news.getId()), item(news, late));
        firstItem.computeIfPresent(ticker, (k, first) -> Math.min(first, t0));
        arrivals.merge(ticker, 1L, Long::sum);
    }

    private static StoryItem item(NewsEvent news, boolean late) {
        return StoryItem.newBuilder()
                .setNewsId(news.getId())
                .setPublishedAt(news.getPublishedAt().toEpochMilli())
                .setHeadline(news.getHeadline())
                .setSummary(news.getSummary())
                .setLate(late)
                .build();
    }

    /**
     * The story of {@code newsId} about {@code ticker}; stored when {@code isFinal} (every earlier item that is not
     * late has arrived).
     */
    public Story story(String ticker, NewsEvent news, boolean late, boolean isFinal) {
        long t0 = news.getPublishedAt().toEpochMilli();
        String key = key(ticker, t0, news.getId());
        Story known = finals.get(key);
        if (known != null) {
            return known;
        }
        long seen = arrivals.getOrDefault(ticker, 0L);
        Provisional p = provisional.get(key);
        if (!isFinal && p != null && p.arrivals() == seen) {
            return p.story(); // no item of the ticker came since
        }
        StoryItem stored = items.get(key);
        if (stored == null) {
            // dropped already (a news far later than the lateness bound): linked to what is left
            stored = item(news, late);
            isFinal = false;
        }
        Story s = story(ticker, stored, isFinal);
        if (isFinal) {
            provisional.remove(key);
        } else {
            if (provisional.size() >= MAX_CACHED) {
                provisional.clear();
            }
            provisional.put(key, new Provisional(seen, s));
        }
        return s;
    }

    private Story story(String ticker, StoryItem stored, boolean isFinal) {
        String newsId = stored.getNewsId();
        long t0 = stored.getPublishedAt();
        if (stored.getStoryId() != null) {
            Story s = storyOf(stored);
            remember(key(ticker, t0, newsId), s);
            return s;
        }
        List<StoryLinker.Item> around = new ArrayList<>();
        try (KeyValueIterator<String, StoryItem> it =
                items.range(key(ticker, t0 - StoryConfig.MAX_AGE.toMillis(), ""), key(ticker, t0, "\uffff"))) {
            while (it.hasNext()) {
                around.add(item(it.next().value));
            }
        }
        Set<String> names = names(ticker);
        // the earlier items are final when this one is (they are earlier); otherwise nothing is stored
        Story s = linker.link(item(stored), around, names, c -> earlier(ticker, c, isFinal));
        if (isFinal) {
            items.put(
                    key(ticker, t0, newsId),
                    StoryItem.newBuilder(stored)
                            .setStoryId(s.storyId())
                            .setStoryAt(s.storyAt())
                            .setSimilarity(s.similarity())
                            .setNovelty(s.novelty())
                            .build());
            remember(key(ticker, t0, newsId), s);
        }
        return s;
    }

    /** The story of an earlier item of the same ticker: stored, or computed (and stored if final) now. */
    private Story earlier(String ticker, StoryLinker.Item c, boolean isFinal) {
        Story known = finals.get(key(ticker, c.t0(), c.id()));
        if (known != null) {
            return known;
        }
        StoryItem stored = items.get(key(ticker, c.t0(), c.id()));
        if (stored == null) {
            throw new IllegalStateException("story item " + c.id() + " about " + ticker + " was read a moment ago");
        }
        return story(ticker, stored, isFinal);
    }

    private void remember(String key, Story s) {
        if (finals.size() >= MAX_CACHED) {
            finals.clear(); // a cache of the store: what was dropped is read back
        }
        finals.put(key, s);
    }

    /** The last reaction of the pair is out: its story stays in the store only. */
    public void forget(String ticker, long t0, String newsId) {
        finals.remove(key(ticker, t0, newsId));
        provisional.remove(key(ticker, t0, newsId));
    }

    /**
     * Drops the items of {@code ticker} before {@code before}: the caller's bound of what no story can read any
     * more (at most every hour of it per ticker).
     */
    public void expire(String ticker, long before) {
        if (expiredBefore.size() >= MAX_CACHED || firstItem.size() >= MAX_CACHED) {
            expiredBefore.clear(); // what they cache, a scan finds again
            firstItem.clear();
        }
        Long done = expiredBefore.get(ticker);
        if (done != null && before - done < EXPIRY_STEP_MS) {
            return;
        }
        Long first = firstItem.get(ticker);
        if (first == null || before > first) {
            dropItems(ticker, before);
        }
        expiredBefore.put(ticker, before);
    }

    /** Deletes the items of {@code ticker} before {@code before} and notes the time of its first one left. */
    private void dropItems(String ticker, long before) {
        List<String> old = new ArrayList<>();
        long first = Long.MAX_VALUE;
        try (KeyValueIterator<String, StoryItem> it =
                items.range(key(ticker, 0, ""), key(ticker, Long.MAX_VALUE, "\uffff"))) {
            while (it.hasNext()) {
                String key = it.next().key;
                long t0 = Long.parseLong(key, ticker.length() + 1, ticker.length() + 20, 10);
                if (t0 >= before) {
                    first = t0;
                    break;
                }
                old.add(key);
            }
        }
        old.forEach(items::delete);
        firstItem.put(ticker, first);
    }

    /** Drops what is in memory (a task re-initialized): it is all in the store, or computed again the same. */
    public void clear() {
        terms.clear();
        finals.clear();
        provisional.clear();
        arrivals.clear();
        expiredBefore.clear();
        firstItem.clear();
    }

    private StoryLinker.Item item(StoryItem i) {
        if (terms.size() >= MAX_CACHED) {
            terms.clear();
        }
        StoryTerms t = terms.computeIfAbsent(i.getNewsId(), id -> StoryTerms.of(i.getHeadline(), i.getSummary()));
        return new StoryLinker.Item(i.getNewsId(), i.getPublishedAt(), t, i.getLate());
    }

    private static Story storyOf(StoryItem i) {
        return new Story(i.getStoryId(), i.getStoryAt(), i.getSimilarity(), i.getNovelty());
    }

    /**
     * The names left out of {@code ticker}'s comparisons, as terms: the ticker itself, and every alias of the alias
     * table with its ticker. Its own names are in every report about it; another listed company's name says who a
     * deal is with, not which deal it is (on Nov 3 2025 four different capacity deals of Microsoft's named Nvidia).
     */
    private Set<String> names(String ticker) {
        List<String> names = new ArrayList<>();
        names.add(ticker);
        try (KeyValueIterator<String, ValueAndTimestamp<String>> it = aliases.all()) {
            while (it.hasNext()) {
                KeyValue<String, ValueAndTimestamp<String>> kv = it.next();
                if (kv.key != null
                        && kv.value != null
                        && kv.value.value() != null
                        && !kv.value.value().isBlank()) {
                    names.add(kv.key);
                    names.add(kv.value.value().trim().toUpperCase(Locale.ROOT));
                }
            }
        }
        return StoryTerms.namesOf(names);
    }

    /** {@code TICKER|T0|newsId}, T0 as 19 digits: a ticker's items sort by time (times before 1970 are not kept). */
    private static String key(String ticker, long t0, String newsId) {
        String digits = Long.toString(Math.max(0, t0)); // zero-padded by hand: String.format costs a microsecond
        StringBuilder b = new StringBuilder(ticker.length() + 21 + newsId.length())
                .append(ticker)
                .append(SEPARATOR);
        for (int i = digits.length(); i < 19; i++) {
            b.append('0');
        }
        return b.append(digits).append(SEPARATOR).append(newsId).toString();
    }
}
