package com.marketreactions.streams.topology;

import com.marketreactions.schema.StockTick;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Keeps the benchmark's ticks and the end-of-input markers (stamped with the partition they came from),
 * on their way to every partition.
 */
final class BenchmarkSelector implements FixedKeyProcessor<String, StockTick, StockTick> {

    private final String benchmark;
    private FixedKeyProcessorContext<String, StockTick> context;

    BenchmarkSelector(String benchmark) {
        this.benchmark = benchmark;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, StockTick> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, StockTick> r) {
        if (EndOfInput.isMarker(r.value(), r.headers())) {
            int partition = context.recordMetadata().map(m -> m.partition()).orElse(0);
            // a copy: the same headers object also travels down the other branch of the ticks source
            RecordHeaders headers = new RecordHeaders(r.headers().toArray());
            headers.remove(EndOfInput.SOURCE_PARTITION_HEADER);
            headers.add(EndOfInput.SOURCE_PARTITION_HEADER, EndOfInput.bytes(Integer.toString(partition)));
            context.forward(r.withHeaders(headers));
        } else if (r.value() != null && benchmark.equals(r.value().getSymbol())) {
            context.forward(r);
        }
    }
}
