package com.marketreactions.streams.control;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The heartbeat of an input partition that has had no record for the idle timeout: a quiet record (null value,
 * {@link EndOfInput#quietHeaders}) to every partition of the topic it feeds, sent from a wall-clock punctuation
 * (about once a second). A partition whose task is restoring, failing over or stuck sends none, so a reacting task
 * never mistakes its silence for a quiet input. Used by the ticks partitions (through the routed ticks) and the news
 * partitions (through the news by ticker).
 */
public final class QuietHeartbeat<V> {

    private final ProcessorContext<String, V> context;
    private final long idleMs;
    private long lastRecordWall;

    public QuietHeartbeat(ProcessorContext<String, V> context, long idleMs) {
        this.context = context;
        this.idleMs = idleMs;
        this.lastRecordWall = context.currentSystemTimeMs();
    }

    /** How often to call {@link #beat}: about once a second, at least twice per idle timeout. */
    public static java.time.Duration interval(long idleMs) {
        return java.time.Duration.ofMillis(Math.max(100, Math.min(1000, idleMs / 2)));
    }

    /** A record arrived at {@code wall}: the partition is not quiet. */
    public void arrived(long wall) {
        lastRecordWall = wall;
    }

    /** From the wall-clock punctuation: a partition quiet for the idle timeout says so. */
    public void beat(long wall) {
        if (wall - lastRecordWall >= idleMs) {
            int partition = context.taskId().partition();
            context.forward(new Record<String, V>(
                    EndOfInput.quietKey(partition),
                    null,
                    Math.max(0, context.currentStreamTimeMs()),
                    EndOfInput.quietHeaders(partition)));
        }
    }
}
