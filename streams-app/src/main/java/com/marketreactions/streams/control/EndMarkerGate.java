package com.marketreactions.streams.control;

import com.marketreactions.streams.ReactionMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an end-of-input marker on an input topic is let in. A replay's input is bounded and ends with its own
 * markers; a service's input never ends, and any producer with write access to an input topic can write a marker
 * (a null value and a header), which would finalize every open reaction the moment its news arrives, forever. So a
 * service ignores them: each is counted ({@code ignored-end-markers-<input>} per task) and the first one logged.
 */
public final class EndMarkerGate {

    private static final Logger LOG = LoggerFactory.getLogger(EndMarkerGate.class);

    private final boolean honoured;
    private final String input;
    private ProcessingContext context;
    private Sensor ignored;
    private boolean logged;

    /** The gate of input {@code input} ("ticks", "news"): markers end it when {@code honoured}. */
    public EndMarkerGate(boolean honoured, String input) {
        this.honoured = honoured;
        this.input = input;
    }

    public void init(ProcessingContext context) {
        this.context = context;
        if (!honoured) {
            ignored = context.metrics()
                    .addRateTotalSensor(
                            ReactionMetrics.SCOPE,
                            "task-" + context.taskId(),
                            "ignored-end-markers-" + input,
                            Sensor.RecordingLevel.INFO);
        }
    }

    /**
     * Whether an end-of-input marker that arrived on this input ends it. One that does not is counted and logged
     * (the first on this task), and the caller drops it.
     */
    public boolean admit() {
        return honoured || ignore();
    }

    /** Whether this run's markers end the input (for a step that passes a marker on and leaves the count to another). */
    public boolean honoured() {
        return honoured;
    }

    private boolean ignore() {
        ignored.record();
        if (!logged) {
            logged = true;
            LOG.warn(
                    "task {}: an end-of-input marker on the {} input was ignored (a service's input never ends; "
                            + "further ones are counted in ignored-end-markers-{}, not logged)",
                    context.taskId(),
                    input,
                    input);
        }
        return false;
    }

    public void close() {
        if (ignored != null) {
            context.metrics().removeSensor(ignored);
        }
    }
}
