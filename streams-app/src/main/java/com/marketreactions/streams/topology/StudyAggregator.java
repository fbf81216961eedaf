package com.marketreactions.streams.topology;

import com.marketreactions.schema.EventStudy;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.internal.StudySums;
import com.marketreactions.streams.study.EventStudyMath;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The event study of each (group, horizon), updated with every FINAL reaction of the group: its running sums in
 * the {@code study-sums} store, its statistics to {@code event-study}. Records arrive keyed {@code group|horizon}
 * ({@link com.marketreactions.streams.study.StudyGroups}); the end-of-input markers of every partition are passed
 * on once all have come, as the per-news impact does.
 */
final class StudyAggregator implements Processor<String, MarketReaction, String, EventStudy> {

    private final OutputEnd end = new OutputEnd();
    private ProcessorContext<String, EventStudy> context;
    private KeyValueStore<String, StudySums> sums;

    @Override
    public void init(ProcessorContext<String, EventStudy> context) {
        this.context = context;
        this.sums = context.getStateStore(TopologyNames.STUDY_SUMS);
    }

    @Override
    public void process(Record<String, MarketReaction> record) {
        if (EndOfInput.isMarker(record.value(), record.headers())) {
            end.onMarker(record, context);
            return;
        }
        String key = record.key();
        int bar = key.lastIndexOf('|');
        StudySums before = sums.get(key);
        StudySums after = EventStudyMath.add(before == null ? EventStudyMath.empty() : before,
                EventStudyMath.Observation.of(record.value()));
        sums.put(key, after);
        context.forward(record.withValue(EventStudyMath.result(key.substring(0, bar), key.substring(bar + 1), after)));
    }
}
