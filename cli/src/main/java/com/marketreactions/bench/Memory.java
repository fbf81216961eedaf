package com.marketreactions.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/** Memory readings of this process: peak heap since the last reset, peak and current RSS, size on disk. */
final class Memory {

    private Memory() {}

    private static final AtomicLong MAX_AFTER_GC = new AtomicLong();
    private static volatile long baseline;
    private static boolean listening;

    /**
     * Resets the peaks and takes the live heap now (after a full GC) as the baseline: what the benchmark holds
     * itself (its generated ticks, say), to be taken off {@link #liveHeapMiB}.
     */
    static synchronized void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        baseline = heapUsed();
        MAX_AFTER_GC.set(baseline);
        if (!listening) {
            listening = true;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(
                            (n, handback) -> {
                                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                        n.getType())) {
                                    GarbageCollectionNotificationInfo info =
                                            GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                                    long after = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                                            .mapToLong(MemoryUsage::getUsed)
                                            .sum();
                                    MAX_AFTER_GC.accumulateAndGet(after, Math::max);
                                }
                            },
                            null,
                            null);
                }
            }
        }
    }

    private static long heapUsed() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getUsage().getUsed();
            }
        }
        return sum;
    }

    /**
     * The largest heap still in use after a garbage collection since {@link #resetPeaks()}, less the baseline
     * taken then, in MiB: an upper bound of what the analyzer kept live (a young collection leaves old-generation
     * garbage in place), much closer to it than the pools' peak usage, which counts all garbage.
     */
    static double liveHeapMiB() {
        return Math.max(0, MAX_AFTER_GC.get() - baseline) / 1048576.0;
    }

    /** Sum of the peak usage of the heap pools since {@link #resetPeaks()}, in MiB. */
    static double peakHeapMiB() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / 1048576.0;
    }

    /** A field of /proc/self/status in MiB (VmRSS now, VmHWM peak), or -1 where there is no /proc. */
    static double procStatusMiB(String field) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith(field + ":"))
                    .findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0)
                    .orElse(-1.0);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static double dirMiB(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                            .mapToLong(p -> p.toFile().length())
                            .sum()
                    / 1048576.0;
        } catch (IOException e) {
            return -1;
        }
    }
}
