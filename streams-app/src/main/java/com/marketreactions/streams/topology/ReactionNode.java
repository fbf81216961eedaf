package com.marketreactions.streams.topology;

import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.TopologyNames;
import com.marketreactions.streams.control.EndMarkerGate;
import com.marketreactions.streams.control.EndOfInput;
import com.marketreactions.streams.errors.RecordValidator;
import com.marketreactions.streams.routing.TickRouter;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The reaction processor's node: its three inputs (the ticks topic, the routed ticks, the news by ticker and the
 * news partitions' progress)
 * connected to it directly, each record told apart by the topic it came from, checked, and handed to the
 * {@link ReactionProcessor} as a {@link MarketEvent}. One hop for a tick, where merging the three streams in
 * the DSL took five (a check, a tag, two merges, the processor), each copying the record and its headers.
 *
 * <p>A tick from the ticks topic is checked here ({@link RecordValidator#check}: a bad one is rejected once,
 * by the processing exception handler) and kept if its symbol belongs to this partition
 * ({@link TickRouter#stays}); the rest of the partition's ticks are {@link TickRouter#outbound}'s.
 */
final class ReactionNode implements Processor<Object, Object, String, MarketReaction> {

    private final ReactionProcessor reactions;
    private final String ticksTopic;
    private final TickRouter router;
    private final RecordValidator<StockTick> validator;
    private final EndMarkerGate ends;
    /**
     * Each symbol as one String instance, with the partition whose task processes it: each tick's symbol is decoded
     * as a new String, and a tick's path looks it up in several maps; with one instance its hash is computed once and
     * equality is identity. One lookup here answers both questions for a tick.
     */
    private final Map<String, Known> symbols = new HashMap<>();

    private record Known(String name, int home) {}

    private final int partitions;
    /** Most symbols {@link #symbols} keeps: a whole market is about 11,000. */
    private static final int MAX_SYMBOLS = 50_000;

    private ProcessorContext<String, MarketReaction> context;
    private String routedTopic;
    private String newsTopic;

    ReactionNode(ReactionConfig config, String ticksTopic, int partitions) {
        this.reactions = new ReactionProcessor(config, partitions);
        this.ticksTopic = ticksTopic;
        this.router = new TickRouter(config.benchmark(), partitions);
        this.partitions = partitions;
        this.validator = RecordValidator.ticks(config.limits());
        this.ends = new EndMarkerGate(config.endMarkers(), "ticks");
    }

    @Override
    public void init(ProcessorContext<String, MarketReaction> context) {
        this.context = context;
        this.routedTopic = repartitionTopic(context.applicationId(), TopologyNames.ROUTED_TICKS);
        this.newsTopic = repartitionTopic(context.applicationId(), TopologyNames.NEWS_BY_TICKER);
        reactions.init(context);
        ends.init(context);
    }

    /** The name Kafka Streams gives the repartition topic {@code name} of application {@code applicationId}. */
    static String repartitionTopic(String applicationId, String name) {
        return applicationId + "-" + name + "-repartition";
    }

    @Override
    public void process(Record<Object, Object> r) {
        String topic = context.recordMetadata().orElseThrow().topic();
        Object value = r.value();
        Headers headers = r.headers();
        if (topic.equals(ticksTopic)) {
            int partition = TickRouter.partitionOf(context);
            if (EndOfInput.isMarker(value, headers)) {
                if (ends.admit()) {
                    reactions.handle(
                            null,
                            new MarketEvent.End(
                                    false, partition, EndOfInput.intHeader(headers, EndOfInput.PARTITIONS_HEADER, 1)));
                }
                return;
            }
            validator.check(r.key(), value, context.currentSystemTimeMs());
            StockTick tick = (StockTick) value;
            Known symbol = known(tick.getSymbol());
            if (partitions == 1 || symbol.home() == partition) { // else the outbound router sends it home
                tick.setSymbol(symbol.name());
                reactions.handle(null, new MarketEvent.Tick(tick));
            }
        } else if (topic.equals(routedTopic)) {
            if (EndOfInput.isQuiet(value, headers)) {
                reactions.handle(
                        null,
                        new MarketEvent.Quiet(EndOfInput.intHeader(headers, EndOfInput.SOURCE_PARTITION_HEADER, 0)));
            } else if (EndOfInput.isMarker(value, headers)) {
                reactions.handle(
                        null,
                        new MarketEvent.End(
                                true,
                                EndOfInput.intHeader(headers, EndOfInput.SOURCE_PARTITION_HEADER, -1),
                                EndOfInput.intHeader(headers, EndOfInput.PARTITIONS_HEADER, 1)));
            } else {
                StockTick tick = (StockTick) value;
                tick.setSymbol(known(tick.getSymbol()).name());
                reactions.handle(null, new MarketEvent.Tick(tick));
            }
        } else if (topic.equals(newsTopic)) {
            if (value != null) {
                reactions.handle((String) r.key(), new MarketEvent.TickerNews((NewsEvent) value));
            } else if (EndOfInput.isNewsProgress(null, headers)) {
                reactions.handle(
                        null,
                        new MarketEvent.NewsProgress(
                                EndOfInput.intHeader(headers, EndOfInput.SOURCE_PARTITION_HEADER, -1),
                                EndOfInput.time(headers)));
            } else if (EndOfInput.isQuiet(null, headers)) {
                reactions.handle(
                        null,
                        new MarketEvent.NewsQuiet(
                                EndOfInput.intHeader(headers, EndOfInput.SOURCE_PARTITION_HEADER, -1)));
            }
        } else {
            throw new IllegalStateException("a record from " + topic + ", which is not an input of the reaction node");
        }
    }

    private Known known(String symbol) {
        Known k = symbols.get(symbol);
        if (k == null) {
            if (symbols.size() >= MAX_SYMBOLS) {
                symbols.clear(); // a flood of made-up symbols: identity is a fast path, equality still holds
            }
            k = new Known(symbol, router.home(symbol));
            symbols.put(symbol, k);
        }
        return k;
    }

    @Override
    public void close() {
        ends.close();
        reactions.close();
    }
}
