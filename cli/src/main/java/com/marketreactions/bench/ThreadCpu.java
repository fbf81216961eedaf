package com.marketreactions.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time of one Streams application's threads in this JVM, split into its stream threads and the producer
 * I/O threads that send for them, as the difference of two snapshots. Tells a thread that computes from one
 * that waits: the blocked timers cover the waits on Kafka, this covers the work.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> streamNanos;
    private final Map<Long, Long> producerNanos;

    private ThreadCpu(Map<Long, Long> streamNanos, Map<Long, Long> producerNanos) {
        this.streamNanos = streamNanos;
        this.producerNanos = producerNanos;
    }

    /** The CPU time so far of the threads of the Streams application {@code appId} (its client id is appId-UUID). */
    static ThreadCpu of(String appId) {
        // "<appId>-<uuid>-StreamThread-1", and its producer's "kafka-producer-network-thread | <that>-producer"
        Pattern names = Pattern.compile("(kafka-producer-network-thread \\| )?" + Pattern.quote(appId)
                + "-\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}-StreamThread-\\d+(-producer)?");
        Map<Long, Long> stream = new HashMap<>();
        Map<Long, Long> producer = new HashMap<>();
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            Matcher m = t == null ? null : names.matcher(t.getThreadName());
            long cpu = m != null && m.matches() ? THREADS.getThreadCpuTime(t.getThreadId()) : -1;
            if (cpu < 0) {
                continue;
            }
            (m.group(1) != null ? producer : stream).put(t.getThreadId(), cpu);
        }
        return new ThreadCpu(stream, producer);
    }

    /** Seconds of CPU of the stream threads since {@code before}. */
    double streamSecondsSince(ThreadCpu before) {
        return since(streamNanos, before.streamNanos);
    }

    /** Seconds of CPU of the stream threads' producer I/O threads since {@code before}. */
    double producerSecondsSince(ThreadCpu before) {
        return since(producerNanos, before.producerNanos);
    }

    private static double since(Map<Long, Long> now, Map<Long, Long> before) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : now.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum / 1e9;
    }
}
