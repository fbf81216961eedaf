package com.marketreactions.streams.control;

import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The end-of-input protocol of a reacting task. Its inputs end when the end marker of its own ticks partition and
 * those of every ticks partition through the routed ticks (the benchmark's copies) have arrived; which have is kept
 * in the {@code reaction-clock} store, so a restart knows. Once both ended and every reaction is final, the task
 * writes its own marker to the output, once ({@link #announce}).
 */
public final class InputEnd {

    private static final String ANNOUNCED = "ended";
    private static final String OWN_ENDED = "own-ticks-ended";
    private static final String ROUTED_ENDED = "routed-ticks-ended";
    /** Prefix of the flag of one source partition's end marker on the routed ticks. */
    private static final String ROUTED_END = "routed-ticks-ended-from-";

    private static final String INPUT_PARTITIONS = "input-partitions";

    private final KeyValueStore<String, Long> flags;
    private boolean ownEnded;
    private boolean announced;

    public InputEnd(KeyValueStore<String, Long> flags) {
        this.flags = flags;
        this.ownEnded = flags.get(OWN_ENDED) != null;
        this.announced = flags.get(ANNOUNCED) != null;
    }

    /** Both inputs have ended (after a restart too). */
    public boolean ended() {
        return ownEnded && flags.get(ROUTED_ENDED) != null;
    }

    /** The marker of this task's own ticks partition, one of {@code partitions}; returns {@link #ended()}. */
    public boolean ownEnded(int partitions) {
        ownEnded = true;
        flags.put(OWN_ENDED, 1L);
        flags.put(INPUT_PARTITIONS, (long) partitions);
        return ended();
    }

    /** The marker of ticks partition {@code source} of {@code partitions}, routed; returns {@link #ended()}. */
    public boolean routedEnded(int source, int partitions) {
        flags.put(ROUTED_END + Math.max(0, source), 1L);
        boolean all = true;
        for (int p = 0; p < partitions && all; p++) {
            all = flags.get(ROUTED_END + p) != null;
        }
        if (all) {
            flags.put(ROUTED_ENDED, 1L);
        }
        return ended();
    }

    public boolean announced() {
        return announced;
    }

    /**
     * The end marker of task {@code partition} for the output (null value, control header), remembered as written:
     * after the last reaction, it tells the replay driver that this task's output is complete.
     */
    public <V> Record<String, V> announce(int partition, long timestamp) {
        announced = true;
        flags.put(ANNOUNCED, 1L);
        Long partitions = flags.get(INPUT_PARTITIONS);
        return new Record<>(
                EndOfInput.outputMarkerKey(partition),
                null,
                timestamp,
                EndOfInput.headers(partition, partitions == null ? 1 : partitions.intValue()));
    }
}
