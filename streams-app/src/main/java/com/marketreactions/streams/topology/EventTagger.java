package com.marketreactions.streams.topology;

import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Wraps each input record in the {@link MarketEvent} of its source, recognising end-of-input markers.
 * Values are never null here: {@link RecordValidator} rejects those before.
 */
final class EventTagger<V> implements FixedKeyProcessor<String, V, MarketEvent> {

    enum Source { TICKS, ROUTED_TICKS, NEWS }

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
        if (EndOfInput.isQuiet(r.value(), r.headers())) {
            event = new MarketEvent.Quiet(EndOfInput.intHeader(r.headers(), EndOfInput.SOURCE_PARTITION_HEADER, 0));
        } else if (EndOfInput.isMarker(r.value(), r.headers())) {
            event = new MarketEvent.End(source == Source.ROUTED_TICKS,
                    EndOfInput.intHeader(r.headers(), EndOfInput.SOURCE_PARTITION_HEADER, -1),
                    EndOfInput.intHeader(r.headers(), EndOfInput.PARTITIONS_HEADER, 1));
        } else {
            event = switch (source) {
                case TICKS, ROUTED_TICKS -> new MarketEvent.Tick((StockTick) r.value());
                case NEWS -> new MarketEvent.TickerNews((NewsEvent) r.value());
            };
        }
        context.forward(r.withValue(event));
    }
}
