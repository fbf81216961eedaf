package com.marketreactions.streams.topology;

import com.marketreactions.streams.reaction.TickSeries;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * Recent ticks per symbol, each with its symbol's clock: the state store behind every reaction's window and
 * estimate, and the one place where time is recorded (committed together with the ticks, so exactly-once).
 *
 * <p>Why not a window store with a record per tick: that writes RocksDB and the changelog once per tick,
 * and Streams' generic cache in front of it costs as much again (a sorted map of byte keys); together they
 * were about 40% of the stream thread in the benchmark's profile. Here a tick is appended to an in-memory
 * {@link TickBlock} of its symbol and minute, written in parts of {@value #PART} ticks to a logged RocksDB
 * key-value store: a part as soon as it fills, the rest of the minutes touched since the last commit when
 * Streams flushes its caches before committing. So the changelog and the offsets stay in one transaction, a
 * busy minute is written once per commit rather than once per tick, only its last part is rewritten, and
 * most of the changelog is sent while the task processes rather than in the flush the commit waits for.
 *
 * <p>Time. Each symbol has a clock, the newest tick time it has had; every tick records the clock before it,
 * so {@link #series(String, long, long, long) reads as of} a close time are a function of the symbol's own
 * input order alone. The store keeps one more clock for its owner (the processor's task clock).
 *
 * <p>Retention is the caller's: {@link #expire} drops the minutes of a symbol before a time the caller
 * knows nobody needs (checked at most every {@code EXPIRY_STEP_MS} per symbol), and remembers how far it
 * went. The minute a symbol is filling stays in memory across commits; older minutes are read from RocksDB.
 * After a restart the store is restored from its changelog and the in-memory part starts empty.
 *
 * <p>The commit hook is Streams' internal {@link CachedStateStore} interface (its caching stores use it):
 * no public API runs before a commit (the public {@code commit} of a store runs after the transaction has
 * committed, too late for the changelog). {@code TickHistoryCommitTest} pins that behaviour, so an upgrade
 * that changes it fails the build rather than losing ticks on a crash.
 */
final class TickHistoryStore implements StateStore, CachedStateStore<Object, Object> {

    /** Ticks per persisted record: bounds what a commit rewrites of a busy minute. */
    static final int PART = 256;

    static final long NO_CLOCK = Long.MIN_VALUE;
    /** Shorter than any symbol's key, so it cannot collide with one. */
    private static final Bytes CLOCK_KEY = Bytes.wrap(new byte[] {0});
    /** Expiry scans the store at most once per this much time per symbol. */
    private static final long EXPIRY_STEP_MS = 10 * TickBlock.SPAN_MS;
    /** Separates the symbol from a minute's key; {@link #META} marks the symbol's clock record. */
    private static final byte MINUTES = 0;

    private static final byte META = 1;
    private static final long SPAN = TickBlock.SPAN_MS;
    /**
     * Settled minutes kept in memory over all symbols ({@link SettledMinutes}, 32 bytes each): with 500 symbols
     * trading every minute, five days of them. Past it every symbol's are dropped and found again as needed.
     */
    static final int SETTLED_BUDGET = 1_000_000;

    private final KeyValueStore<Bytes, byte[]> inner;
    private final Map<String, Symbol> symbols = new HashMap<>();
    /** Symbols touched since the last flush, each once ({@link Symbol#dirty}). */
    private final List<Symbol> dirty = new ArrayList<>();
    /**
     * The symbol looked up last, by identity: a tick's symbol is one String instance per symbol
     * ({@code ReactionNode}), and the processor asks about it several times per tick; with thousands of symbols
     * each of those was a hash lookup missing the cache.
     */
    private String lastName;

    private Symbol last;
    private long clock = NO_CLOCK;
    private boolean clockLoaded;
    private boolean clockDirty;
    private int settledCount;

    /**
     * One symbol: its clock, how far it was expired, the latest minute and older ones touched since the last flush.
     * Stored: its minutes, and a meta record with how far it was expired (and the clock then, which the newest
     * stored tick may have passed since).
     */
    private static final class Symbol {
        final byte[] prefix;
        final Bytes metaKey;
        final TreeMap<Long, Minute> minutes = new TreeMap<>();
        long latest = Long.MIN_VALUE;
        /** {@code minutes.get(latest)} while it is there: most ticks go to their symbol's latest minute. */
        Minute latestMinute;

        long clock = NO_CLOCK;
        long expiredBefore = Long.MIN_VALUE;
        boolean metaDirty;
        boolean dirty;
        /** What estimates read of the settled minutes, or null until one is computed. */
        SettledMinutes settled;

        Symbol(String name) {
            byte[] s = name.getBytes(StandardCharsets.UTF_8);
            this.prefix = ByteBuffer.allocate(s.length + 1).put(s).put(MINUTES).array();
            this.metaKey = Bytes.wrap(
                    ByteBuffer.allocate(s.length + 1).put(s).put(META).array());
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

    private TickHistoryStore(KeyValueStore<Bytes, byte[]> inner) {
        this.inner = inner;
    }

    /** A logged, persistent tick history named {@code name}. */
    static StoreBuilder<TickHistoryStore> builder(String name, Map<String, String> changelogConfig) {
        return new Builder(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                        .withCachingDisabled()
                        .withLoggingEnabled(changelogConfig));
    }

    /** The owner's clock recorded by {@link #clock(long)}, or {@link #NO_CLOCK}; survives restarts. */
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

    /** The newest tick time of {@code symbol}, or {@link #NO_CLOCK}. */
    long clock(String symbol) {
        return symbol(symbol).clock;
    }

    /** Ticks of {@code symbol} before this time may have been dropped by {@link #expire}. */
    long expiredBefore(String symbol) {
        return symbol(symbol).expiredBefore;
    }

    /**
     * Adds a tick, stamped with its symbol's clock before it, and moves the clock on.
     *
     * @return the symbol's clock before this tick ({@link #NO_CLOCK} for its first)
     */
    long add(String symbol, long ts, double price, long size) {
        Symbol s = symbol(symbol);
        long before = s.clock;
        long start = TickBlock.start(ts);
        if (s.settled != null) {
            s.settled.touched(start);
        }
        // a minute after the latest is in no map (the in-memory minutes are at most the latest)
        Minute m = start > s.latest
                ? null
                : start == s.latest && s.latestMinute != null ? s.latestMinute : s.minutes.get(start);
        if (m == null) {
            // a minute later than any this symbol has had since the start cannot be in the store yet; sized as its
            // previous minute was, so that a busy symbol's block does not grow by copying
            m = new Minute(
                    s.latest != Long.MIN_VALUE && start > s.latest ? new TickBlock(sizeOfLatest(s)) : load(s, start));
            s.minutes.put(start, m);
        }
        if (start > s.latest) {
            Minute previous = s.latestMinute;
            if (previous != null && previous.firstDirty == Integer.MAX_VALUE) {
                s.minutes.remove(s.latest); // written already: read it from the store from now on
            }
            s.latest = start;
            s.latestMinute = m;
        }
        int at = m.ticks.add(ts, price, size, before); // later ticks moved up by one
        m.firstDirty = Math.min(m.firstDirty, at);
        int n = m.ticks.size();
        if (n % PART == 0 && m.firstDirty >= n - PART) {
            // a part just filled and nothing before it changed: write it now, so the changelog records go out
            // while the task processes instead of all at once in the flush before the commit, which waits for them
            inner.put(key(s, start, n / PART - 1), m.ticks.part(n - PART, n));
            m.firstDirty = Integer.MAX_VALUE;
        }
        if (ts > s.clock) {
            s.clock = ts; // not written with each move: the newest stored tick says it after a restart
        }
        markDirty(s);
        return before;
    }

    private static int sizeOfLatest(Symbol s) {
        return s.latestMinute == null ? 0 : s.latestMinute.ticks.size() * 5 / 4;
    }

    private void markDirty(Symbol s) {
        if (!s.dirty) {
            s.dirty = true;
            dirty.add(s);
        }
    }

    /** The ticks of {@code symbol} with {@code from <= ts <= to}, in processing order, all that have arrived. */
    TickSeries series(String symbol, long from, long to) {
        return series(symbol, from, to, Long.MAX_VALUE);
    }

    /**
     * The ticks of {@code symbol} with {@code from <= ts <= to} that arrived while the symbol's clock had not
     * passed {@code asOf}, in processing order: what a window closing at {@code asOf} holds, read at any time.
     */
    TickSeries series(String symbol, long from, long to, long asOf) {
        TickSeries out = new TickSeries();
        appendSeries(out, symbol(symbol), from, to, asOf);
        return out;
    }

    /**
     * What an estimate reads, {@link #series(String, long, long, long) the ticks} of {@code [from, t0]} as of
     * {@code asOf = t0 + grace}, with each settled minute wholly between from's minute and t0's given as the one
     * tick that stands for it ({@link SettledMinutes}): the same estimate, without reading five days of ticks for
     * each news (the benchmark's for every news on any ticker).
     */
    TickSeries estimationSeries(String symbol, long from, long t0, long asOf, long graceMs) {
        TickSeries out = new TickSeries();
        Symbol s = symbol(symbol);
        long firstMid = TickBlock.start(from) + SPAN;
        long lastSettled = s.clock == NO_CLOCK ? Long.MIN_VALUE : TickBlock.start(s.clock - SPAN - graceMs);
        long to = Math.min(TickBlock.start(t0) - SPAN, lastSettled);
        SettledMinutes m = firstMid > to ? null : settle(s, firstMid, to, graceMs);
        long lo = m == null ? Long.MAX_VALUE : Math.max(firstMid, m.checkedFrom());
        if (lo > to) {
            appendSeries(out, s, from, t0, asOf);
            return out;
        }
        appendSeries(out, s, from, lo - 1, asOf);
        long next = lo;
        for (long u : m.unsettled(lo, to)) {
            m.appendTo(out, next, u - SPAN);
            appendSeries(out, s, u, u + SPAN - 1, asOf);
            next = u + SPAN;
        }
        m.appendTo(out, next, to);
        appendSeries(out, s, to + SPAN, t0, asOf);
        return out;
    }

    /** The symbol's settled minutes, looked at up to {@code to} (from {@code from} when they do not reach it yet). */
    private SettledMinutes settle(Symbol s, long from, long to, long graceMs) {
        if (s.settled == null) {
            s.settled = new SettledMinutes();
        }
        SettledMinutes m = s.settled;
        if (!m.isEmpty() && from > m.checkedTo() + SPAN) {
            settledCount -= m.size(); // a gap: start again from here
            m.clear();
        }
        if (m.isEmpty() || to > m.checkedTo()) {
            long a = m.isEmpty() ? from : m.checkedTo() + SPAN;
            int before = m.size();
            Summarizer sum = new Summarizer(m, graceMs);
            visit(s, a, to + SPAN - 1, sum);
            sum.close();
            m.checkedUpTo(a, to);
            settledCount += m.size() - before;
            if (settledCount > SETTLED_BUDGET) {
                for (Symbol other : symbols.values()) {
                    if (other != s) {
                        other.settled = null;
                    }
                }
                settledCount = m.size();
            }
        }
        return m;
    }

    /** Folds the ticks of consecutive minutes into {@link SettledMinutes}: a minute with a late tick is unsettled. */
    private static final class Summarizer implements TickBlock.TickVisitor {
        private final SettledMinutes into;
        private final long graceMs;
        private long minute = Long.MIN_VALUE;
        private long lastTs;
        private double lastPrice;
        private long volume;
        private boolean inTime;

        Summarizer(SettledMinutes into, long graceMs) {
            this.into = into;
            this.graceMs = graceMs;
        }

        @Override
        public void tick(long ts, double price, long size, long clockBefore) {
            long start = TickBlock.start(ts);
            if (start != minute) {
                close();
                minute = start;
                volume = 0;
                inTime = true;
            }
            lastTs = ts;
            lastPrice = price;
            volume += size;
            // late as the processor counts it: more than G behind the symbol's clock when it came
            inTime &= clockBefore == NO_CLOCK || ts >= clockBefore - graceMs;
        }

        void close() {
            if (minute == Long.MIN_VALUE) {
                return;
            }
            if (inTime) {
                into.add(lastTs, lastPrice, volume);
            } else {
                into.unsettle(minute);
            }
            minute = Long.MIN_VALUE;
        }
    }

    private void appendSeries(TickSeries out, Symbol s, long from, long to, long asOf) {
        visit(s, from, to, (t, p, size, c) -> {
            if (t >= from && t <= to && c <= asOf) {
                out.add(t, p, size);
            }
        });
    }

    /** Hands every tick of the minutes overlapping {@code [from, to]} to {@code visitor}, in processing order. */
    private void visit(Symbol s, long from, long to, TickBlock.TickVisitor visitor) {
        if (from > to) {
            return;
        }
        long first = TickBlock.start(from);
        long last = TickBlock.start(to);
        Iterator<Map.Entry<Long, Minute>> mem =
                s.minutes.subMap(first, true, last, true).entrySet().iterator();
        Map.Entry<Long, Minute> next = mem.hasNext() ? mem.next() : null;
        try (KeyValueIterator<Bytes, byte[]> it = inner.range(key(s, first, 0), key(s, last, Integer.MAX_VALUE))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                long minute = minuteOf(s, kv.key.get());
                while (next != null && next.getKey() < minute) {
                    next.getValue().ticks.forEach(visitor);
                    next = mem.hasNext() ? mem.next() : null;
                }
                if (next != null && next.getKey() == minute) {
                    continue; // the in-memory copy is newer
                }
                TickBlock.forEach(kv.value, visitor);
            }
        }
        while (next != null) {
            next.getValue().ticks.forEach(visitor);
            next = mem.hasNext() ? mem.next() : null;
        }
    }

    /**
     * Drops the minutes of {@code symbol} that end before {@code before}, unless the last expiry of the
     * symbol was less than {@code EXPIRY_STEP_MS} ago.
     */
    void expire(String symbol, long before) {
        Symbol s = symbol(symbol);
        long upTo = TickBlock.start(before); // whole minutes only
        if (upTo <= s.expiredBefore || (s.expiredBefore != Long.MIN_VALUE && upTo - s.expiredBefore < EXPIRY_STEP_MS)) {
            return;
        }
        List<Bytes> old = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it =
                inner.range(key(s, s.expiredBefore, 0), key(s, upTo - 1, Integer.MAX_VALUE))) {
            it.forEachRemaining(kv -> old.add(kv.key));
        }
        old.forEach(inner::delete);
        s.minutes.headMap(upTo, false).clear();
        if (s.settled != null) {
            int had = s.settled.size();
            s.settled.dropBefore(upTo);
            settledCount -= had - s.settled.size();
        }
        if (s.latest < upTo) {
            s.latestMinute = null; // dropped with the others
        }
        s.expiredBefore = upTo;
        s.metaDirty = true;
        markDirty(s);
    }

    /** Writes what changed since the last call to the inner store (and so to its changelog). */
    @Override
    public void flushCache() {
        if (clockDirty) {
            inner.put(CLOCK_KEY, ByteBuffer.allocate(8).putLong(clock).array());
            clockDirty = false;
        }
        for (Symbol s : dirty) {
            if (s.metaDirty) {
                inner.put(
                        s.metaKey,
                        ByteBuffer.allocate(16)
                                .putLong(s.clock)
                                .putLong(s.expiredBefore)
                                .array());
                s.metaDirty = false;
            }
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
            s.dirty = false;
        }
        dirty.clear();
    }

    /** The in-memory state of a symbol, its clock loaded from the store on first use. */
    private Symbol symbol(String name) {
        if (name == lastName) {
            return last;
        }
        Symbol s = symbols.get(name);
        if (s == null) {
            s = new Symbol(name);
            byte[] meta = inner.get(s.metaKey);
            if (meta != null) {
                ByteBuffer b = ByteBuffer.wrap(meta);
                s.clock = b.getLong();
                s.expiredBefore = b.getLong();
            }
            s.clock = Math.max(s.clock, newestStored(s));
            symbols.put(name, s);
        }
        lastName = name;
        last = s;
        return s;
    }

    /**
     * The time of the symbol's newest stored tick, or {@link #NO_CLOCK}: its clock, which is the newest tick
     * time it has had (expiry never drops that one). The meta record is written when expiry moves on, not with
     * every tick: with thousands of symbols each commit would write two records per symbol instead of one.
     */
    private long newestStored(Symbol s) {
        long[] newest = {NO_CLOCK};
        try (KeyValueIterator<Bytes, byte[]> it =
                inner.reverseRange(key(s, Long.MIN_VALUE, 0), key(s, Long.MAX_VALUE, Integer.MAX_VALUE))) {
            if (it.hasNext()) {
                TickBlock.forEach(it.next().value, (t, p, size, c) -> newest[0] = Math.max(newest[0], t));
            }
        }
        return newest[0];
    }

    @Override
    public void clearCache() {
        symbols.clear();
        settledCount = 0;
        dirty.clear();
        lastName = null;
        last = null;
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

    /** symbol, 0, minute (sign-flipped so byte order is time order), part. */
    private static Bytes key(Symbol s, long minute, int part) {
        return key(s.prefix, minute, part);
    }

    private static Bytes key(byte[] prefix, long minute, int part) {
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + 12)
                .put(prefix)
                .putLong(minute ^ Long.MIN_VALUE)
                .putInt(part)
                .array());
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
    @SuppressWarnings(
            "deprecation") // Streams 4.3 still asks a store this; a wrapper must pass the inner store's answer on
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

    /** Answers a {@link TicksQuery} on a query thread, from the committed (RocksDB) part only. */
    @Override
    @SuppressWarnings("unchecked")
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        if (!(query instanceof TicksQuery q)) {
            return QueryResult.forUnknownQueryType(query, this);
        }
        byte[] name = q.symbol().getBytes(StandardCharsets.UTF_8);
        byte[] prefix =
                ByteBuffer.allocate(name.length + 1).put(name).put(MINUTES).array();
        TickSeries out = new TickSeries();
        if (q.from() <= q.to()) {
            try (KeyValueIterator<Bytes, byte[]> it = inner.range(
                    key(prefix, TickBlock.start(q.from()), 0),
                    key(prefix, TickBlock.start(q.to()), Integer.MAX_VALUE))) {
                it.forEachRemaining(kv -> TickBlock.appendPart(kv.value, out, q.from(), q.to(), Long.MAX_VALUE));
            }
        }
        return (QueryResult<R>) QueryResult.forResult(out);
    }

    /** Builds the store around a logged RocksDB key-value store; caching is this store's own. */
    private static final class Builder implements StoreBuilder<TickHistoryStore> {
        private StoreBuilder<KeyValueStore<Bytes, byte[]>> inner;

        Builder(StoreBuilder<KeyValueStore<Bytes, byte[]>> inner) {
            this.inner = inner;
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
            return new TickHistoryStore(inner.build());
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
