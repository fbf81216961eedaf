package com.marketreactions.common;

import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How long the topics that grow without compaction ({@code news}, {@code ticks}, {@code dead-letters}) keep
 * their records, applied when the application creates them.
 *
 * <p>A record's timestamp is its event time, so a time bound counts from when a trade happened, not from when
 * it was published: a backlog of history published into a service's topics is older than any bound of days and
 * would be deleted as soon as its segment closes, read or not. A size bound per partition deletes the oldest
 * published records first whatever their time, which is why a service's default is a size.
 *
 * @param bytes most bytes a partition keeps ({@code retention.bytes}), -1 for no bound
 * @param ms most milliseconds of record time a partition keeps ({@code retention.ms}), -1 for no bound
 */
public record TopicRetention(long bytes, long ms) {

    /** Records kept until deleted on purpose: a replay's, a benchmark's and a test's own topics. */
    public static final TopicRetention UNLIMITED = new TopicRetention(-1, -1);

    public TopicRetention {
        if (bytes < -1 || bytes == 0 || ms < -1 || ms == 0) {
            throw new IllegalArgumentException(
                    "a retention is a positive number or -1 (none): bytes " + bytes + ", ms " + ms);
        }
    }

    public boolean bounded() {
        return bytes > 0 || ms > 0;
    }

    Map<String, String> topicConfig() {
        return Map.of(
                TopicConfig.RETENTION_BYTES_CONFIG,
                Long.toString(bytes),
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(ms));
    }
}
