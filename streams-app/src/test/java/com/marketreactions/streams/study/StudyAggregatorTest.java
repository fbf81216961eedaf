package com.marketreactions.streams.study;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.PlainAvroSerdes;
import com.marketreactions.schema.EventStudy;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.schema.ResidualHours;
import com.marketreactions.schema.internal.StudyOverlap;
import com.marketreactions.schema.internal.StudyRecent;
import com.marketreactions.schema.internal.StudySums;
import com.marketreactions.streams.TopologyNames;
import com.marketreactions.streams.differential.ReferenceStudy;
import com.marketreactions.streams.topology.TopologyFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The study is published once per group and second, not per update; what was updated but not yet published
 * when the task stopped is found in the store by the next one and published then.
 */
class StudyAggregatorTest {

    @Test
    void updatesArePublishedTogetherAndThoseLeftUnpublishedByACrashAfterARestart() {
        MarketReaction fin = aFinal();
        KeyValueStore<String, StudySums> store = sumsStore();

        MockProcessorContext<String, EventStudy> first = context(store);
        StudyAggregator a = new StudyAggregator();
        a.init(first);
        for (int i = 0; i < 3; i++) {
            a.process(new Record<>("all|PT5M", fin, 1_000L + i));
        }
        a.process(new Record<>("ticker:AMZN|PT5M", fin, 2_000L));
        assertTrue(first.forwarded().isEmpty(), "nothing published per update");
        first.scheduledPunctuators().get(0).getPunctuator().punctuate(10_000L);
        List<EventStudy> out = first.forwarded().stream()
                .map(f -> (EventStudy) f.record().value())
                .toList();
        assertEquals(2, out.size(), "one per group");
        assertEquals(3, out.get(0).getN() + out.get(0).getExcluded(), "all three updates in it");
        assertTrue(store.get("all|PT5M").getPublished());

        // two more updates, then the task stops before publishing them (a crash after the commit)
        a.process(new Record<>("all|PT5M", fin, 3_000L));
        assertFalse(store.get("all|PT5M").getPublished(), "stored unpublished with the update");
        MockProcessorContext<String, EventStudy> second = context(store);
        StudyAggregator b = new StudyAggregator();
        b.init(second);
        second.scheduledPunctuators().get(0).getPunctuator().punctuate(20_000L);
        List<EventStudy> again = second.forwarded().stream()
                .map(f -> (EventStudy) f.record().value())
                .toList();
        assertEquals(1, again.size(), "the group left unpublished, and only it");
        assertEquals(4, again.get(0).getN() + again.get(0).getExcluded());
        assertEquals("all", again.get(0).getGroup());
    }

    /**
     * Two reactions of one ticker a minute apart share four of their five minutes: the overlap is kept per ticker in
     * study-overlap, across a restart, and taken into the adjusted BMP; another ticker's reaction adds none.
     */
    @Test
    void theSameTickersOverlappingWindowsAreKeptInTheirStoreAndAdjustBmp() {
        MarketReaction fin = aFinal();
        KeyValueStore<String, StudySums> store = sumsStore();
        KeyValueStore<String, StudyOverlap> overlaps = overlapStore();
        java.time.Instant t0 = fin.getEventTime();
        StudyAggregator a = new StudyAggregator();
        a.init(context(store, overlaps));
        a.process(new Record<>("all|PT5M", copy(fin, "AMZN", t0, 1.0), 1_000L));
        a.process(new Record<>("all|PT5M", copy(fin, "MSFT", t0, 2.0), 1_001L));
        StudyAggregator restarted = new StudyAggregator();
        MockProcessorContext<String, EventStudy> c = context(store, overlaps);
        restarted.init(c);
        restarted.process(new Record<>("all|PT5M", copy(fin, "AMZN", t0.plusSeconds(60), 4.0), 1_002L));
        c.scheduledPunctuators().get(0).getPunctuator().punctuate(10_000L);
        EventStudy r = (EventStudy)
                c.forwarded().get(c.forwarded().size() - 1).record().value();

        assertEquals(2, overlaps.get("all|PT5M|AMZN").getEventTimes().size());
        assertEquals(1, overlaps.get("all|PT5M|MSFT").getEventTimes().size());
        // one pair of 3 * 2 ordered ones, counted twice: r = 2 * 0.8 / 6
        assertEquals(0.8 * 2 / 6, r.getOverlapR(), 1e-12);
        assertEquals(r.getBmpT() * Math.sqrt((1 - r.getOverlapR()) / (1 + 2 * r.getOverlapR())), r.getBmpKpT(), 1e-12);
    }

