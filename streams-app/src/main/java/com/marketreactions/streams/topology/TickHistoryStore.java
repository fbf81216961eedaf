package com.marketreactions.streams.topology;

import com.marketreactions.streams.reaction.TickSeries;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * Recent ticks per symbol: the state store behind every reaction's window and estimate.
 *
 * <p>Why not a window store with a record per tick: that writes RocksDB and the changelog once per tick,
 * and Streams' generic cache in front of it costs as much again (a sorted map of byte keys); together they
 * were about 40% of the stream thread in the benchmark's profile. Here a tick is appended to an in-memory
 * {@link TickBlock} of its symbol and minute, and the minutes touched since the last commit are written,
 * in parts of {@value #PART} ticks, to a logged RocksDB key-value store when Streams flushes its caches
 * before committing. So the changelog and the offsets stay in one transaction (exactly-once), a busy minute
 * is written once per commit rather than once per tick, and only its last part is rewritten.
 *
 * <p>The minute a symbol is filling stays in memory across commits; older minutes are read from RocksDB.
 * Minutes older than the retention (behind the symbol's newest tick) are deleted as the symbol moves on,
 * checked every {@code EXPIRY_STEP_MS}. The store also keeps its input's clock, committed with the ticks.
 * After a restart the store is restored from its changelog and the in-memory part starts empty.
 *
 * <p>The commit hook is Streams' internal {@link CachedStateStore} interface (its caching stores use it):
 * the public {@code commit} of a store runs after the transaction has committed, too late for the changelog.
 */
final class TickHistoryStore implements StateStore, CachedStateStore<Object, Object> {

    /** Ticks per persisted record: bounds what a commit rewrites of a busy minute. */
    static final int PART = 256;

    private final KeyValueStore<Bytes, byte[]> inner;
    private final long retentionMs;
    private final Map<String, Symbol> symbols = new HashMap<>();
    private final Set<Symbol> dirty = new LinkedHashSet<>();
    /** The newest tick time applied, kept with the ticks so that both are committed together. */
    private long clock = NO_CLOCK;
    private boolean clockLoaded;
    private boolean clockDirty;

    static final long NO_CLOCK = Long.MIN_VALUE;
    /** Shorter than any tick key (symbol, 0, minute, part), so it cannot collide with one. */
    private static final Bytes CLOCK_KEY = Bytes.wrap(new byte[] {0});
    /** Expiry scans the store at most once per this much time per symbol. */
    private static final long EXPIRY_STEP_MS = 10 * TickBlock.SPAN_MS;

    /** The in-memory minutes of one symbol: the latest one, and older ones touched since the last flush. */
    private static final class Symbol {
        final String name;
        final byte[] prefix;
        final TreeMap<Long, Minute> minutes = new TreeMap<>();
        long latest = Long.MIN_VALUE;
        long expiredBefore = Long.MIN_VALUE;

        Symbol(String name) {
            this.name = name;
            byte[] s = name.getBytes(StandardCharsets.UTF_8);
            this.prefix = ByteBuffer.allocate(s.length + 1).put(s).put((byte) 0).array();
        }
    }

    private static final class Minute {
        final TickBlock ticks;
        /** Index of the first tick not yet written to the inner store; {@code Integer.MAX_VALUE} when clean. */
        int firstDirty = Integer.MAX_VALUE;

        Minute(TickBlock ticks) {
            this.ticks = ticks;
        }
    }

    private TickHistoryStore(KeyValueStore<Bytes, byte[]> inner, long retentionMs) {
        this.inner = inner;
        this.retentionMs = retentionMs;
    }

    /** A logged, persistent tick history named {@code name}, keeping {@code retentionMs} behind each symbol's newest tick. */
    static StoreBuilder<TickHistoryStore> builder(String name, long retentionMs, Map<String, String> changelogConfig) {
        return new Builder(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(),
                Serdes.ByteArray()).withCachingDisabled().withLoggingEnabled(changelogConfig), retentionMs);
    }

    /** The newest tick time recorded by {@link #clock(long)}, or {@link #NO_CLOCK}; survives restarts. */
    long clock() {
        if (!clockLoaded) {
            byte[] b = inner.get(CLOCK_KEY);
            clock = b == null ? NO_CLOCK : ByteBuffer.wrap(b).getLong();
            clockLoaded = true;
        }
        return clock;
    }

    void clock(long ts) {
        clock = ts;
        clockLoaded = true;
        clockDirty = true;
    }

    void add(String symbol, long ts, double price, long size) {
        Symbol s = symbols.computeIfAbsent(symbol, Symbol::new);
        long start = TickBlock.start(ts);
        Minute m = s.minutes.get(start);
        if (m == null) {
            // a minute later than any this symbol has had since the start cannot be in the store yet
            m = new Minute(s.latest != Long.MIN_VALUE && start > s.latest ? new TickBlock() : load(s, start));
            s.minutes.put(start, m);
        }
        if (start > s.latest) {
            if (s.latest != Long.MIN_VALUE) {
                Minute previous = s.minutes.get(s.latest);
                if (previous != null && previous.firstDirty == Integer.MAX_VALUE) {
                    s.minutes.remove(s.latest); // written already: read it from the store from now on
                }
            }
            s.latest = start;
            expire(s, start - retentionMs);
        }
        m.firstDirty = Math.min(m.firstDirty, m.ticks.add(ts, price, size)); // later ticks moved up by one
        dirty.add(s);
    }

    /** The ticks of {@code symbol} with {@code from <= ts <= to}, in processing order. */
    TickSeries series(String symbol, long from, long to) {
        TickSeries out = new TickSeries();
        if (from > to) {
            return out;
        }
        Symbol s = symbols.get(symbol);
        if (s == null) {
            s = new Symbol(symbol); // nothing in memory: all from the store
        }
        long first = TickBlock.start(from);
        long last = TickBlock.start(to);
        Iterator<Map.Entry<Long, Minute>> mem = s.minutes.subMap(first, true, last, true).entrySet().iterator();
        Map.Entry<Long, Minute> next = mem.hasNext() ? mem.next() : null;
        try (KeyValueIterator<Bytes, byte[]> it = inner.range(key(s, first, 0), key(s, last, Integer.MAX_VALUE))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                long minute = minuteOf(s, kv.key.get());
                while (next != null && next.getKey() < minute) {
                    next.getValue().ticks.appendTo(out, from, to);
                    next = mem.hasNext() ? mem.next() : null;
                }
                if (next != null && next.getKey() == minute) {
                    continue; // the in-memory copy is newer
                }
                TickBlock.appendPart(kv.value, out, from, to);
            }
        }
        while (next != null) {
            next.getValue().ticks.appendTo(out, from, to);
            next = mem.hasNext() ? mem.next() : null;
        }
        return out;
    }

    /** Writes what changed since the last call to the inner store (and so to its changelog). */
    @Override
    public void flushCache() {
        if (clockDirty) {
            inner.put(CLOCK_KEY, ByteBuffer.allocate(8).putLong(clock).array());
            clockDirty = false;
        }
        for (Symbol s : dirty) {
            Iterator<Map.Entry<Long, Minute>> it = s.minutes.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, Minute> e = it.next();
                Minute m = e.getValue();
                if (m.firstDirty != Integer.MAX_VALUE) {
                    int n = m.ticks.size();
                    for (int part = m.firstDirty / PART; part * PART < n; part++) {
                        inner.put(key(s, e.getKey(), part), m.ticks.part(part * PART, Math.min(n, (part + 1) * PART)));
                    }
                    m.firstDirty = Integer.MAX_VALUE;
                }
                if (e.getKey() != s.latest) {
                    it.remove();
                }
            }
        }
        dirty.clear();
    }

    @Override
    public void clearCache() {
        symbols.clear();
        dirty.clear();
        clockLoaded = false;
        clockDirty = false;
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
        return false;
    }

    private TickBlock load(Symbol s, long minute) {
        TickBlock b = new TickBlock();
        try (KeyValueIterator<Bytes, byte[]> it = inner.range(key(s, minute, 0), key(s, minute, Integer.MAX_VALUE))) {
            while (it.hasNext()) {
                TickBlock.readPart(it.next().value, b);
            }
        }
        return b;
    }

    /** Deletes the minutes before {@code before} that an earlier call has not. */
    private void expire(Symbol s, long before) {
        if (s.expiredBefore != Long.MIN_VALUE && before - s.expiredBefore < EXPIRY_STEP_MS) {
            return;
        }
        List<Bytes> old = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = inner.range(key(s, s.expiredBefore, 0),
                key(s, before - 1, Integer.MAX_VALUE))) {
            it.forEachRemaining(kv -> old.add(kv.key));
        }
        old.forEach(inner::delete);
        s.minutes.headMap(before, false).clear();
        s.expiredBefore = before;
    }

    /** symbol, 0, minute (sign-flipped so byte order is time order), part. */
    private static Bytes key(Symbol s, long minute, int part) {
        return Bytes.wrap(ByteBuffer.allocate(s.prefix.length + 12).put(s.prefix)
                .putLong(minute ^ Long.MIN_VALUE).putInt(part).array());
    }

    private static long minuteOf(Symbol s, byte[] key) {
        return ByteBuffer.wrap(key, s.prefix.length, 8).getLong() ^ Long.MIN_VALUE;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        inner.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public void close() {
        clearCache();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    /** Builds the store around a logged RocksDB key-value store; caching is this store's own. */
    private static final class Builder implements StoreBuilder<TickHistoryStore> {
        private StoreBuilder<KeyValueStore<Bytes, byte[]>> inner;
        private final long retentionMs;

        Builder(StoreBuilder<KeyValueStore<Bytes, byte[]>> inner, long retentionMs) {
            this.inner = inner;
            this.retentionMs = retentionMs;
        }

        @Override
        public StoreBuilder<TickHistoryStore> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<TickHistoryStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<TickHistoryStore> withLoggingEnabled(Map<String, String> config) {
            inner = inner.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<TickHistoryStore> withLoggingDisabled() {
            inner = inner.withLoggingDisabled();
            return this;
        }

        @Override
        public TickHistoryStore build() {
            return new TickHistoryStore(inner.build(), retentionMs);
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
