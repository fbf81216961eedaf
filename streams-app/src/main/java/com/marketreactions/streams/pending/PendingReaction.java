package com.marketreactions.streams.pending;

import com.marketreactions.schema.NewsEvent;
import com.marketreactions.streams.reaction.WindowStats;
import org.apache.kafka.common.utils.Bytes;

/**
 * One reaction waiting for its window {@code (t0, t0 + horizon]} to close: its key and news, as persisted, and in
 * memory only the statistics of its window so far (null until first needed, then kept up to date tick by tick by
 * {@link WindowFolder}), its estimate once settled, and the time of its last PROVISIONAL update.
 */
public final class PendingReaction {

    private final PendingKey key;
    private final Bytes encoded;
    private final NewsEvent news;
    private final long t0;
    private final long horizonMs;
    private long lastUpdate = Long.MIN_VALUE;
    WindowStats window;
    /** The reaction's estimate once it is settled (the same for every horizon of the news and ticker). */
    Estimated estimated;

    public PendingReaction(PendingKey key, NewsEvent news, long t0, long horizonMs) {
        this.key = key;
        this.encoded = key.encode();
        this.news = news;
        this.t0 = t0;
        this.horizonMs = horizonMs;
    }

    public PendingKey key() {
        return key;
    }

    public Bytes encoded() {
        return encoded;
    }

    public NewsEvent news() {
        return news;
    }

    public long t0() {
        return t0;
    }

    public long horizonMs() {
        return horizonMs;
    }

    /** The end of the window, {@code t0 + horizon}: a FINAL's timestamp. */
    public long end() {
        return t0 + horizonMs;
    }

    /** The time of the tick of its last PROVISIONAL update, or {@code Long.MIN_VALUE}. */
    public long lastUpdate() {
        return lastUpdate;
    }

    public void updatedAt(long ts) {
        lastUpdate = ts;
    }
}
