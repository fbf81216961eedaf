package com.marketreactions.streams.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.streams.reaction.Estimate;
import com.marketreactions.streams.reaction.NormalModel;
import com.marketreactions.streams.reaction.ReactionCalculator;
import com.marketreactions.streams.reaction.SessionConfig;
import com.marketreactions.streams.reaction.TickSeries;
import com.marketreactions.streams.time.StreamTime;
import java.io.File;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store on RocksDB without a broker: what is flushed is read back once the in-memory minutes are gone. */
class TickHistoryStoreTest {

    private static final long MIN = 60_000;
    private static final long RETENTION = 10 * MIN;

    private File dir;
    private TickHistoryStore store;

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("tick-history-test").toFile();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "tick-history-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, dir.getAbsolutePath());
        MockProcessorContext<Object, Object> context =
                new MockProcessorContext<>(p, new org.apache.kafka.streams.processor.TaskId(0, 0), dir);
        store = new TickHistoryBuilder("ticks", Map.of()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        org.apache.kafka.common.utils.Utils.delete(dir);
    }

    @Test
    void readsTheSameBeforeAndAfterTheInMemoryMinutesAreDropped() {
        // 600 ticks in minute 1 (three stored parts), a few in minutes 2 and 3, one out of order back in minute 1
        for (int i = 0; i < 600; i++) {
            store.add("AMZN", MIN + i * 50L, 100 + i, i);
        }
        store.add("AMZN", 2 * MIN + 10, 200, 1);
        store.add("MSFT", 2 * MIN + 20, 500, 1);
        store.flushCache();
        store.add("AMZN", 3 * MIN + 5, 300, 1);
        store.add("AMZN", MIN + 25, 99.5, 7); // between the first two ticks of minute 1
        TickSeries before = store.series("AMZN", MIN, 4 * MIN);
        store.flushCache();
        store.clearCache(); // as after a restart: everything comes from RocksDB
        TickSeries after = store.series("AMZN", MIN, 4 * MIN);

        assertEquals(603, before.size());
        assertSame(before, after);
        assertEquals(99.5, after.price(1));
        assertEquals(7, after.volume(1));
        assertEquals(300, after.price(602));
        assertEquals(1, store.series("MSFT", 0, Long.MAX_VALUE - 1).size());
        assertEquals(2, store.series("AMZN", MIN + 25, MIN + 50).size(), "bounds are inclusive");
        assertEquals(0, store.series("AMZN", 5 * MIN, 4 * MIN).size());
    }

    @Test
    void aWithdrawalFindsItsTradeInTheStoreAndIsKeptAcrossARestart() {
        long key = TradeKeys.of("XNAS", "7");
        store.add("AMZN", MIN + 10, 100, 1, key);
        store.add("AMZN", 2 * MIN + 10, 101, 1, TradeKeys.of("XNAS", "8"));
        store.add("AMZN", 3 * MIN, 102, 1);
        store.flushCache();
        store.clearCache(); // the trade is only in RocksDB now
        assertEquals(null, store.withdraw("AMZN", TradeKeys.of("XNYS", "7"), 0), "another venue's trade 7");
        assertEquals(null, store.withdraw("AMZN", key, MIN + 11), "before the search's start");
        assertEquals(new Withdrawn(MIN + 10, 100, 1), store.withdraw("AMZN", key, 0));
        assertEquals(null, store.withdraw("AMZN", key, 0), "withdrawn once");
        store.add("AMZN", MIN + 10, 99, 2, TradeKeys.of("XNAS", "7c")); // its correction, at its time
        store.add("AMZN", 3 * MIN + 1, 103, 1); // the newest minute after a restart: read back, not replaced
        store.flushCache();
        store.clearCache();
        TickSeries asOfBefore = store.series("AMZN", 0, 4 * MIN, 3 * MIN - 1);
        assertEquals(100, asOfBefore.price(0), "a read as of a close before the withdrawal still has the trade");
        TickSeries now = store.series("AMZN", 0, 4 * MIN);
        assertEquals(4, now.size());
        assertEquals(99, now.price(0), "the corrected trade in its place");
        assertEquals(102, now.price(2), "the newest minute kept its trade across the restart");
    }

