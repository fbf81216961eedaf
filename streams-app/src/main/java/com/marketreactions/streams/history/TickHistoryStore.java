package com.marketreactions.streams.history;

import com.marketreactions.streams.reaction.TickSeries;
import com.marketreactions.streams.time.StreamTime;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
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
public final class TickHistoryStore extends InnerStore implements CachedStateStore<Object, Object> {

    /** Ticks per persisted record: bounds what a commit rewrites of a busy minute. */
    static final int PART = 256;

    /** Expiry scans the store at most once per this much time per symbol. */
    private static final long EXPIRY_STEP_MS = 10 * TickBlock.SPAN_MS;

    private final Map<String, SymbolHistory> symbols = new HashMap<>();
    private final AsOfReads reads;
    /** Symbols touched since the last flush, each once ({@link SymbolHistory#dirty}). */
    private final List<SymbolHistory> dirty = new ArrayList<>();
    /**
     * The symbol looked up last, by identity: a tick's symbol is one String instance per symbol (the reaction
     * node's), and the processor asks about it several times per tick; with thousands of symbols each of those was
     * a hash lookup missing the cache.
     */
    private String lastName;

    private SymbolHistory last;
    private long clock = StreamTime.NONE;
    private boolean clockLoaded;
    private boolean clockDirty;

    TickHistoryStore(KeyValueStore<Bytes, byte[]> inner) {
        super(inner);
        this.reads = new AsOfReads(inner, symbols);
    }

    /** The owner's clock recorded by {@link #clock(long)}, or {@link StreamTime#NONE}; survives restarts. */
    public long clock() {
        if (!clockLoaded) {
            byte[] b = inner.get(HistoryKeys.CLOCK);
            clock = b == null ? StreamTime.NONE : ByteBuffer.wrap(b).getLong();
            clockLoaded = true;
        }
        return clock;
    }

    public void clock(long ts) {
        clock = ts;
        clockLoaded = true;
        clockDirty = true;
    }

    /** The newest tick time of {@code symbol}, or {@link StreamTime#NONE}. */
    public long clock(String symbol) {
        return symbol(symbol).clock;
    }

    /** Ticks of {@code symbol} before this time may have been dropped by {@link #expire}. */
    public long expiredBefore(String symbol) {
        return symbol(symbol).expiredBefore;
    }

    /**
     * Adds a tick, stamped with its symbol's clock before it, and moves the clock on.
     *
     * @return the symbol's clock before this tick ({@link StreamTime#NONE} for its first)
     */
    public long add(String symbol, long ts, double price, long size) {
        return add(symbol, ts, price, size, TickBlock.NO_KEY);
    }

    /** {@link #add(String, long, double, long)} for a trade a cancel or correction may name by {@code tradeKey}. */
    public long add(String symbol, long ts, double price, long size, long tradeKey) {
        SymbolHistory s = symbol(symbol);
        long before = s.clock;
        long start = TickBlock.start(ts);
        if (s.settled != null) {
            s.settled.touched(start);
        }
        SymbolHistory.Minute m = s.inMemory(start);
        if (m == null && start > s.latest) {
            // a minute after the clock's cannot be in the store yet (after a restart the clock is the stored one)
            boolean fresh = before == StreamTime.NONE || start > TickBlock.start(before);
            m = new SymbolHistory.Minute(fresh ? s.blockLikeLatest() : load(s, start));
            s.newLatest(start, m);
        } else if (m == null) {
            m = new SymbolHistory.Minute(load(s, start));
            s.readBack(start, m);
        }
        int at = m.ticks.add(ts, price, size, before, tradeKey, TickBlock.NOT_WITHDRAWN); // later ones move up
        m.firstDirty = Math.min(m.firstDirty, at);
        int n = m.ticks.size();
        if (n % PART == 0 && m.firstDirty >= n - PART) {
            // a part just filled and nothing before it changed: write it now, so the changelog records go out
            // while the task processes instead of all at once in the flush before the commit, which waits for them
            inner.put(s.written(start, n / PART - 1), m.ticks.part(n - PART, n));
            m.firstDirty = Integer.MAX_VALUE;
        }
        if (ts > s.clock) {
            s.clock = ts; // not written with each move: the newest stored tick says it after a restart
        }
        markDirty(s);
        return before;
    }

    /**
     * Withdraws the latest trade of {@code symbol} with key {@code tradeKey} at or after {@code from} that is not
     * withdrawn yet, for reads as of the symbol's clock and later: the windows closed before stay as they were.
     * Searched from the newest minute back (a cancel usually follows its trade closely), in memory and in the store.
     *
     * @return the trade withdrawn, or null when there is none
     */
    public Withdrawn withdraw(String symbol, long tradeKey, long from) {
        SymbolHistory s = symbol(symbol);
        if (s.clock == StreamTime.NONE || from > s.clock) {
            return null;
        }
        long first = TickBlock.start(Math.max(from, s.expiredBefore));
        long last = TickBlock.start(s.clock);
        // newest first, the stored minutes merged with those in memory; lazily, as most searches end at once
        try (KeyValueIterator<Bytes, byte[]> stored =
                inner.reverseRange(s.key(first, 0), s.key(last, Integer.MAX_VALUE))) {
            long nextStored = nextMinute(stored, s);
            for (long minute = newestInMemory(s, last); ; minute = newestInMemory(s, minute - 1)) {
                minute = Math.max(minute, nextStored);
                if (minute == Long.MIN_VALUE || minute < first) {
                    return null;
                }
                while (nextStored >= minute) {
                    nextStored = nextMinute(stored, s);
                }
                Withdrawn w = withdrawIn(s, minute, tradeKey, from);
                if (w != null) {
                    return w;
                }
            }
        }
    }

