package com.marketreactions.streams.pending;

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
public final class PendingIndex {

    /**
     * A ticker's part of the index, found with one lookup per tick: its pending reactions, their news times,
     * the tracked ones, and a lower bound of the next tick time at which one of them may be due a PROVISIONAL.
     */
    public static final class Ticker {
        private final TreeMap<Bytes, PendingReaction> entries = new TreeMap<>();
        private final TreeMap<Long, Integer> t0s = new TreeMap<>();
        private final Set<PendingReaction> tracked = new LinkedHashSet<>();
        /**
         * No reaction of the ticker can be due a PROVISIONAL at a tick before this time (kept by
         * the PROVISIONAL updates); lowered when a reaction is added, set after each pass over them.
         */
        public long nextProvisional = Long.MIN_VALUE;

        /** The pending reactions in close-time order (a live view; copy before removing). */
        public Iterable<PendingReaction> entries() {
            return entries.values();
        }
    }

    private final TreeMap<Bytes, PendingReaction> all = new TreeMap<>();
    private final Map<String, Ticker> byTicker = new HashMap<>();
    private final TreeMap<Long, Integer> t0s = new TreeMap<>();
    private final Set<PendingReaction> tracked = new LinkedHashSet<>();
    /** The ticker looked up last, by identity: a tick's symbol is one String instance, asked about several times. */
    private String lastName;

    private Ticker last;

    /** Forgets every entry (before the index is rebuilt from the store). */
    public void clear() {
        all.clear();
        byTicker.clear();
        t0s.clear();
        tracked.clear();
        lastName = null;
        last = null;
    }

    public void add(PendingReaction e) {
        if (all.put(e.encoded(), e) != null) {
            return;
        }
        Ticker mine = byTicker.get(e.key().ticker());
        if (mine == null) {
            mine = new Ticker();
            byTicker.put(e.key().ticker(), mine);
            lastName = null; // the cache may hold "none" for it
        }
        mine.entries.put(e.encoded(), e);
        mine.t0s.merge(e.t0(), 1, Integer::sum);
        mine.nextProvisional = Math.min(mine.nextProvisional, e.t0() + 1);
        t0s.merge(e.t0(), 1, Integer::sum);
    }

    public void remove(PendingReaction e) {
        if (all.remove(e.encoded()) == null) {
            return;
        }
        Ticker mine = byTicker.get(e.key().ticker());
        mine.entries.remove(e.encoded());
        tracked.remove(e);
        mine.tracked.remove(e);
        decrement(t0s, e.t0());
        decrement(mine.t0s, e.t0());
        if (mine.entries.isEmpty()) {
            byTicker.remove(e.key().ticker());
            lastName = null;
        }
    }

    private static void decrement(TreeMap<Long, Integer> counts, long t0) {
        counts.computeIfPresent(t0, (k, n) -> n == 1 ? null : n - 1);
    }

    public int size() {
        return all.size();
    }

    /** The ticker's pending reactions, or null when it has none. */
    public Ticker ticker(String name) {
        if (name != lastName) {
            last = byTicker.get(name);
            lastName = name;
        }
        return last;
    }

    /** Marks a reaction whose window statistics are kept tick by tick from now on (its {@code window} is set). */
    public void track(PendingReaction e) {
        if (tracked.add(e)) {
            byTicker.get(e.key().ticker()).tracked.add(e);
        }
    }

    /** Stops tracking {@code e}: its window's statistics are read from the history again when next needed. */
    public void untrack(PendingReaction e) {
        if (tracked.remove(e)) {
            byTicker.get(e.key().ticker()).tracked.remove(e);
        }
        e.window = null;
    }

    /** The tracked reactions of {@code ticker} (a live view). */
    public Iterable<PendingReaction> tracked(String ticker) {
        Ticker mine = ticker(ticker);
        return mine == null ? List.of() : mine.tracked;
    }

    /** Every tracked reaction (a live view). */
    public Iterable<PendingReaction> tracked() {
        return tracked;
    }

    /** The pending reactions of {@code ticker} whose close time is before {@code time}, in close order. */
    public List<PendingReaction> closingBefore(String ticker, long time) {
        Ticker mine = ticker(ticker);
        return mine == null ? List.of() : before(mine.entries, time);
    }

    /** All pending reactions whose close time is before {@code time}, in close order. */
    public List<PendingReaction> closingBefore(long time) {
        return before(all, time);
    }

    private static List<PendingReaction> before(TreeMap<Bytes, PendingReaction> map, long time) {
        if (map.isEmpty() || map.firstEntry().getValue().key().closeTime() >= time) {
            return List.of();
        }
        NavigableMap<Bytes, PendingReaction> head = map.headMap(PendingKey.after(time - 1), false);
        return new ArrayList<>(head.values());
    }

    /** The earliest close time pending, or {@code Long.MAX_VALUE}. */
    long firstClose() {
        return all.isEmpty()
                ? Long.MAX_VALUE
                : all.firstEntry().getValue().key().closeTime();
    }

    /** The earliest news time pending for {@code ticker}, or {@code Long.MAX_VALUE}. */
    public long earliestT0(String ticker) {
        Ticker mine = ticker(ticker);
        return mine == null ? Long.MAX_VALUE : mine.t0s.firstKey();
    }

    /** The earliest news time pending for any ticker, or {@code Long.MAX_VALUE}. */
    public long earliestT0() {
        return t0s.isEmpty() ? Long.MAX_VALUE : t0s.firstKey();
    }
}
