package com.marketreactions.streams.time;

import java.util.HashMap;
import java.util.Map;

/**
 * How far a task's input is complete, the one notion of time every decision of the reaction processor uses:
 * when a window closes, which news is late, what history may be dropped.
 *
 * <p>Event time. Each symbol's time is its own clock (its newest tick, kept by the tick history), so
 * a feed that runs behind another never has its windows closed by the other's ticks. A reaction on
 * {@code s} is complete up to {@code min(time(s), time(benchmark))}: it waits for the slower of the two,
 * however far the other runs ahead. The task's time ({@link #taskTime}), used for news lateness and
 * retention, is {@code min(newest tick of any own symbol, benchmark, news input)}; the news input's time also
 * holds a FINAL until no earlier news can still arrive in time ({@link Lateness#newsSettled}). When the input has ended
 * everything is complete (+infinity).
 *
 * <p>Wall clock, for a long-running service only (a replay sets the timeouts beyond reach):
 * <ul>
 *   <li>a symbol without ticks for the idle timeout while others trade follows the task's newest tick;</li>
 *   <li>when the whole task is silent (own ticks and benchmark) for the idle timeout and every partition of the
 *       ticks topic reports itself quiet (a heartbeat through the routed ticks, {@link #quiet}), the market is
 *       closed: event time advances with the wall clock;</li>
 *   <li>a benchmark silent otherwise is never taken as done (its partition may be restoring, failing over or
 *       lagging: it then sends no heartbeat either): reactions wait for it, up to the benchmark wait; after
 *       that it follows the stocks and the reactions it lets close are flagged {@code BENCHMARK_STALLED}.</li>
 * </ul>
 */
public final class StreamTime {

    public static final long NONE = Long.MIN_VALUE;
    public static final long END = Long.MAX_VALUE;

    private final String benchmark;
    private final long idleMs;
    private final long benchmarkWaitMs;
    private final Map<String, long[]> lastWall = new HashMap<>();
    private long ownClock = NONE;
    private long benchClock = NONE;
    private long ownWall;
    private long benchWall;
    private final long startWall;
    /** Per ticks partition, when its last quiet heartbeat arrived (wall clock). */
    private final long[] quietWall;
    /** Per news partition: the newest news time it has passed on ({@link #NONE} before any, {@link #END} ended). */
    private final long[] newsHigh;
    /** Per news partition, when its last quiet heartbeat arrived (wall clock). */
    private final long[] newsQuietWall;

    private boolean ended;

    public StreamTime(String benchmark, int partitions, long idleMs, long benchmarkWaitMs, long wallNow) {
        this.benchmark = benchmark;
        this.quietWall = new long[partitions];
        java.util.Arrays.fill(quietWall, Long.MIN_VALUE);
        this.newsHigh = new long[partitions];
        java.util.Arrays.fill(newsHigh, NONE);
        this.newsQuietWall = new long[partitions];
        java.util.Arrays.fill(newsQuietWall, Long.MIN_VALUE);
        this.idleMs = idleMs;
        this.benchmarkWaitMs = Math.max(idleMs, benchmarkWaitMs);
        this.startWall = wallNow;
        this.ownWall = wallNow;
        this.benchWall = wallNow;
    }

    /** State after a restart: the clocks committed with the tick history. */
    public void restore(long ownClock, long benchClock, boolean ended) {
        this.ownClock = ownClock;
        this.benchClock = benchClock;
        this.ended = ended;
    }

    /**
     * Forgets the wall time of the symbols idle for the idle timeout: one that is absent counts as idle since the
     * start, which once the task has run that long is the same answer ({@link #symbolTime}). Keeps the map to the
     * symbols trading now, however many have come and gone.
     */
    public void forgetIdle(long wallNow) {
        if (wallNow - startWall >= idleMs) {
            lastWall.values().removeIf(w -> wallNow - w[0] >= idleMs);
        }
    }

    /** A tick of {@code symbol} at {@code ts} was applied. */
    public void tick(String symbol, long ts, long wallNow) {
        if (symbol.equals(benchmark)) {
            benchClock = Math.max(benchClock, ts);
            benchWall = wallNow;
        } else {
            ownClock = Math.max(ownClock, ts);
            ownWall = wallNow;
            long[] w = lastWall.get(symbol);
            if (w == null) {
                lastWall.put(symbol, new long[] {wallNow});
            } else {
                w[0] = wallNow;
            }
        }
    }

    /** Ticks partition {@code partition} reported that it has had no record for the idle timeout. */
    public void quiet(int partition, long wallNow) {
        if (partition >= 0 && partition < quietWall.length) {
            quietWall[partition] = wallNow;
        }
    }

    /**
     * News partition {@code partition} has passed on every news event up to {@code time} (a news event's time, or
     * {@link #END} when its input ended); returns whether that moved its progress.
     */
    public boolean newsProgress(int partition, long time) {
        if (partition < 0 || partition >= newsHigh.length || time <= newsHigh[partition]) {
            return false;
        }
        newsHigh[partition] = time;
        return true;
    }

