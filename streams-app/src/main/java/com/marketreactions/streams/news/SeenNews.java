package com.marketreactions.streams.news;

import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The (news, ticker) pairs a reacting task has had, in the {@code news-seen} window store by news time: a repeated
 * news event is not reacted to twice (an upstream retry, or the same news resolved to a ticker again).
 */
public final class SeenNews {

    private final WindowStore<String, Long> store;

    public SeenNews(WindowStore<String, Long> store) {
        this.store = store;
    }

    /** True the first time (and remembers it), false when the pair was seen before. */
    public boolean firstTime(String newsId, String ticker, long t0) {
        String key = newsId + '|' + ticker;
        try (WindowStoreIterator<Long> seen = store.fetch(key, t0, t0)) {
            if (seen.hasNext()) {
                return false;
            }
        }
        store.put(key, t0, t0);
        return true;
    }
}
