package com.marketreactions.streams.differential;

import com.marketreactions.common.PlainAvroSerdes;
import com.marketreactions.common.Topics;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.schema.StockTick;
import com.marketreactions.schema.TradeAction;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.control.EndOfInput;
import com.marketreactions.streams.topology.ReactionTopology;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs a generated input through the real topology in a TopologyTestDriver (one partition): the alias table
 * first, then the inputs in arrival order, then the end-of-input marker; collects the FINAL reactions.
 * Modelled on the topology package's fixture.
 */
public final class TopologyRun {

    /** FINAL reactions by {@link BatchReference#key}, and contract violations of the emission itself. */
    public record Result(
            Map<String, MarketReaction> finals,
            List<String> emissionProblems,
            int provisionalCount,
            int endMarkers,
            Map<String, com.marketreactions.schema.EventStudy> studies) {}

    private TopologyRun() {}

    /** A scenario, its alias table included. */
    public static Result run(SyntheticMarket.Scenario sc, Path stateDir, String appId) {
        return run(sc.config(), sc.inputs(), sc.aliases(), stateDir, appId);
    }

    /** Without an alias table. */
    public static Result run(ReactionConfig config, List<MarketInput> inputs, Path stateDir, String appId) {
        return run(config, inputs, Map.of(), stateDir, appId);
    }

    /** @param aliases alias as written to ticker, piped into the alias topic before any input */
    public static Result run(
            ReactionConfig config, List<MarketInput> inputs, Map<String, String> aliases, Path stateDir, String appId) {
        Topics topics = Topics.create(new PlainAvroSerdes());
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        Instant wallClock = inputs.stream()
                .filter(i -> i instanceof MarketInput.Tick)
                .findFirst()
                .map(i -> Instant.ofEpochMilli(((MarketInput.Tick) i).ts()))
                .orElse(Instant.EPOCH);

        List<String> problems = new ArrayList<>();
        Map<String, MarketReaction> finals = new LinkedHashMap<>();
        Map<String, com.marketreactions.schema.EventStudy> studies = new java.util.TreeMap<>();
        int provisional = 0;
        int markers = 0;
        // the wall clock stands at the data's start, as a live service's would have (so every window is open on it
        // and gets its PROVISIONAL updates, and their statistics are kept tick by tick), with event times allowed
        // as far ahead of it as the data runs
        Instant last = inputs.stream()
                .filter(i -> i instanceof MarketInput.Tick)
                .map(i -> Instant.ofEpochMilli(((MarketInput.Tick) i).ts()))
                .max(Instant::compareTo)
                .orElse(Instant.EPOCH);
        java.time.Duration span = java.time.Duration.between(wallClock, last).plusDays(1);
        ReactionConfig run =
                config.withEndMarkers(true).withLimits(config.limits().withMaxAhead(span));
        try (TopologyTestDriver driver = new TopologyTestDriver(ReactionTopology.build(run, topics), p, wallClock)) {
            TestInputTopic<String, String> aliasTopic = driver.createInputTopic(
                    topics.aliases.name(),
                    topics.aliases.keySerde().serializer(),
                    topics.aliases.valueSerde().serializer());
            for (Map.Entry<String, String> a : aliases.entrySet()) {
                aliasTopic.pipeInput(new TestRecord<>(a.getKey(), a.getValue(), wallClock));
            }
            TestInputTopic<String, StockTick> ticks = driver.createInputTopic(
                    topics.ticks.name(),
                    topics.ticks.keySerde().serializer(),
                    topics.ticks.valueSerde().serializer());
            TestInputTopic<String, NewsEvent> news = driver.createInputTopic(
                    topics.news.name(),
                    topics.news.keySerde().serializer(),
                    topics.news.valueSerde().serializer());
            TestOutputTopic<String, MarketReaction> reactions = driver.createOutputTopic(
                    topics.reactions.name(),
                    topics.reactions.keySerde().deserializer(),
                    topics.reactions.valueSerde().deserializer());
            TestOutputTopic<String, com.marketreactions.schema.EventStudy> study = driver.createOutputTopic(
                    topics.study.name(),
                    topics.study.keySerde().deserializer(),
                    topics.study.valueSerde().deserializer());

            long maxTs = wallClock.toEpochMilli();
            for (MarketInput in : inputs) {
                if (in instanceof MarketInput.Tick t) {
                    Instant ts = Instant.ofEpochMilli(t.ts());
                    ticks.pipeInput(new TestRecord<>(
                            t.symbol(),
                            StockTick.newBuilder()
                                    .setSymbol(t.symbol())
                                    .setTs(ts)
                                    .setPrice(t.price())
                                    .setSize(t.size())
                                    .setVenue(t.venue())
                                    .setTradeId(t.tradeId())
                                    .setAction(TradeAction.valueOf(t.action()))
                                    .setAmends(t.amends())
                                    .build(),
                            ts));
                    maxTs = Math.max(maxTs, t.ts());
                } else if (in instanceof MarketInput.News n) {
                    Instant at = Instant.ofEpochMilli(n.t0());
                    news.pipeInput(new TestRecord<>(
                            n.id(),
                            NewsEvent.newBuilder()
                                    .setId(n.id())
                                    .setPublishedAt(at)
                                    .setSource(n.source())
                                    .setHeadline(n.headline())
                                    .setSummary(n.summary())
                                    .setTickers(new ArrayList<>(n.tickers()))
                                    .setSentiment(n.sentiment())
                                    .setTickerSentiment(
                                            n.tickerSentiment().isEmpty() ? null : new HashMap<>(n.tickerSentiment()))
                                    .build(),
                            at));
                }
            }
            ticks.pipeInput(new TestRecord<>("", null, EndOfInput.headers(1), Instant.ofEpochMilli(maxTs)));

            Map<String, String> keyOfTriple = new HashMap<>();
            Map<String, String> tripleOfKey = new HashMap<>();
            Set<String> finalized = new HashSet<>();
            for (TestRecord<String, MarketReaction> r : reactions.readRecordsToList()) {
                MarketReaction v = r.value();
                if (v == null) {
                    markers++;
                    continue;
                }
                String triple = BatchReference.key(v.getNewsId(), v.getTicker(), v.getHorizon());
                String prevKey = keyOfTriple.putIfAbsent(triple, r.key());
                if (prevKey != null && !prevKey.equals(r.key())) {
                    problems.add(triple + ": emitted under two record keys " + prevKey + " and " + r.key());
                }
                String prevTriple = tripleOfKey.putIfAbsent(r.key(), triple);
                if (prevTriple != null && !prevTriple.equals(triple)) {
                    problems.add("record key " + r.key() + " used for " + prevTriple + " and " + triple);
                }
                if (finalized.contains(triple)) {
                    problems.add(triple + ": " + v.getStatus() + " emitted after its FINAL");
                }
                if (v.getStatus() == ReactionStatus.FINAL) {
                    finalized.add(triple);
                    finals.put(triple, v);
                } else {
                    provisional++;
                }
            }
            for (TestRecord<String, com.marketreactions.schema.EventStudy> r : study.readRecordsToList()) {
                if (r.value() != null) {
                    studies.put(r.key(), r.value()); // the latest of each group and horizon
                }
            }
        }
        if (markers != 1) {
            problems.add("expected exactly one end-of-input marker on the reactions topic, got " + markers);
        }
        return new Result(finals, problems, provisional, markers, studies);
    }
}
