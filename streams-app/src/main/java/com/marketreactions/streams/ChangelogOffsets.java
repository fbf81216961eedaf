package com.marketreactions.streams;

import java.util.List;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Gives a task's window stores a changelog offset as soon as the task processes a record or punctuates. Kafka Streams 4.3.1
 * keeps a window store's committed offset only once its changelog holds a record; a store never written has none,
 * and under exactly-once a restart then takes the whole task for corrupted and restores every store of it from the
 * changelogs ("did not find checkpoint offsets while stores are not empty"): a partition whose tickers have had no
 * news yet would restore its whole tick history on every restart. One tombstone of the empty key, which no record
 * of these stores has, per store and task incarnation gives each changelog its offset.
 */
public final class ChangelogOffsets {

    private static final String NO_KEY = "";

    private final List<WindowStore<String, ?>> stores;
    private boolean touched;

    public ChangelogOffsets(List<WindowStore<String, ?>> stores) {
        this.stores = List.copyOf(stores);
    }

    /** On the first call, deletes the empty key at {@code timestamp} in every store (a changelog tombstone). */
    public void touch(long timestamp) {
        if (touched) {
            return;
        }
        for (WindowStore<String, ?> store : stores) {
            store.put(NO_KEY, null, timestamp);
        }
        touched = true;
    }
}