    @Test
    void aFilledPartIsWrittenAtOnceTheRestAtTheFlush() {
        for (int i = 0; i < TickHistoryStore.PART + 10; i++) {
            store.add("AMZN", MIN + i * 10L, 100 + i, 1);
        }
        store.clearCache(); // no flush: only the filled part reached the store
        assertEquals(TickHistoryStore.PART, store.series("AMZN", 0, 2 * MIN).size());
        store.add("AMZN", MIN + 59_000, 1, 1);
        store.add("AMZN", MIN + 5, 2, 1); // a late tick inside the written part: it is written again
        store.flushCache();
        store.clearCache();
        TickSeries all = store.series("AMZN", 0, 2 * MIN);
        assertEquals(TickHistoryStore.PART + 2, all.size());
        assertEquals(2, all.price(1));
    }

    @Test
    void theInteractiveQueryReadsWhatWasCommittedAsTheStreamThreadReadsIt() {
        for (int i = 0; i < 700; i++) {
            store.add("AMZN", MIN + i * 150L, 100 + i, i);
        }
        store.add("AMZN", MIN + 75, 99.5, 3); // a late tick in the first part
        store.add("SPY", MIN + 10, 500, 1);
        store.flushCache();
        store.add("AMZN", 3 * MIN, 1, 1); // not committed yet: not in the query's answer
        TickSeries asked = store.query(
                        new TicksQuery("AMZN", MIN, 2 * MIN + 30_000),
                        org.apache.kafka.streams.query.PositionBound.unbounded(),
                        new org.apache.kafka.streams.query.QueryConfig(false))
                .getResult();
        assertSame(store.series("AMZN", MIN, 2 * MIN + 30_000), asked);
        TickSeries all = store.query(
                        new TicksQuery("AMZN", 0, 10 * MIN),
                        org.apache.kafka.streams.query.PositionBound.unbounded(),
                        new org.apache.kafka.streams.query.QueryConfig(false))
                .getResult();
        assertEquals(store.series("AMZN", 0, 10 * MIN).size() - 1, all.size(), "the uncommitted tick is not there");
        assertEquals(
                1,
                store.query(
                                new TicksQuery("SPY", 0, 10 * MIN),
                                org.apache.kafka.streams.query.PositionBound.unbounded(),
                                new org.apache.kafka.streams.query.QueryConfig(false))
                        .getResult()
                        .size());
    }

    @Test
    void theClockIsWrittenWithTheTicks() {
        assertEquals(StreamTime.NONE, store.clock());
        store.clock(12_345);
        store.clearCache(); // not flushed: lost like an uncommitted transaction
        assertEquals(StreamTime.NONE, store.clock());
        store.clock(67_890);
        store.flushCache();
        store.clearCache();
        assertEquals(67_890, store.clock());
    }

    /** A symbol's clock is its newest stored tick after a restart, also when expiry wrote an older one with it. */
    @Test
    void aSymbolsClockAfterARestartIsItsNewestCommittedTick() {
        store.add("AMZN", 3 * MIN + 5, 100, 1);
        store.add("AMZN", 3 * MIN + 9, 101, 1);
        store.add("AMZN", 3 * MIN + 7, 102, 1); // out of order
        store.flushCache();
        store.add("AMZN", 4 * MIN, 103, 1); // not committed
        store.clearCache();
        assertEquals(3 * MIN + 9, store.clock("AMZN"));
        assertEquals(StreamTime.NONE, store.clock("MSFT"));

        store.add("AMZN", 30 * MIN, 104, 1);
        store.expire("AMZN", 20 * MIN); // writes the meta record, with the clock of now
        store.add("AMZN", 31 * MIN + 1, 105, 1);
        store.add("AMZN", 45 * MIN + 2, 106, 1);
        store.flushCache();
        store.clearCache();
        assertEquals(45 * MIN + 2, store.clock("AMZN"));
        assertEquals(20 * MIN, store.expiredBefore("AMZN"));
    }

    @Test
    void appendsToAStoredMinuteAfterARestartAndExpiresOldMinutes() {
        store.add("AMZN", MIN + 1, 1, 1);
        store.flushCache();
        store.clearCache();
        store.add("AMZN", MIN + 2, 2, 1); // the stored minute is loaded, not overwritten
        store.flushCache();
        store.clearCache();
        assertEquals(2, store.series("AMZN", 0, 2 * MIN).size());

        store.add("AMZN", MIN + RETENTION + 20 * MIN, 3, 1); // a new minute well past the retention
        store.expire("AMZN", MIN + 20 * MIN);
        assertEquals(MIN + 20 * MIN, store.expiredBefore("AMZN"));
        store.flushCache();
        store.clearCache();
        assertEquals(0, store.series("AMZN", 0, 2 * MIN).size());
        assertEquals(1, store.series("AMZN", 0, Long.MAX_VALUE - 1).size());
        assertEquals(MIN + 20 * MIN, store.expiredBefore("AMZN"), "how far it expired survives a restart");
    }

