package com.marketreactions.streams.topology;

import com.marketreactions.common.InputLimits;
import com.marketreactions.common.PlainAvroSerdes;
import com.marketreactions.common.Topics;
import com.marketreactions.common.Trades;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.NewsImpact;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.control.EndOfInput;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** A TopologyTestDriver around the real topology, with helpers to pipe ticks and news at fixed instants. */
public final class TopologyFixture implements AutoCloseable {

    public static final Instant T0 = Instant.parse("2025-11-03T15:00:00Z");

    final Topics topics = Topics.create(new PlainAvroSerdes());
    final ReactionConfig config;
    public final TopologyTestDriver driver;
    final TestInputTopic<String, StockTick> ticks;
    public final TestInputTopic<String, NewsEvent> news;
    public final TestInputTopic<String, String> aliases;
    final TestOutputTopic<String, MarketReaction> reactions;
    final TestOutputTopic<String, NewsImpact> impact;

    /** Default config with these horizons and no PROVISIONAL updates. */
    public TopologyFixture(String... horizons) {
        this(ReactionConfig.defaults()
                .withHorizons(Arrays.stream(horizons).map(Horizon::parse).toList())
                .withProvisionalInterval(Duration.ZERO));
    }

    public TopologyFixture(ReactionConfig config) {
        this(config, Map.of());
    }

    /**
     * A fixture runs as a replay: its input ends with end-of-input markers ({@link #endInput}). The driver's wall
     * clock starts at {@link #T0} and moves only when a test moves it, while the tests' ticks and news run minutes to
     * days past T0: as a replay's historical data would be, if the wall clock stood still. So the check of event
     * times against the clock ({@code event.max.ahead}) gets a week here; a time further ahead (as
     * {@code DeadLetterTopologyTest} sends) is still refused. The tests step sparse ticks minutes to hours apart, so
     * no tick waits for those after it ({@code event.max.jump}) unless a test asks ({@link #withHolds}).
     */
    static ReactionConfig asReplay(ReactionConfig config) {
        Duration week = Duration.ofDays(7);
        ReactionConfig replay = config.withEndMarkers(true);
        InputLimits limits = config.limits().withMaxJump(Duration.ofDays(3650));
        return replay.withLimits(limits.maxAhead().compareTo(week) >= 0 ? limits : limits.withMaxAhead(week));
    }

    /** @param streamsSettings more Streams settings, e.g. exception handlers */
    public TopologyFixture(ReactionConfig config, Map<String, String> streamsSettings) {
        this(asReplay(config), streamsSettings, true);
    }

    /** A replay's fixture in which a tick more than {@code config}'s {@code event.max.jump} ahead waits. */
    static TopologyFixture withHolds(ReactionConfig config) {
        ReactionConfig replay = asReplay(config);
        return new TopologyFixture(
                replay.withLimits(replay.limits().withMaxJump(config.limits().maxJump())), Map.of(), true);
    }

    /** A fixture of a service: the config as it is (end-of-input markers as it says: a service's ignores them). */
    static TopologyFixture service(ReactionConfig config) {
        return new TopologyFixture(config, Map.of(), true);
    }

    private TopologyFixture(ReactionConfig config, Map<String, String> streamsSettings, boolean built) {
        this.config = config;
        Properties p = new Properties();
        p.putAll(streamsSettings);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "reaction-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(ReactionTopology.build(config, topics), p, T0);
        ticks = driver.createInputTopic(
                topics.ticks.name(),
                topics.ticks.keySerde().serializer(),
                topics.ticks.valueSerde().serializer());
        news = driver.createInputTopic(
                topics.news.name(),
                topics.news.keySerde().serializer(),
                topics.news.valueSerde().serializer());
        aliases = driver.createInputTopic(
                topics.aliases.name(),
                topics.aliases.keySerde().serializer(),
                topics.aliases.valueSerde().serializer());
        reactions = driver.createOutputTopic(
                topics.reactions.name(),
                topics.reactions.keySerde().deserializer(),
                topics.reactions.valueSerde().deserializer());
        impact = driver.createOutputTopic(
                topics.impact.name(),
                topics.impact.keySerde().deserializer(),
                topics.impact.valueSerde().deserializer());
    }

    /** A tick at T0 + offset. */
    public void tick(String symbol, Duration offset, double price, long size) {
        send(Trades.trade(symbol, T0.plus(offset), price, size, null));
    }

    /** A record of the ticks topic (a trade, a cancel or a correction), keyed by its symbol, at its time. */
    public void send(StockTick tick) {
        ticks.pipeInput(new TestRecord<>(tick.getSymbol(), tick, tick.getTs()));
    }

    public void news(String id, Duration offset, String headline, String... tickers) {
        newsWithSummary(id, offset, headline, null, tickers);
    }

    void newsWithSummary(String id, Duration offset, String headline, String summary, String... tickers) {
        Instant at = T0.plus(offset);
        news.pipeInput(new TestRecord<>(
                id,
                NewsEvent.newBuilder()
                        .setId(id)
                        .setPublishedAt(at)
                        .setSource("test")
                        .setHeadline(headline)
                        .setSummary(summary)
                        .setTickers(List.of(tickers))
                        .build(),
                at));
    }

    /** The replay's end-of-input marker (one partition here). */
    public void endOfInput() {
        ticks.pipeInput(new TestRecord<>("", null, EndOfInput.headers(1), T0));
    }

    /**
     * The news input is complete (an end-of-input marker on the news topic): FINALs wait for nothing more from it.
     * Without it a FINAL waits until the news input has moved L past its news, or is quiet, or the ticks end.
     */
    public void newsEnded() {
        news.pipeInput(new TestRecord<>("", null, EndOfInput.headers(1), T0));
    }

    /** Reactions emitted since the last call; end-of-input markers are counted in {@link #endMarkers}. */
    public List<MarketReaction> output() {
        List<MarketReaction> out = new java.util.ArrayList<>();
        for (TestRecord<String, MarketReaction> r : reactions.readRecordsToList()) {
            if (r.value() == null) {
                endMarkers++;
            } else {
                out.add(r.value());
            }
        }
        return out;
    }

    int endMarkers;

    /** The sum over the driver's tasks of metric {@code name} (a task metric such as {@code held-ticks-total}). */
    double metricTotal(String name) {
        double sum = 0;
        boolean found = false;
        for (var e : driver.metrics().entrySet()) {
            if (e.getKey().name().equals(name)) {
                found = true;
                sum += ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(found, "metric " + name + " is registered");
        return sum;
    }

    /** Reactions by "TICKER HORIZON", failing if one key appears twice. */
    Map<String, MarketReaction> byTickerAndHorizon(List<MarketReaction> out) {
        return out.stream().collect(Collectors.toMap(r -> r.getTicker() + " " + r.getHorizon(), r -> r));
    }

    @Override
    public void close() {
        driver.close();
    }
}
