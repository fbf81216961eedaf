package com.marketreactions.streams.history;

import com.marketreactions.streams.reaction.TickSeries;
import com.marketreactions.streams.time.StreamTime;
import com.marketreactions.streams.time.WindowClose;
import java.util.Iterator;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads of the tick history as of a close time: the ticks a symbol had when its clock passed the close ({@link
 * WindowClose#sees}), from the minutes in memory and those in the inner store, in processing order; and the
 * estimate's read, where each settled minute stands as the one tick of its close ({@link SettledMinutes}), kept in
 * memory per symbol within a budget over all symbols.
 */
final class AsOfReads {

    /**
     * Settled minutes kept in memory over all symbols (32 bytes each): with 500 symbols trading every minute, five
     * days of them. Past it every other symbol's are dropped and found again as needed.
     */
    static final int SETTLED_BUDGET = 1_000_000;

    private static final long SPAN = TickBlock.SPAN_MS;

    private final KeyValueStore<Bytes, byte[]> inner;
    private final Map<String, SymbolHistory> symbols;
    private int settledCount;

    AsOfReads(KeyValueStore<Bytes, byte[]> inner, Map<String, SymbolHistory> symbols) {
        this.inner = inner;
        this.symbols = symbols;
    }

    /** The ticks of {@code s} with {@code from <= ts <= to} as of {@code asOf}. */
    TickSeries series(SymbolHistory s, long from, long to, long asOf) {
        TickSeries out = new TickSeries();
        appendSeries(out, s, from, to, asOf);
        return out;
    }

    /**
     * The ticks of {@code [from, t0]} as of {@code asOf = t0 + grace}, with each settled minute wholly between from's
     * minute and t0's given as the one tick that stands for it: the same estimate, without reading five days of ticks
     * for each news (the benchmark's for every news on any ticker).
     */
    TickSeries estimationSeries(SymbolHistory s, long from, long t0, long asOf, long graceMs) {
        TickSeries out = new TickSeries();
        long firstMid = TickBlock.start(from) + SPAN;
        long lastSettled = s.clock == StreamTime.NONE ? Long.MIN_VALUE : TickBlock.start(s.clock - SPAN - graceMs);
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
    private SettledMinutes settle(SymbolHistory s, long from, long to, long graceMs) {
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
            MinuteSummarizer sum = new MinuteSummarizer(m, graceMs);
            visit(s, a, to + SPAN - 1, sum);
            sum.close();
            m.checkedUpTo(a, to);
            settledCount += m.size() - before;
            if (settledCount > SETTLED_BUDGET) {
                for (SymbolHistory other : symbols.values()) {
                    if (other != s) {
                        other.settled = null;
                    }
                }
                settledCount = m.size();
            }
        }
        return m;
    }

    /** Drops the settled minutes of {@code s} before {@code upTo}, with the rest of its history. */
    void expire(SymbolHistory s, long upTo) {
        if (s.settled != null) {
            int had = s.settled.size();
            s.settled.dropBefore(upTo);
            settledCount -= had - s.settled.size();
        }
    }

    /** Every symbol's settled minutes were forgotten. */
    void cleared() {
        settledCount = 0;
    }

    private void appendSeries(TickSeries out, SymbolHistory s, long from, long to, long asOf) {
        visit(s, from, to, (t, p, size, c, key, withdrawnAt) -> {
            if (t >= from && t <= to && WindowClose.sees(asOf, c, withdrawnAt)) {
                out.add(t, p, size);
            }
        });
    }

    /** Hands every tick of the minutes overlapping {@code [from, to]} to {@code visitor}, in processing order. */
    private void visit(SymbolHistory s, long from, long to, TickBlock.TickVisitor visitor) {
        if (from > to) {
            return;
        }
        long first = TickBlock.start(from);
        long last = TickBlock.start(to);
        Iterator<Map.Entry<Long, SymbolHistory.Minute>> mem = s.inMemory(first, last);
        Map.Entry<Long, SymbolHistory.Minute> next = mem.hasNext() ? mem.next() : null;
        try (KeyValueIterator<Bytes, byte[]> it = inner.range(s.key(first, 0), s.key(last, Integer.MAX_VALUE))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                long minute = s.minuteOf(kv.key.get());
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
}