    @Test
    void eachSymbolHasItsOwnClockAndReadsAsOfACloseSeeOnlyWhatHadArrivedByThen() {
        assertEquals(StreamTime.NONE, store.add("AMZN", 10 * MIN, 100, 1));
        assertEquals(10 * MIN, store.add("AMZN", 20 * MIN, 101, 1));
        assertEquals(StreamTime.NONE, store.add("MSFT", 5 * MIN, 400, 1), "MSFT's clock is its own");
        assertEquals(20 * MIN, store.add("AMZN", 12 * MIN, 102, 1), "a late tick keeps the clock it arrived at");
        assertEquals(20 * MIN, store.clock("AMZN"));
        assertEquals(5 * MIN, store.clock("MSFT"));
        store.flushCache();
        store.clearCache();
        assertEquals(20 * MIN, store.clock("AMZN"), "clocks are committed with the ticks");
        assertEquals(
                1,
                store.series("AMZN", 0, 15 * MIN, 13 * MIN).size(),
                "as of 13 min: the 12 min tick had not arrived yet (it came when the clock stood at 20 min)");
        assertEquals(2, store.series("AMZN", 0, 15 * MIN, 20 * MIN).size());
        assertEquals(3, store.series("AMZN", 0, 30 * MIN, 20 * MIN).size());
        assertEquals(3, store.series("AMZN", 0, 30 * MIN).size());
    }

    /**
     * Estimates read through the settled minutes equal estimates read from every tick: ticks late and in time,
     * out of order, flushes, restarts and expiry between reads, estimation windows starting mid-minute.
     */
    @Test
    void anEstimateThroughSettledMinutesEqualsOneFromEveryTick() {
        long grace = MIN;
        long e = 40 * MIN;
        ReactionCalculator calculator =
                new ReactionCalculator(e, 5, NormalModel.MARKET, 0.005, SessionConfig.defaults());
        java.util.Random random = new java.util.Random(7);
        long clock = 0;
        int compared = 0;
        int shorter = 0;
        for (int step = 0; step < 6_000; step++) {
            String symbol = random.nextInt(3) == 0 ? "SPY" : "AMZN";
            long ts = random.nextInt(20) == 0
                    ? clock - random.nextInt((int) (4 * MIN)) // late or within grace
                    : (clock += random.nextInt(random.nextInt(10) == 0 ? 400_000 : 9_000));
            if (ts >= store.expiredBefore(symbol)) {
                store.add(symbol, ts, 100 + random.nextInt(50) / 8.0, random.nextInt(100));
            }
            if (step % 97 == 0) {
                store.flushCache();
            }
            if (step % 1_501 == 0) {
                store.flushCache();
                store.clearCache(); // as after a restart: settled minutes are found again
            }
            if (step % 703 == 0) {
                store.expire("AMZN", clock - 3 * e);
                store.expire("SPY", clock - 3 * e);
            }
            if (step % 13 == 0 && clock > e) {
                long t0 = clock - random.nextInt((int) (3 * MIN)) - random.nextInt(2) * random.nextInt((int) e);
                long from = t0 - e;
                long asOf = t0 + grace;
                if (from < store.expiredBefore("AMZN") || from < store.expiredBefore("SPY")) {
                    continue;
                }
                TickSeries stock = store.estimationSeries("AMZN", from, t0, asOf, grace);
                TickSeries bench = store.estimationSeries("SPY", from, t0, asOf, grace);
                Estimate fast = calculator.estimate(t0, stock, bench);
                Estimate full = calculator.estimate(
                        t0, store.series("AMZN", from, t0, asOf), store.series("SPY", from, t0, asOf));
                assertEquals(full, fast, "t0 " + t0 + " at step " + step);
                compared++;
                if (stock.size() < store.series("AMZN", from, t0, asOf).size()) {
                    shorter++;
                }
            }
        }
        assertTrue(compared > 300, "compared " + compared);
        assertTrue(shorter > compared / 2, "settled minutes were used: " + shorter + " of " + compared);
    }

    private static void assertSame(TickSeries a, TickSeries b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.ts(i), b.ts(i), "ts at " + i);
            assertEquals(a.price(i), b.price(i), "price at " + i);
            assertEquals(a.volume(i), b.volume(i), "size at " + i);
        }
    }
}
