package com.marketreactions.streams.emit;

import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionStatus;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The FINAL reactions of the reaction topic, read back for the per-news impact and the event study, and the
 * end-of-input markers (null values): a PROVISIONAL that says so in its {@link StatusHeader} is dropped undecoded.
 * A value that cannot be decoded fails here rather than at the source, so the processing exception handler
 * takes it (in a service, the dead-letter topic, with its bytes).
 */
public final class FinalsOnly implements FixedKeyProcessor<String, byte[], MarketReaction> {

    private final String topic;
    private final Deserializer<MarketReaction> values;
    private FixedKeyProcessorContext<String, MarketReaction> context;

    public FinalsOnly(String topic, Deserializer<MarketReaction> values) {
        this.topic = topic;
        this.values = values;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, MarketReaction> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        if (record.value() != null && Boolean.FALSE.equals(StatusHeader.isFinal(record.headers()))) {
            return;
        }
        MarketReaction r = record.value() == null ? null : values.deserialize(topic, record.headers(), record.value());
        if (r == null || r.getStatus() == ReactionStatus.FINAL) {
            context.forward(record.withValue(r));
        }
    }
}
