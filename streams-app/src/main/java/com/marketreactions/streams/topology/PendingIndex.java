package com.marketreactions.streams.topology;

import com.marketreactions.schema.NewsEvent;
import com.marketreactions.streams.reaction.WindowStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;

/**
 * The reactions waiting for their window to close, in memory, beside the {@code pending-reactions} store that
 * persists them (and from which this index is rebuilt on start): by close time overall and per ticker, and
 * the earliest news time still pending per ticker and overall, which bounds what tick history may be dropped.
 */
final class PendingIndex {

    /**
     * One pending reaction: its news, and in memory only the statistics of its window so far (null until first
     * needed, then kept up to date tick by tick) and the time of its last PROVISIONAL update.
     */
    static final class Entry {
        final PendingKey key;
        final Bytes encoded;
        final NewsEvent news;
        final long t0;
        final long horizonMs;
        long lastUpdate = Long.MIN_VALUE;
        WindowStats window;

        Entry(PendingKey key, NewsEvent news, long t0, long horizonMs) {
            this.key = key;
            this.encoded = key.encode();
            this.news = news;
            this.t0 = t0;
            this.horizonMs = horizonMs;
        }

        long end() {
            return t0 + horizonMs;
        }
    }

    private final TreeMap<Bytes, Entry> all = new TreeMap<>();
    private final Map<String, TreeMap<Bytes, Entry>> byTicker = new HashMap<>();
    private final TreeMap<Long, Integer> t0s = new TreeMap<>();
    private final Map<String, TreeMap<Long, Integer>> t0sByTicker = new HashMap<>();
    private final Set<Entry> tracked = new LinkedHashSet<>();
    private final Map<String, Set<Entry>> trackedByTicker = new HashMap<>();

    /** Forgets every entry (before the index is rebuilt from the store). */
    void clear() {
        all.clear();
        byTicker.clear();
        t0s.clear();
        t0sByTicker.clear();
        tracked.clear();
        trackedByTicker.clear();
    }

    void add(Entry e) {
        if (all.put(e.encoded, e) != null) {
            return;
        }
        byTicker.computeIfAbsent(e.key.ticker(), t -> new TreeMap<>()).put(e.encoded, e);
        t0s.merge(e.t0, 1, Integer::sum);
        t0sByTicker.computeIfAbsent(e.key.ticker(), t -> new TreeMap<>()).merge(e.t0, 1, Integer::sum);
    }

    void remove(Entry e) {
        if (all.remove(e.encoded) == null) {
            return;
        }
        TreeMap<Bytes, Entry> mine = byTicker.get(e.key.ticker());
        mine.remove(e.encoded);
        if (mine.isEmpty()) {
            byTicker.remove(e.key.ticker());
        }
        if (tracked.remove(e)) {
            Set<Entry> t = trackedByTicker.get(e.key.ticker());
            t.remove(e);
            if (t.isEmpty()) {
                trackedByTicker.remove(e.key.ticker());
            }
        }
        decrement(t0s, e.t0);
        TreeMap<Long, Integer> own = t0sByTicker.get(e.key.ticker());
        decrement(own, e.t0);
        if (own.isEmpty()) {
            t0sByTicker.remove(e.key.ticker());
        }
    }

    private static void decrement(TreeMap<Long, Integer> counts, long t0) {
        counts.computeIfPresent(t0, (k, n) -> n == 1 ? null : n - 1);
    }

    int size() {
        return all.size();
    }

    /** Marks a reaction whose window statistics are kept tick by tick from now on (its {@code window} is set). */
    void track(Entry e) {
        if (tracked.add(e)) {
            trackedByTicker.computeIfAbsent(e.key.ticker(), t -> new LinkedHashSet<>()).add(e);
        }
    }

    /** The tracked reactions of {@code ticker} (a live view). */
    Iterable<Entry> tracked(String ticker) {
        Set<Entry> mine = trackedByTicker.get(ticker);
        return mine == null ? List.of() : mine;
    }

    /** Every tracked reaction (a live view). */
    Iterable<Entry> tracked() {
        return tracked;
    }

    /** The pending reactions of {@code ticker} in close-time order (a live view; copy before removing). */
    Iterable<Entry> of(String ticker) {
        TreeMap<Bytes, Entry> mine = byTicker.get(ticker);
        return mine == null ? List.of() : mine.values();
    }

    boolean has(String ticker) {
        return byTicker.containsKey(ticker);
    }

    /** The pending reactions of {@code ticker} whose close time is before {@code time}, in close order. */
    List<Entry> closingBefore(String ticker, long time) {
        TreeMap<Bytes, Entry> mine = byTicker.get(ticker);
        return mine == null ? List.of() : before(mine, time);
    }

    /** All pending reactions whose close time is before {@code time}, in close order. */
    List<Entry> closingBefore(long time) {
        return before(all, time);
    }

    private static List<Entry> before(TreeMap<Bytes, Entry> map, long time) {
        if (map.isEmpty() || map.firstEntry().getValue().key.closeTime() >= time) {
            return List.of();
        }
        NavigableMap<Bytes, Entry> head = map.headMap(PendingKey.after(time - 1), false);
        return new ArrayList<>(head.values());
    }

    /** The earliest close time pending, or {@code Long.MAX_VALUE}. */
    long firstClose() {
        return all.isEmpty() ? Long.MAX_VALUE : all.firstEntry().getValue().key.closeTime();
    }

    /** The earliest news time pending for {@code ticker}, or {@code Long.MAX_VALUE}. */
    long earliestT0(String ticker) {
        TreeMap<Long, Integer> own = t0sByTicker.get(ticker);
        return own == null ? Long.MAX_VALUE : own.firstKey();
    }

    /** The earliest news time pending for any ticker, or {@code Long.MAX_VALUE}. */
    long earliestT0() {
        return t0s.isEmpty() ? Long.MAX_VALUE : t0s.firstKey();
    }
}
