package com.marketreactions.streams;

import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.Sensor.RecordingLevel;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The reaction processor's own metrics, registered with Kafka Streams so that they appear among the client's
 * metrics (and on the service's {@code /metrics}): reactions emitted by status, late ticks, open windows.
 * Group {@code stream-market-reactions-metrics}, tagged with the task.
 */
public final class ReactionMetrics {

    public static final String SCOPE = "market-reactions";

    private final StreamsMetrics metrics;
    private final Sensor provisional;
    private final Sensor fin;
    private final Sensor late;
    private final Sensor amended;
    private final Sensor amendedLate;
    private final Sensor unmatched;
    private final Sensor open;
    private final Sensor symbols;

    public ReactionMetrics(StreamsMetrics metrics, String taskId) {
        this.metrics = metrics;
        String entity = "task-" + taskId;
        provisional = metrics.addRateTotalSensor(SCOPE, entity, "reactions-provisional", RecordingLevel.INFO);
        fin = metrics.addRateTotalSensor(SCOPE, entity, "reactions-final", RecordingLevel.INFO);
        late = metrics.addRateTotalSensor(SCOPE, entity, "late-ticks", RecordingLevel.INFO);
        amended = metrics.addRateTotalSensor(SCOPE, entity, "trades-amended", RecordingLevel.INFO);
        amendedLate = metrics.addRateTotalSensor(SCOPE, entity, "trades-amended-late", RecordingLevel.INFO);
        unmatched = metrics.addRateTotalSensor(SCOPE, entity, "amendments-unmatched", RecordingLevel.INFO);
        open = metrics.addSensor(SCOPE + "-open-windows-" + taskId, RecordingLevel.INFO);
        open.add(
                new MetricName(
                        "open-windows",
                        "stream-" + SCOPE + "-metrics",
                        "Reactions (news, ticker, horizon) waiting for their window to close",
                        Map.of("task-id", taskId)),
                new Value());
        symbols = metrics.addSensor(SCOPE + "-symbols-in-memory-" + taskId, RecordingLevel.INFO);
        symbols.add(
                new MetricName(
                        "symbols-in-memory",
                        "stream-" + SCOPE + "-metrics",
                        "Symbols whose tick history the task keeps in memory (those idle a day leave it)",
                        Map.of("task-id", taskId)),
                new Value());
    }

    public void symbolsInMemory(long n) {
        symbols.record(n);
    }

    public void provisional() {
        provisional.record();
    }

    public void fin() {
        fin.record();
    }

    public void lateTick() {
        late.record();
    }

    /** A trade cancelled or corrected; {@code late}: more than G after it, so some of its windows may have closed. */
    public void amended(boolean late) {
        amended.record();
        if (late) {
            amendedLate.record();
        }
    }

    /** A cancel or correction that found no trade to withdraw. */
    public void unmatchedAmendment() {
        unmatched.record();
    }

    public void openWindows(long n) {
        open.record(n);
    }

    public void close() {
        for (Sensor s : new Sensor[] {provisional, fin, late, amended, amendedLate, unmatched, open, symbols}) {
            metrics.removeSensor(s);
        }
    }
}
