package com.marketreactions.streams.topology;

import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps each input record in the {@link MarketEvent} of its source, recognising end-of-input markers.
 * A null value that is not a marker carries no information: it is logged and dropped.
 */
final class EventTagger<V> implements FixedKeyProcessor<String, V, MarketEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(EventTagger.class);

    enum Source { TICKS, BENCHMARK, NEWS }

    private final Source source;
    private FixedKeyProcessorContext<String, MarketEvent> context;

    EventTagger(Source source) {
        this.source = source;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, MarketEvent> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> r) {
        MarketEvent event;
        if (EndOfInput.isMarker(r.value(), r.headers())) {
            event = new MarketEvent.End(source == Source.BENCHMARK,
                    EndOfInput.intHeader(r.headers(), EndOfInput.SOURCE_PARTITION_HEADER, -1),
                    EndOfInput.intHeader(r.headers(), EndOfInput.PARTITIONS_HEADER, 1));
        } else if (r.value() == null) {
            LOG.warn("{} record with key '{}' has no value; ignored", source, r.key());
            return;
        } else {
            event = switch (source) {
                case TICKS -> new MarketEvent.OwnTick((StockTick) r.value());
                case BENCHMARK -> new MarketEvent.BenchmarkTick((StockTick) r.value());
                case NEWS -> new MarketEvent.TickerNews((NewsEvent) r.value());
            };
        }
        context.forward(r.withValue(event));
    }
}
