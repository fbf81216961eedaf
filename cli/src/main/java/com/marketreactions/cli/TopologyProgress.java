package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a bounded run's topology has read its ticks, for {@link Progress}: the application's committed offsets on
 * the ticks topic against the offsets of the last ticks published, asked at most once a second, and the reactions
 * read so far. Shows nothing, and asks nothing, when the progress is not shown.
 */
final class TopologyProgress implements Runnable, AutoCloseable {

    private static final long ASK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Progress progress;
    private final String appId;
    private final String topic;
    private final Map<Integer, Long> lastOffsets;
    private final LongSupplier reactions;
    private final Admin admin;
    private long askedAt;

    /**
     * @param lastOffsets per partition, the offset of the last tick published
     * @param reactions the number of reactions read so far
     */
    TopologyProgress(
            Progress progress,
            ClientConfigs clients,
            String appId,
            String topic,
            Map<Integer, Long> lastOffsets,
            LongSupplier reactions) {
        this.progress = progress;
        this.appId = appId;
        this.topic = topic;
        this.lastOffsets = lastOffsets;
        this.reactions = reactions;
        this.admin = progress.shown() ? Admin.create(clients.common()) : null;
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        if (admin == null || (askedAt != 0 && now - askedAt < ASK_NANOS)) {
            return;
        }
        askedAt = now;
        String read = "";
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(appId)
                    .partitionsToOffsetAndMetadata()
                    .get(1, TimeUnit.SECONDS);
            long done = 0;
            long total = 0;
            for (Map.Entry<Integer, Long> e : lastOffsets.entrySet()) {
                OffsetAndMetadata o = committed.get(new TopicPartition(topic, e.getKey()));
                total += e.getValue() + 1;
                done += o == null ? 0 : Math.min(o.offset(), e.getValue() + 1);
            }
            if (total > 0) {
                read = String.format(Locale.ROOT, "%.0f%% of the ticks read, ", 100.0 * done / total);
            }
        } catch (ExecutionException | TimeoutException e) {
            // no share this time: the next ask may have one; the run's own waits say if the cluster is gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        progress.detail(String.format(Locale.ROOT, "%s%,d reactions so far", read, reactions.getAsLong()));
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
