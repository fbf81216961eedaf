package com.marketreactions.streams.control;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The end-of-input marker of a bounded replay: a record with a null value and the header
 * {@code mr-control: end-of-input}, written to every partition of the ticks topic after the last tick.
 * It tells the topology that no more data will come, so it finalizes every open reaction (a watermark
 * at +infinity). A long-running service ignores them ({@link EndMarkerGate}): its input never ends.
 *
 * <p>The header {@code mr-partitions} carries the number of partitions that were marked; the benchmark
 * stream is complete once markers from all of them have arrived. A replay also ends the news topic with them.
 *
 * <p>The topology's own control records on its internal topics follow the same form (null value, control
 * header, source partition): a quiet partition's heartbeat, and a news partition's progress.
 */
public final class EndOfInput {

    public static final String CONTROL_HEADER = "mr-control";
    public static final String END_OF_INPUT = "end-of-input";
    public static final String PARTITIONS_HEADER = "mr-partitions";
    public static final String SOURCE_PARTITION_HEADER = "mr-source-partition";

    private EndOfInput() {}

    /** Headers of the marker for one of {@code partitions} partitions. */
    public static Headers headers(int partitions) {
        RecordHeaders h = new RecordHeaders();
        h.add(CONTROL_HEADER, bytes(END_OF_INPUT));
        h.add(PARTITIONS_HEADER, bytes(Integer.toString(partitions)));
        return h;
    }

    /**
     * Headers of the marker the topology writes to the reactions topic when a task has finalized everything
     * after its inputs ended: {@code mr-source-partition} names the task's partition.
     */
    public static Headers headers(int sourcePartition, int partitions) {
        Headers h = headers(partitions);
        h.add(SOURCE_PARTITION_HEADER, bytes(Integer.toString(sourcePartition)));
        return h;
    }

    /** Key of the output marker of one task; distinct per task and never a reaction key. */
    public static String outputMarkerKey(int partition) {
        return "end-of-input|" + partition;
    }

    /** Key of an end marker of ticks partition {@code partition} copied to the routed ticks (never null there). */
    public static String routedMarkerKey(int partition) {
        return "end-of-input|" + partition;
    }

    /** The task partition named by an output marker, or -1. */
    public static int sourcePartition(Headers headers) {
        return intHeader(headers, SOURCE_PARTITION_HEADER, -1);
    }

    /** The control value of a heartbeat: the source partition had no record for the idle timeout. */
    static final String QUIET = "quiet";

    /** Headers of a heartbeat of a quiet ticks or news partition (on the routed ticks or the news by ticker). */
    public static Headers quietHeaders(int sourcePartition) {
        RecordHeaders h = new RecordHeaders();
        h.add(CONTROL_HEADER, bytes(QUIET));
        h.add(SOURCE_PARTITION_HEADER, bytes(Integer.toString(sourcePartition)));
        return h;
    }

    public static String quietKey(int sourcePartition) {
        return "quiet|" + sourcePartition;
    }

    /** The control value of a news partition's progress: it has passed on every news event up to a time. */
    static final String NEWS_PROGRESS = "news-progress";
    /** The header of that time, epoch milliseconds ({@link Long#MAX_VALUE} once its input ended). */
    public static final String TIME_HEADER = "mr-time";

    /** Headers of the progress of news partition {@code sourcePartition} up to {@code time} (on the news by ticker). */
    public static Headers newsProgressHeaders(int sourcePartition, long time) {
        RecordHeaders h = new RecordHeaders();
        h.add(CONTROL_HEADER, bytes(NEWS_PROGRESS));
        h.add(SOURCE_PARTITION_HEADER, bytes(Integer.toString(sourcePartition)));
        h.add(TIME_HEADER, bytes(Long.toString(time)));
        return h;
    }

    public static String newsProgressKey(int sourcePartition) {
        return "news-progress|" + sourcePartition;
    }

    public static boolean isNewsProgress(Object value, Headers headers) {
        return control(value, headers, NEWS_PROGRESS);
    }

    /** The time of a news progress record; {@link Long#MIN_VALUE} when it has none. */
    public static long time(Headers headers) {
        Header h = headers.lastHeader(TIME_HEADER);
        if (h == null) {
            return Long.MIN_VALUE;
        }
        try {
            return Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    private static boolean control(Object value, Headers headers, String kind) {
        if (value != null || headers == null) {
            return false;
        }
        Header h = headers.lastHeader(CONTROL_HEADER);
        return h != null && kind.equals(new String(h.value(), StandardCharsets.UTF_8));
    }

    public static boolean isQuiet(Object value, Headers headers) {
        return control(value, headers, QUIET);
    }

    public static boolean isMarker(Object value, Headers headers) {
        return control(value, headers, END_OF_INPUT);
    }

    public static int intHeader(Headers headers, String name, int dflt) {
        Header h = headers.lastHeader(name);
        if (h == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(new String(h.value(), StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
