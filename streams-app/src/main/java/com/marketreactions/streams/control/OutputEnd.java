package com.marketreactions.streams.control;

import java.util.BitSet;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The end-of-input markers of every reacting task, read back from the reaction topic by an aggregating task,
 * turned into one marker of that task on its own output once all have come: how a replay knows an aggregate
 * topic (the per-news impact, the event study) is complete.
 */
public final class OutputEnd {

    private final BitSet ended = new BitSet();
    private boolean announced;

    /** Notes {@code marker}'s source partition and forwards this task's marker once all partitions ended. */
    public <V> void onMarker(Record<String, ?> marker, ProcessorContext<String, V> context) {
        int source = EndOfInput.sourcePartition(marker.headers());
        int partitions = EndOfInput.intHeader(marker.headers(), EndOfInput.PARTITIONS_HEADER, 1);
        ended.set(Math.max(0, source));
        if (!announced && ended.cardinality() >= partitions) {
            announced = true;
            int partition = context.taskId().partition();
            context.forward(new Record<String, V>(
                    EndOfInput.outputMarkerKey(partition),
                    null,
                    marker.timestamp(),
                    EndOfInput.headers(partition, partitions)));
        }
    }
}
