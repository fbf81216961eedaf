package com.marketreactions.streams.topology;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.PlainAvroSerdes;
import com.marketreactions.common.Topics;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.TopologyNames;
import com.marketreactions.streams.differential.MarketInput;
import com.marketreactions.streams.differential.SyntheticMarket;
import com.marketreactions.streams.history.TickHistoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State stays bounded by need on a long replay: the tick history holds about E + the longest window of
 * ticks, however long the input, not everything since the start.
 */
class HistoryRetentionTest {

    @Test
    void theTickHistoryOfALongReplayHoldsOnlyWhatPendingReactionsAndLateNewsNeed(@TempDir Path stateDir) {
        SyntheticMarket.Scenario sc = SyntheticMarket.generateLong(3, 30);
        Topics topics = Topics.create(new PlainAvroSerdes());
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "retention-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        List<MarketInput.Tick> ticks = new ArrayList<>();
        TreeSet<String> symbols = new TreeSet<>();
        for (MarketInput in : sc.inputs()) {
            if (in instanceof MarketInput.Tick t) {
                ticks.add(t);
                symbols.add(t.symbol());
            }
        }
        Instant wall = Instant.ofEpochMilli(
                        ticks.stream().mapToLong(MarketInput.Tick::ts).max().orElseThrow())
                .plus(Duration.ofDays(1));
        long maxHeld = 0;
        long maxHeldFirstHalf = 0;
        try (TopologyTestDriver driver = new TopologyTestDriver(
                ReactionTopology.build(sc.config().withIdleTimeout(Duration.ofDays(3650)), topics), p, wall)) {
            TestInputTopic<String, StockTick> tickTopic = driver.createInputTopic(
                    topics.ticks.name(),
                    topics.ticks.keySerde().serializer(),
                    topics.ticks.valueSerde().serializer());
            TestInputTopic<String, NewsEvent> newsTopic = driver.createInputTopic(
                    topics.news.name(),
                    topics.news.keySerde().serializer(),
                    topics.news.valueSerde().serializer());
            for (MarketInput in : sc.inputs()) { // news first, as a replay publishes them
                if (in instanceof MarketInput.News n) {
                    Instant at = Instant.ofEpochMilli(n.t0());
                    newsTopic.pipeInput(new TestRecord<>(
                            n.id(),
                            NewsEvent.newBuilder()
                                    .setId(n.id())
                                    .setPublishedAt(at)
                                    .setSource(n.source())
                                    .setHeadline(n.headline())
                                    .setSummary(n.summary())
                                    .setTickers(new ArrayList<>(n.tickers()))
                                    .build(),
                            at));
                }
            }
            TickHistoryStore history = (TickHistoryStore) driver.getStateStore(TopologyNames.TICK_HISTORY);
            for (int i = 0; i < ticks.size(); i++) {
                MarketInput.Tick t = ticks.get(i);
                Instant ts = Instant.ofEpochMilli(t.ts());
                tickTopic.pipeInput(new TestRecord<>(
                        t.symbol(),
                        StockTick.newBuilder()
                                .setSymbol(t.symbol())
                                .setTs(ts)
                                .setPrice(t.price())
                                .setSize(t.size())
                                .build(),
                        ts));
                if (i % 20_000 == 0) {
                    long held = 0;
                    for (String s : symbols) {
                        held += history.series(s, 0, Long.MAX_VALUE / 2).size();
                    }
                    maxHeld = Math.max(maxHeld, held);
                    if (i < ticks.size() / 2) {
                        maxHeldFirstHalf = Math.max(maxHeldFirstHalf, held);
                    }
                }
            }
        }
        System.out.printf(
                "[retention] %s: at most %,d of %,d ticks held (%,d in the first half)%n",
                sc.description(), maxHeld, ticks.size(), maxHeldFirstHalf);
        // E (5 days) + the longest window (1 day) + the lateness bound: about 6-8 of the 42 calendar days
        assertTrue(maxHeld < ticks.size() * 0.2, "held " + maxHeld + " of " + ticks.size());
        assertTrue(maxHeld < maxHeldFirstHalf * 1.5, "grows with the input: " + maxHeldFirstHalf + " -> " + maxHeld);
    }
}
