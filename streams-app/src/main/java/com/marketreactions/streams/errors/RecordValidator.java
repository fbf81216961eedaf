package com.marketreactions.streams.errors;

import com.marketreactions.common.InputLimits;
import com.marketreactions.common.RecordChecks;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.control.EndMarkerGate;
import com.marketreactions.streams.control.EndOfInput;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The first step after an input topic: a record that decoded but makes no sense (no key, no value, the
 * wrong type, a field out of range or beyond its {@link InputLimits}, an event time ahead of the clock) is
 * rejected with an {@link InvalidRecordException}; the processing exception handler decides what happens to it (the service
 * dead-letters it, a replay stops). End-of-input markers pass where the run honours them ({@link EndMarkerGate}). The news path runs it as a processor; the
 * reaction node checks ticks with {@link #check} itself, so that a tick takes no extra hop.
 */
public final class RecordValidator<V> implements FixedKeyProcessor<String, V, V> {

    private final Class<V> type;
    private final Function<V, String> problem;
    private final Function<V, Instant> eventTime;
    /** Event times further ahead of the wall clock are a producer's mistake, not news from the future. */
    private final Duration maxAhead;
    /** Where an end marker on the input is let through: null where this validator is only {@link #check}'s. */
    private final EndMarkerGate ends;

    private FixedKeyProcessorContext<String, V> context;

    private RecordValidator(
            Class<V> type,
            Function<V, String> problem,
            Function<V, Instant> eventTime,
            Duration maxAhead,
            EndMarkerGate ends) {
        this.type = type;
        this.problem = problem;
        this.eventTime = eventTime;
        this.maxAhead = maxAhead;
        this.ends = ends;
    }

    /** Ticks, each at most {@code limits.maxAhead()} ahead of the clock. */
    public static RecordValidator<StockTick> ticks(InputLimits limits) {
        return new RecordValidator<>(
                StockTick.class, RecordChecks::tickProblem, StockTick::getTs, limits.maxAhead(), null);
    }

    /** The news input's first step: news events, each within {@code limits}; end markers as {@code ends} says. */
    public static RecordValidator<NewsEvent> news(InputLimits limits, EndMarkerGate ends) {
        return new RecordValidator<>(
                NewsEvent.class,
                news -> RecordChecks.newsProblem(news, limits),
                NewsEvent::getPublishedAt,
                limits.maxAhead(),
                ends);
    }

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
        this.context = context;
        ends.init(context);
    }

    @Override
    public void process(FixedKeyRecord<String, V> r) {
        if (EndOfInput.isMarker(r.value(), r.headers())) {
            if (ends.admit()) {
                context.forward(r);
            }
            return;
        }
        check(r.key(), r.value(), context.currentSystemTimeMs());
        context.forward(r);
    }

    @Override
    public void close() {
        ends.close();
    }

    /** Rejects a record that is not a valid {@code V}: what {@link #problem} finds, as an exception. */
    public void check(Object key, Object value, long wallMs) {
        String why = problem(key, value, wallMs);
        if (why != null) {
            throw new InvalidRecordException(why);
        }
    }

    /** What is wrong with a record (not an end-of-input marker) read at {@code wallMs}, or null. */
    public String problem(Object key, Object value, long wallMs) {
        if (value == null) {
            return "no value (a " + type.getSimpleName() + " was expected)";
        }
        if (!type.isInstance(value)) {
            return "a " + value.getClass().getSimpleName() + " where a " + type.getSimpleName() + " was expected";
        }
        if (key == null) {
            return "no key";
        }
        V v = type.cast(value);
        String why = problem.apply(v);
        if (why != null) {
            return why;
        }
        Instant t = eventTime.apply(v);
        long ahead = t.toEpochMilli() - wallMs;
        if (ahead > maxAhead.toMillis()) {
            return "event time " + t + " is " + Duration.ofMillis(ahead) + " ahead of the clock (at most " + maxAhead
                    + ": setting " + InputLimits.MAX_AHEAD + ")";
        }
        return null;
    }
}
