package com.marketreactions.streams.topology;

import com.marketreactions.common.RecordChecks;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.errors.InvalidRecordException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The first step after an input topic: a record that decoded but makes no sense (no key, no value, the
 * wrong type, a field out of range, an event time far in the future) is rejected with an
 * {@link InvalidRecordException}; the processing exception handler decides what happens to it (the service
 * dead-letters it, a replay stops). End-of-input markers pass.
 */
final class RecordValidator<V> implements FixedKeyProcessor<String, V, V> {

    /** Event times further ahead of the wall clock than this are a producer's mistake, not news from the future. */
    static final Duration MAX_AHEAD = Duration.ofDays(1);

    private final Class<V> type;
    private final Function<V, String> problem;
    private final Function<V, Instant> eventTime;
    private FixedKeyProcessorContext<String, V> context;

    private RecordValidator(Class<V> type, Function<V, String> problem, Function<V, Instant> eventTime) {
        this.type = type;
        this.problem = problem;
        this.eventTime = eventTime;
    }

    static RecordValidator<StockTick> ticks() {
        return new RecordValidator<>(StockTick.class, RecordChecks::tickProblem, StockTick::getTs);
    }

    static RecordValidator<NewsEvent> news() {
        return new RecordValidator<>(NewsEvent.class, RecordChecks::newsProblem, NewsEvent::getPublishedAt);
    }

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> r) {
        if (EndOfInput.isMarker(r.value(), r.headers())) {
            context.forward(r);
            return;
        }
        if (r.value() == null) {
            throw new InvalidRecordException("no value (a " + type.getSimpleName() + " was expected)");
        }
        if (!type.isInstance(r.value())) {
            throw new InvalidRecordException("a " + r.value().getClass().getSimpleName() + " where a "
                    + type.getSimpleName() + " was expected");
        }
        if (r.key() == null) {
            throw new InvalidRecordException("no key");
        }
        String why = problem.apply(r.value());
        if (why != null) {
            throw new InvalidRecordException(why);
        }
        Instant t = eventTime.apply(r.value());
        long ahead = t.toEpochMilli() - context.currentSystemTimeMs();
        if (ahead > MAX_AHEAD.toMillis()) {
            throw new InvalidRecordException("event time " + t + " is " + Duration.ofMillis(ahead)
                    + " ahead of the clock (at most " + MAX_AHEAD + ")");
        }
        context.forward(r);
    }
}
