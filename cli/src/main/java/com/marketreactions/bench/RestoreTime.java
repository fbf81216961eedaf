package com.marketreactions.bench;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.Topics;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.app.ReactionApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * How long a new instance takes to restore an analyzer run's state from its changelogs: the run's application
 * closed, its local state left behind, and the same application started on an empty state directory, as after
 * the loss of a machine without a standby replica. Timed from the first task store's restore start to the last
 * one's end: the wait before (the group noticing the old member gone, {@code session.timeout.ms} when it did not
 * leave) is not the restore's, nor is the alias table's global store, restored before the tasks are assigned.
 */
final class RestoreTime implements StateRestoreListener {

    /** The restore of a run's state: how long, how many changelog records. */
    record Result(double seconds, long records) {
        static final Result NONE = new Result(0, 0);
    }

    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong firstStart = new AtomicLong();
    private final AtomicLong lastEnd = new AtomicLong();
    private final String globalTopic;

    private RestoreTime(String globalTopic) {
        this.globalTopic = globalTopic;
    }

    static Result measure(
            ClientConfigs clients,
            String appId,
            Topics topics,
            ReactionConfig config,
            Map<String, String> streams,
            Duration timeout)
            throws Exception {
        Path dir = Files.createTempDirectory("reactions-bench-restore-");
        RestoreTime listener = new RestoreTime(topics.aliases.name());
        try (ReactionApp app = new ReactionApp(config, topics, ReactionApp.properties(clients, appId, dir, streams))) {
            app.streams().setGlobalStateRestoreListener(listener);
            long start = System.nanoTime();
            app.start();
            long deadline = start + timeout.toNanos();
            while (!listener.done(app.streams())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the restore did not end within " + timeout);
                }
                Thread.sleep(50); // polling interval against the deadline above, not a wait for a fixed time
            }
            return new Result((listener.lastEnd.get() - listener.firstStart.get()) / 1e9, listener.records.get());
        } finally {
            Benchmark.deleteQuietly(dir);
        }
    }

    /** A task store began restoring, every store that began has ended, and the instance runs. */
    private boolean done(KafkaStreams streams) {
        int s = started.get();
        return firstStart.get() != 0 && ended.get() >= s && streams.state() == KafkaStreams.State.RUNNING;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
        started.incrementAndGet();
        if (!partition.topic().equals(globalTopic)) {
            firstStart.compareAndSet(0, System.nanoTime());
        }
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {}

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        records.addAndGet(totalRestored);
        if (!partition.topic().equals(globalTopic)) {
            lastEnd.set(System.nanoTime());
        }
        ended.incrementAndGet();
    }
}
