package com.marketreactions.streams.pending;

import com.marketreactions.schema.NewsEvent;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.time.WindowClose;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The reactions waiting for their windows to close: the {@code pending-reactions} store that persists them and the
 * {@link PendingIndex} that finds them, kept in step; the index is rebuilt from the store on start.
 */
public final class PendingReactions {

    private final KeyValueStore<Bytes, NewsEvent> store;
    private final PendingIndex index;
    private final WindowClose close;

    public PendingReactions(KeyValueStore<Bytes, NewsEvent> store, PendingIndex index, WindowClose close) {
        this.store = store;
        this.index = index;
        this.close = close;
    }

    /** Rebuilds the index from the store. */
    public void restore() {
        index.clear();
        try (KeyValueIterator<Bytes, NewsEvent> it = store.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                PendingKey key = PendingKey.decode(kv.key);
                long h = Horizon.parse(key.horizon()).millis();
                index.add(new PendingReaction(key, kv.value, close.t0(key.closeTime(), h), h));
            }
        }
    }

    /** One pending reaction per horizon of a news event about {@code ticker}; {@code late}: it arrived late. */
    public void add(String ticker, NewsEvent news, boolean late, List<Horizon> horizons) {
        long t0 = news.getPublishedAt().toEpochMilli();
        for (Horizon h : horizons) {
            PendingKey key = new PendingKey(close.of(t0, h.millis()), late, ticker, h.label(), news.getId());
            store.put(key.encode(), news);
            index.add(new PendingReaction(key, news, t0, h.millis()));
        }
    }

    /** A reaction made final. */
    public void remove(PendingReaction e) {
        store.delete(e.encoded());
        index.remove(e);
    }

    public PendingIndex index() {
        return index;
    }
}
