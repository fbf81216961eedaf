package com.marketreactions.streams.pending;

import com.marketreactions.streams.history.BenchmarkTape;
import com.marketreactions.streams.history.TickHistoryStore;
import com.marketreactions.streams.reaction.TickSeries;
import com.marketreactions.streams.reaction.WindowStats;
import com.marketreactions.streams.time.WindowClose;
import java.util.ArrayList;
import java.util.List;

/**
 * The statistics of the open windows, kept tick by tick: a tick is folded into every tracked window it belongs to
 * (its time inside the window, and it arrived before its symbol's clock passed the window's close: what a read as
 * of the close would see, {@link WindowClose#sees}). A benchmark tick counts for every ticker's window, as the
 * benchmark's side (or the stock's, for news on the benchmark itself). A window is tracked from the first time
 * its statistics are needed, read then from the history as of its close, that tick included.
 */
public final class WindowFolder {

    private final PendingIndex index;
    private final TickHistoryStore history;
    private final BenchmarkTape tape;
    private final String benchmark;

    public WindowFolder(PendingIndex index, TickHistoryStore history, BenchmarkTape tape, String benchmark) {
        this.index = index;
        this.history = history;
        this.tape = tape;
        this.benchmark = benchmark;
    }

    /** Folds a tick that arrived when its symbol's clock was {@code clockBefore}. */
    public void fold(String symbol, boolean isBenchmark, long ts, double price, long size, long clockBefore) {
        for (PendingReaction e : isBenchmark ? index.tracked() : index.tracked(symbol)) {
            if (ts <= e.t0() || ts > e.end() || !WindowClose.sees(e.key().closeTime(), clockBefore)) {
                continue;
            }
            if (isBenchmark && !benchmark.equals(e.key().ticker())) {
                e.window.addBench(ts, price);
            } else {
                e.window.addStock(ts, price, size);
            }
        }
    }

    /**
     * A trade of {@code symbol} at {@code ts} was withdrawn (and maybe replaced) when the symbol's clock was {@code
     * clock}: the statistics of the tracked windows that hold it and see the withdrawal cannot take a trade out, so
     * they are read from the history again when next needed. Closed windows do not see it and keep theirs.
     */
    public void amended(String symbol, boolean isBenchmark, long ts, long clock) {
        List<PendingReaction> stale = new ArrayList<>();
        for (PendingReaction e : isBenchmark ? index.tracked() : index.tracked(symbol)) {
            if (ts > e.t0() && ts <= e.end() && WindowClose.sees(e.key().closeTime(), clock)) {
                stale.add(e);
            }
        }
        stale.forEach(index::untrack);
    }

    /** The statistics of {@code e}'s window so far, read from the history as of its close the first time. */
    public WindowStats window(PendingReaction e) {
        if (e.window == null) {
            String ticker = e.key().ticker();
            long close = e.key().closeTime();
            e.window = WindowStats.of(
                    e.t0(),
                    e.horizonMs(),
                    history.series(ticker, e.t0() + 1, e.end(), close),
                    benchmark.equals(ticker) ? null : benchmarkSide(e.t0(), e.end(), close));
            index.track(e);
        }
        return e.window;
    }

    /** The benchmark's trades of the window {@code (t0, end]} as of {@code close}: from the tape when it can say. */
    private TickSeries benchmarkSide(long t0, long end, long close) {
        TickSeries onTape = tape.window(t0, end);
        return onTape != null ? onTape : history.series(benchmark, t0 + 1, end, close);
    }
}
