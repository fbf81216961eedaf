package com.marketreactions.streams.control;

import com.marketreactions.streams.time.StreamTime;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The progress of each news partition as a reacting task last heard it ({@link StreamTime#newsTime}), kept in the
 * {@code reaction-clock} store with the task's other clocks, so a restarted task judges news as before the restart.
 */
public final class NewsInput {

    private static final String PROGRESS = "news-progress-from-";

    private final KeyValueStore<String, Long> store;

    public NewsInput(KeyValueStore<String, Long> store) {
        this.store = store;
    }

    /** The committed progress of news partitions 0 to {@code partitions - 1} ({@link StreamTime#NONE} if none). */
    public long[] restore(int partitions) {
        long[] progress = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            Long t = store.get(PROGRESS + p);
            progress[p] = t == null ? StreamTime.NONE : t;
        }
        return progress;
    }

    public void record(int partition, long time) {
        store.put(PROGRESS + partition, time);
    }
}