    /** News partition {@code partition} reported that it has had no record for the idle timeout. */
    public void newsQuiet(int partition, long wallNow) {
        if (partition >= 0 && partition < newsQuietWall.length) {
            newsQuietWall[partition] = wallNow;
        }
    }

    /** The progress of each news partition, to be kept with the state ({@link #restoreNews}). */
    public long newsProgress(int partition) {
        return newsHigh[partition];
    }

    /** State after a restart: the progress of each news partition as it was committed. */
    public void restoreNews(long[] progress) {
        for (int p = 0; p < progress.length && p < newsHigh.length; p++) {
            newsHigh[p] = Math.max(newsHigh[p], progress[p]);
        }
    }

    /**
     * How far the news input is complete: every news partition has passed on its news up to this time, or is
     * quiet (a heartbeat within the idle timeout), or ended. {@link #NONE} while a partition has said nothing.
     */
    public long newsTime(long wallNow) {
        if (ended) {
            return END;
        }
        long min = END;
        for (int p = 0; p < newsHigh.length; p++) {
            boolean quiet = newsQuietWall[p] != Long.MIN_VALUE && wallNow - newsQuietWall[p] <= idleMs;
            min = Math.min(min, quiet ? END : newsHigh[p]);
        }
        return min;
    }

    /** All input has ended: every window can close. */
    public void end() {
        ended = true;
    }

    public boolean ended() {
        return ended;
    }

    public boolean isBenchmark(String symbol) {
        return benchmark.equals(symbol);
    }

    /** The newest tick of any own (non-benchmark) symbol, without wall-clock rules. */
    long ownClock() {
        return ownClock;
    }

    /** How far the input of {@code symbol} is complete, given its clock. */
    long symbolTime(String symbol, long clock, long wallNow) {
        if (ended) {
            return END;
        }
        if (symbol.equals(benchmark)) {
            return benchmarkTime(wallNow);
        }
        long closed = marketClosedTime(wallNow);
        if (closed != NONE) {
            return Math.max(clock, closed);
        }
        long[] w = lastWall.get(symbol);
        long last = w == null ? startWall : w[0];
        return wallNow - last >= idleMs ? Math.max(clock, Math.max(ownClock, benchClock)) : clock;
    }

    /** How far the benchmark's input is complete. */
    public long benchmarkTime(long wallNow) {
        if (ended) {
            return END;
        }
        long closed = marketClosedTime(wallNow);
        if (closed != NONE) {
            return Math.max(benchClock, closed);
        }
        return benchmarkStalled(wallNow) ? Math.max(benchClock, ownClock) : benchClock;
    }

    /** A reaction on {@code symbol} is complete up to this time. */
    public long reactionTime(String symbol, long clock, long wallNow) {
        long b = benchmarkTime(wallNow);
        return symbol.equals(benchmark) ? b : Math.min(symbolTime(symbol, clock, wallNow), b);
    }

    /**
     * The task's time: the newest own tick, the benchmark or the news input ({@link #newsTime}), whichever is
     * behind; {@link #NONE} before all three. With the news input in it, a news event is late only when the news
     * that came before it had moved on too, so a service catching up on a backlog finds none late, as a replay
     * (which publishes the news first) does not.
     */
    public long taskTime(long wallNow) {
        if (ended) {
            return END;
        }
        long closed = marketClosedTime(wallNow);
        long own = closed == NONE ? ownClock : Math.max(ownClock, closed);
        long b = benchmarkTime(wallNow);
        long news = newsTime(wallNow);
        return own == NONE || b == NONE || news == NONE ? NONE : Math.min(Math.min(own, b), news);
    }

    /** The benchmark has been silent for the benchmark wait, and not because the whole market is quiet. */
    public boolean benchmarkStalled(long wallNow) {
        return !ended && wallNow - benchWall >= benchmarkWaitMs && marketClosedTime(wallNow) == NONE;
    }

    /**
     * When both the own ticks and the benchmark have been silent for the idle timeout and every ticks partition
     * has reported quiet within it: the newest tick time plus the wall time since the idle timeout ran out;
     * otherwise {@link #NONE}.
     */
    private long marketClosedTime(long wallNow) {
        if (wallNow - ownWall < idleMs || wallNow - benchWall < idleMs) {
            return NONE;
        }
        for (long q : quietWall) {
            if (q == Long.MIN_VALUE || wallNow - q > idleMs) {
                return NONE; // a partition that does not report may still deliver the benchmark's ticks
            }
        }
        long base = Math.max(ownClock, benchClock);
        if (base == NONE) {
            return NONE;
        }
        long silentFor = wallNow - Math.max(ownWall, benchWall) - idleMs;
        return base + Math.max(0, silentFor);
    }
}