    /** Withdraws the trade from {@code minute} of {@code s} if it is there, reading the minute back if needed. */
    private Withdrawn withdrawIn(SymbolHistory s, long minute, long tradeKey, long from) {
        SymbolHistory.Minute m = s.inMemory(minute);
        boolean loaded = m == null;
        if (loaded) {
            m = new SymbolHistory.Minute(load(s, minute));
        }
        int i = m.ticks.find(tradeKey, from);
        if (i < 0) {
            return null;
        }
        if (loaded) {
            s.readBack(minute, m);
        }
        m.ticks.withdraw(i, s.clock); // the cancel does not move the clock: it is no trade
        m.firstDirty = Math.min(m.firstDirty, i);
        if (s.settled != null) {
            s.settled.touched(minute);
        }
        markDirty(s);
        return m.ticks.trade(i);
    }

    /** The newest minute of {@code s} in memory at or before {@code upTo}, or {@code Long.MIN_VALUE}. */
    private static long newestInMemory(SymbolHistory s, long upTo) {
        if (s.latestMinute != null && s.latest <= upTo) {
            return s.latest;
        }
        Long older = s.minutes.floorKey(upTo);
        return older == null ? Long.MIN_VALUE : older;
    }

    /** The minute of the next key of a reverse scan, or {@code Long.MIN_VALUE} at its end. */
    private static long nextMinute(KeyValueIterator<Bytes, byte[]> stored, SymbolHistory s) {
        return stored.hasNext() ? s.minuteOf(stored.next().key.get()) : Long.MIN_VALUE;
    }

    private void markDirty(SymbolHistory s) {
        if (!s.dirty) {
            s.dirty = true;
            dirty.add(s);
        }
    }

    /** The ticks of {@code symbol} with {@code from <= ts <= to}, in processing order, all that have arrived. */
    public TickSeries series(String symbol, long from, long to) {
        return series(symbol, from, to, Long.MAX_VALUE);
    }

    /**
     * The ticks of {@code symbol} with {@code from <= ts <= to} that arrived while the symbol's clock had not
     * passed {@code asOf}, in processing order: what a window closing at {@code asOf} holds, read at any time.
     */
    public TickSeries series(String symbol, long from, long to, long asOf) {
        return reads.series(symbol(symbol), from, to, asOf);
    }

    /**
     * What an estimate reads, {@link #series(String, long, long, long) the ticks} of {@code [from, t0]} as of
     * {@code asOf = t0 + grace}, with each settled minute given as the one tick that stands for it ({@link
     * AsOfReads#estimationSeries}).
     */
    public TickSeries estimationSeries(String symbol, long from, long t0, long asOf, long graceMs) {
        return reads.estimationSeries(symbol(symbol), from, t0, asOf, graceMs);
    }

    /**
     * Drops the minutes of {@code symbol} that end before {@code before}, unless the last expiry of the
     * symbol was less than {@code EXPIRY_STEP_MS} ago.
     */
    public void expire(String symbol, long before) {
        SymbolHistory s = symbol(symbol);
        long upTo = TickBlock.start(before); // whole minutes only
        if (upTo <= s.expiredBefore || (s.expiredBefore != Long.MIN_VALUE && upTo - s.expiredBefore < EXPIRY_STEP_MS)) {
            return;
        }
        if (upTo > s.firstStored) {
            dropStored(s, upTo);
        }
        s.minutes.headMap(upTo, false).clear();
        reads.expire(s, upTo);
        if (s.latest < upTo) {
            s.latestMinute = null; // dropped with the others
        }
        s.expiredBefore = upTo;
        s.metaDirty = true;
        markDirty(s);
    }

    /**
     * Deletes the stored minutes of {@code s} before {@code upTo} and finds its first one left: a scan that stops
     * there, so that the next expiry of a symbol that did not move needs none (with thousands of symbols the scans
     * were most of what expiry cost).
     */
    private void dropStored(SymbolHistory s, long upTo) {
        List<Bytes> old = new ArrayList<>();
        long first = Long.MAX_VALUE;
        try (KeyValueIterator<Bytes, byte[]> it =
                inner.range(s.key(s.expiredBefore, 0), s.key(Long.MAX_VALUE, Integer.MAX_VALUE))) {
            while (it.hasNext()) {
                Bytes key = it.next().key;
                long minute = s.minuteOf(key.get());
                if (minute >= upTo) {
                    first = minute;
                    break;
                }
                old.add(key);
            }
        }
        old.forEach(inner::delete);
        s.firstStored = first;
    }