    /**
     * Reactions of four tickers whose hourly residuals share a common part (correlation 0.3 between tickers), their
     * windows overlapping across tickers, through the aggregator with a restart: the study equals the batch
     * reference's after each arrival, which builds the whole correlation matrix; the cross-ticker rho is found near
     * what was planted, and the adjusted BMP t is below the plain one.
     */
    @Test
    void correlatedTickersOverlappingWindowsMatchTheReferenceAcrossARestart() {
        MarketReaction fin = aFinal();
        long hourMs = 3_600_000L;
        long start = fin.getEventTime().toEpochMilli();
        long firstHour = Math.floorDiv(start, hourMs) - 150;
        java.util.Random random = new java.util.Random(11);
        double[] common = new double[200];
        for (int k = 0; k < common.length; k++) {
            common[k] = random.nextGaussian();
        }
        List<String> tickers = List.of("AMZN", "MSFT", "GOOGL", "ORCL");
        java.util.Map<String, double[]> series = new java.util.HashMap<>();
        for (String t : tickers) {
            double[] x = new double[200];
            for (int k = 0; k < x.length; k++) {
                // an hour without a point is 0; a few, as a thin name has
                x[k] = random.nextInt(15) == 0
                        ? 0
                        : Math.sqrt(0.3) * common[k] + Math.sqrt(0.7) * random.nextGaussian();
            }
            series.put(t, x);
        }
        KeyValueStore<String, StudySums> store = sumsStore();
        KeyValueStore<String, StudyOverlap> overlaps = overlapStore();
        KeyValueStore<String, StudyRecent> recent = store(TopologyNames.STUDY_RECENT, StudyRecent.class);
        MockProcessorContext<String, EventStudy> c = context(store, overlaps, recent);
        StudyAggregator a = new StudyAggregator();
        a.init(c);
        List<EventStudyMath.Observation> seen = new ArrayList<>();
        List<ReferenceStudy.Across> across = new ArrayList<>();
        EventStudy last = null;
        for (int i = 0; i < 40; i++) {
            if (i == 25) { // a restart: the stores are kept, the processor is new
                c = context(store, overlaps, recent);
                a = new StudyAggregator();
                a.init(c);
            }
            String ticker = tickers.get(random.nextInt(tickers.size()));
            long t0 = start + random.nextInt(4 * 3_600) * 1000L; // within four hours, out of order
            long from = Math.floorDiv(t0, hourMs) - 120; // its estimation window's hours
            List<Double> sums = new ArrayList<>();
            for (long h = from; h < Math.floorDiv(t0, hourMs); h++) {
                sums.add(series.get(ticker)[(int) (h - firstHour)]);
            }
            ResidualHours rh = new ResidualHours(from, sums);
            MarketReaction r = MarketReaction.newBuilder(copy(fin, ticker, java.time.Instant.ofEpochMilli(t0), 0))
                    .setNewsId("n" + i)
                    .setZScore(random.nextGaussian() + 0.3)
                    .setResidualHours(rh)
                    .build();
            a.process(new Record<>("all|PT1H", r, 1_000L + i));
            seen.add(EventStudyMath.Observation.of(r));
            across.add(new ReferenceStudy.Across(rh, false));
            c.scheduledPunctuators().get(0).getPunctuator().punctuate(10_000L + i);
            last = (EventStudy)
                    c.forwarded().get(c.forwarded().size() - 1).record().value();
            ReferenceStudy.assertClose(ReferenceStudy.of("all", "PT1H", seen, across), last, "after " + (i + 1));
        }
        assertEquals(0.3, last.getCrossTickerR(), 0.15, "the planted correlation, from about 80 hours a pair");
        assertTrue(Math.abs(last.getBmpKpT()) < Math.abs(last.getBmpT()));
    }

    private static MarketReaction copy(MarketReaction r, String ticker, java.time.Instant t0, double z) {
        return MarketReaction.newBuilder(r)
                .setTicker(ticker)
                .setEventTime(t0)
                .setZScore(z)
                .build();
    }

    private static MockProcessorContext<String, EventStudy> context(KeyValueStore<String, StudySums> store) {
        return context(store, overlapStore());
    }

    private static KeyValueStore<String, StudySums> sumsStore() {
        return store(TopologyNames.STUDY_SUMS, StudySums.class);
    }

    private static KeyValueStore<String, StudyOverlap> overlapStore() {
        return store(TopologyNames.STUDY_OVERLAP, StudyOverlap.class);
    }

    /** An in-memory store of the aggregator's, without a changelog. */
    private static <V extends org.apache.avro.specific.SpecificRecord> KeyValueStore<String, V> store(
            String name, Class<V> type) {
        return Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(name), Serdes.String(), new PlainAvroSerdes().avro(type))
                .withLoggingDisabled()
                .build();
    }

    private static MockProcessorContext<String, EventStudy> context(
            KeyValueStore<String, StudySums> store, KeyValueStore<String, StudyOverlap> overlaps) {
        return context(store, overlaps, store(TopologyNames.STUDY_RECENT, StudyRecent.class));
    }

    private static MockProcessorContext<String, EventStudy> context(
            KeyValueStore<String, StudySums> store,
            KeyValueStore<String, StudyOverlap> overlaps,
            KeyValueStore<String, StudyRecent> recent) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "study-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<String, EventStudy> c = new MockProcessorContext<>(p);
        c.setCurrentSystemTimeMs(50_000L);
        store.init(c.getStateStoreContext(), store);
        c.addStateStore(store);
        overlaps.init(c.getStateStoreContext(), overlaps);
        c.addStateStore(overlaps);
        recent.init(c.getStateStoreContext(), recent);
        c.addStateStore(recent);
        return c;
    }

    /** A FINAL with a model, from a small run. */
    private static MarketReaction aFinal() {
        try (TopologyFixture f = new TopologyFixture("PT5M")) {
            f.tick("SPY", ofSeconds(-20), 500.0, 100);
            f.tick("AMZN", ofSeconds(-10), 100.0, 10);
            f.news("n1", java.time.Duration.ZERO, "Amazon", "AMZN");
            f.tick("AMZN", ofMinutes(1), 101.0, 20);
            f.tick("SPY", ofMinutes(2), 505.0, 100);
            f.tick("AMZN", ofMinutes(7), 103.0, 30);
            f.tick("SPY", ofMinutes(7), 506.0, 100);
            f.endOfInput();
            return f.output().stream()
                    .filter(r -> r.getStatus() == ReactionStatus.FINAL)
                    .findFirst()
                    .orElseThrow();
        }
    }
}
