package com.marketreactions.streams.emit;

import com.marketreactions.common.RecentReactionKey;
import com.marketreactions.schema.MarketReaction;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The queryable {@code recent-reactions} store: the latest reaction per (ticker, news, horizon), window time T0.
 * Every FINAL is written at once; PROVISIONAL updates are kept in memory and only the latest of each key is written,
 * once per wall-clock punctuation ({@link #flush}).
 */
public final class RecentReactions {

    private record Latest(MarketReaction reaction, long t0) {}

    private final WindowStore<String, MarketReaction> store;
    private final Map<String, Latest> provisional = new HashMap<>();

    public RecentReactions(WindowStore<String, MarketReaction> store) {
        this.store = store;
    }

    void put(MarketReaction r, boolean isFinal, long t0) {
        String key = new RecentReactionKey(r.getTicker(), r.getNewsId(), r.getHorizon()).encode();
        if (isFinal) {
            provisional.remove(key);
            store.put(key, r, t0);
        } else {
            provisional.put(key, new Latest(r, t0));
        }
    }

    /** Writes the latest PROVISIONAL of each key updated since the last flush. */
    public void flush() {
        for (Map.Entry<String, Latest> e : provisional.entrySet()) {
            store.put(e.getKey(), e.getValue().reaction(), e.getValue().t0());
        }
        provisional.clear();
    }
}