    /** Writes what changed since the last call to the inner store (and so to its changelog). */
    @Override
    public void flushCache() {
        if (clockDirty) {
            inner.put(HistoryKeys.CLOCK, ByteBuffer.allocate(8).putLong(clock).array());
            clockDirty = false;
        }
        for (SymbolHistory s : dirty) {
            if (s.metaDirty) {
                inner.put(
                        s.metaKey,
                        ByteBuffer.allocate(16)
                                .putLong(s.clock)
                                .putLong(s.expiredBefore)
                                .array());
                s.metaDirty = false;
            }
            for (Map.Entry<Long, SymbolHistory.Minute> e : s.minutes.entrySet()) {
                write(s, e.getKey(), e.getValue());
            }
            s.minutes.clear(); // written: read from the store from now on
            if (s.latestMinute != null) {
                write(s, s.latest, s.latestMinute);
            }
            s.dirty = false;
        }
        dirty.clear();
    }

    /** Writes the parts of {@code m} from its first one with a tick the store does not have. */
    private void write(SymbolHistory s, long minute, SymbolHistory.Minute m) {
        if (m.clean()) {
            return;
        }
        int n = m.ticks.size();
        for (int part = m.firstDirty / PART; part * PART < n; part++) {
            inner.put(s.written(minute, part), m.ticks.part(part * PART, Math.min(n, (part + 1) * PART)));
        }
        m.firstDirty = Integer.MAX_VALUE;
    }

    /** The in-memory state of a symbol, its clock loaded from the store on first use. */
    private SymbolHistory symbol(String name) {
        if (name == lastName) {
            return last;
        }
        SymbolHistory s = symbols.get(name);
        if (s == null) {
            s = new SymbolHistory(name);
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
     * The time of the symbol's newest stored tick, or {@link StreamTime#NONE}: its clock, which is the newest tick
     * time it has had (expiry never drops that one). The meta record is written when expiry moves on, not with
     * every tick: with thousands of symbols each commit would write two records per symbol instead of one.
     */
    private long newestStored(SymbolHistory s) {
        long[] newest = {StreamTime.NONE};
        try (KeyValueIterator<Bytes, byte[]> it =
                inner.reverseRange(s.key(Long.MIN_VALUE, 0), s.key(Long.MAX_VALUE, Integer.MAX_VALUE))) {
            if (it.hasNext()) {
                TickBlock.forEach(it.next().value, (t, p, size, c, key, w) -> newest[0] = Math.max(newest[0], t));
            }
        }
        return newest[0];
    }

    /**
     * Drops from memory the symbols that have had no tick since {@code before}, have nothing unwritten and no
     * estimate summaries, and that {@code keep} does not name: a market of thin names and made-up symbols must not
     * grow the heap for good. Nothing is lost: a symbol's next tick loads its clock and expiry bound from the store,
     * as after a restart. Returns how many were dropped.
     */
    public int evictIdle(long before, java.util.function.Predicate<String> keep) {
        int n = 0;
        for (java.util.Iterator<Map.Entry<String, SymbolHistory>> it =
                        symbols.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<String, SymbolHistory> e = it.next();
            SymbolHistory s = e.getValue();
            boolean idle = s.clock < before
                    && !s.dirty
                    && !s.metaDirty
                    && s.settled == null
                    && (s.latestMinute == null || s.latestMinute.clean());
            if (idle && !keep.test(e.getKey())) {
                it.remove();
                n++;
            }
        }
        lastName = null;
        last = null;
        return n;
    }

    /** How many symbols are in memory. */
    public int symbolsInMemory() {
        return symbols.size();
    }

    @Override
    public void clearCache() {
        symbols.clear();
        reads.cleared();
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

    private TickBlock load(SymbolHistory s, long minute) {
        TickBlock b = new TickBlock();
        try (KeyValueIterator<Bytes, byte[]> it = inner.range(s.key(minute, 0), s.key(minute, Integer.MAX_VALUE))) {
            while (it.hasNext()) {
                TickBlock.readPart(it.next().value, b);
            }
        }
        return b;
    }

    @Override
    public void close() {
        clearCache();
        super.close();
    }

    /** Answers a {@link TicksQuery} on a query thread, from the committed (RocksDB) part only. */
    @Override
    @SuppressWarnings("unchecked")
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        if (!(query instanceof TicksQuery q)) {
            return QueryResult.forUnknownQueryType(query, this);
        }
        byte[] prefix = HistoryKeys.minutesPrefix(q.symbol());
        TickSeries out = new TickSeries();
        if (q.from() <= q.to()) {
            try (KeyValueIterator<Bytes, byte[]> it = inner.range(
                    HistoryKeys.minute(prefix, TickBlock.start(q.from()), 0),
                    HistoryKeys.minute(prefix, TickBlock.start(q.to()), Integer.MAX_VALUE))) {
                it.forEachRemaining(kv -> TickBlock.appendPart(kv.value, out, q.from(), q.to(), Long.MAX_VALUE));
            }
        }
        return (QueryResult<R>) QueryResult.forResult(out);
    }
}
