package com.marketreactions.streams.routing;

import com.marketreactions.common.InputLimits;
import com.marketreactions.common.RecordChecks;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.ReactionMetrics;
import com.marketreactions.streams.control.EndOfInput;
import com.marketreactions.streams.errors.InvalidRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ticks topic's first step: a tick whose time is more than J ({@code event.max.jump}) ahead of every tick its
 * partition passed on before it is held back, and passed on once the partition's ticks come within J of it, in time
 * order. One tick dated a day ahead in data behind the wall clock (a backlog, a replay; the wall clock refuses it in
 * live data, {@code event.max.ahead}) would otherwise move its symbol's clock a day on, and for the benchmark every
 * task's: the real ticks after it would be late for every window that closed meanwhile, and the FINALs wrong.
 *
 * <p>A genuine gap (the night, a weekend, a halted feed) looks the same to its first tick: it waits for the next tick
 * of its partition at or past its time minus J, which bears it out (and passes too), and comes within milliseconds
 * in any market that trades. So it takes two ticks that bear each other out to move the time far: one record
 * cannot. A
 * partition that was quiet for {@code idle.timeout} of wall time is a live feed resuming, and its first tick passes
 * at once. Holding only puts ticks in time order, never out of it, so the reactions are those of the data: a held
 * tick reaches the windows before any tick later than it, and the windows it belongs to are still open (its symbol's
 * clock has not passed it). At the end of a replay's input every held tick is passed on, in time order. At most
 * {@link #MAX_HELD} wait per partition; one more is rejected as invalid (the service dead-letters it).
 *
 * <p>The partition's time is kept in the {@code reaction-clock} store every J/4 of it, so a restarted task holds what
 * the first run held, give or take ticks within J/4 of the bound (held for one more tick: the order of the data).
 */
public final class TickHoldBack implements Processor<byte[], StockTick, byte[], StockTick> {

    private static final Logger LOG = LoggerFactory.getLogger(TickHoldBack.class);

    /** Most ticks held back per partition. */
    public static final int MAX_HELD = 10_000;
    /** The key of the partition's time in the {@code reaction-clock} store. */
    static final String TIME_KEY = "ticks-passed-up-to";

    private final String heldStore;
    private final String clockStore;
    private final long jumpMs;
    private final long idleMs;
    private final boolean endMarkers;

    private ProcessorContext<byte[], StockTick> context;
    private KeyValueStore<Bytes, StockTick> held;
    private KeyValueStore<String, Long> clock;
    private Sensor holds;
    private Sensor waiting;
    /** The latest time of a tick passed on; {@link Long#MIN_VALUE} before the first. */
    private long passedUpTo = Long.MIN_VALUE;

    private long kept = Long.MIN_VALUE;
    private int heldCount;
    private long earliestHeld = Long.MAX_VALUE;
    private long lastArrivalWall;

    /**
     * @param endMarkers whether an end-of-input marker ends the input (a replay): every held tick is passed on first
     */
    public TickHoldBack(String heldStore, String clockStore, Duration jump, Duration idle, boolean endMarkers) {
        this.heldStore = heldStore;
        this.clockStore = clockStore;
        this.jumpMs = jump.toMillis();
        this.idleMs = idle.toMillis();
        this.endMarkers = endMarkers;
    }

    @Override
    public void init(ProcessorContext<byte[], StockTick> context) {
        this.context = context;
        this.held = context.getStateStore(heldStore);
        this.clock = context.getStateStore(clockStore);
        Long t = clock.get(TIME_KEY);
        passedUpTo = kept = t == null ? Long.MIN_VALUE : t;
        try (KeyValueIterator<Bytes, StockTick> it = held.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, StockTick> e = it.next();
                earliestHeld = Math.min(earliestHeld, timeOf(e.key));
                heldCount++;
            }
        }
        holds = context.metrics()
                .addRateTotalSensor(
                        ReactionMetrics.SCOPE, "task-" + context.taskId(), "held-ticks", Sensor.RecordingLevel.INFO);
        waiting = context.metrics()
                .addSensor(
                        ReactionMetrics.SCOPE + "-held-ticks-waiting-" + context.taskId(), Sensor.RecordingLevel.INFO);
        waiting.add(
                new MetricName(
                        "held-ticks-waiting",
                        "stream-" + ReactionMetrics.SCOPE + "-metrics",
                        "Ticks held back now, waiting for the ticks of their partition to reach them",
                        Map.of("task-id", context.taskId().toString())),
                new Value());
        waiting.record(heldCount);
        lastArrivalWall = context.currentSystemTimeMs();
    }

    @Override
    public void process(Record<byte[], StockTick> r) {
        long wall = context.currentSystemTimeMs();
        boolean resuming = wall - lastArrivalWall >= idleMs;
        lastArrivalWall = wall;
        if (!((Object) r.value() instanceof StockTick tick) || tick.getTs() == null) {
            if (endMarkers && EndOfInput.isMarker(r.value(), r.headers())) {
                release(Long.MAX_VALUE); // the input is over: nothing will come to pass them
            }
            context.forward(r); // a marker, or a record the next steps reject naming what is wrong
            return;
        }
        long t = tick.getTs().toEpochMilli();
        boolean borneOut = heldCount > 0 && t >= earliestHeld - jumpMs; // the ticks have come to the held ones
        if (passedUpTo != Long.MIN_VALUE && t - jumpMs > passedUpTo && !resuming && !borneOut) {
            hold(tick, t);
            return;
        }
        if (heldCount > 0) {
            release(t); // held ticks up to this one's time go before it
        }
        context.forward(r);
        passed(t);
        if (heldCount > 0) {
            release(Long.MIN_VALUE); // and those it brought within J
        }
    }

    private void hold(StockTick tick, long t) {
        if (heldCount >= MAX_HELD) {
            throw new InvalidRecordException("event time " + tick.getTs() + " is " + Duration.ofMillis(t - passedUpTo)
                    + " ahead of the ticks before it on this partition (at most " + Duration.ofMillis(jumpMs)
                    + ": setting " + InputLimits.MAX_JUMP + "), and " + MAX_HELD + " ticks already wait for them");
        }
        long offset = context.recordMetadata().map(m -> m.offset()).orElse((long) heldCount);
        held.put(key(t, offset), tick);
        heldCount++;
        earliestHeld = Math.min(earliestHeld, t);
        holds.record();
        waiting.record(heldCount);
        // a genuine gap (a night, a quiet partition) holds its first tick too: routine, so not a warning
        LOG.debug(
                "task {}: a tick of {} at {} is {} ahead of the ticks before it ({}); held back until they come "
                        + "within {} of it (setting {})",
                context.taskId(),
                RecordChecks.quote(tick.getSymbol()),
                tick.getTs(),
                Duration.ofMillis(t - passedUpTo),
                Instant.ofEpochMilli(passedUpTo),
                Duration.ofMillis(jumpMs),
                InputLimits.MAX_JUMP);
    }

    /**
     * Passes on, in time order, the held ticks at or before {@code upTo}; with {@link Long#MIN_VALUE}, those within J
     * of the partition's time, which each one passed on moves on.
     */
    private void release(long upTo) {
        if (earliestHeld > upTo && earliestHeld - jumpMs > passedUpTo) {
            return;
        }
        long next = Long.MAX_VALUE;
        try (KeyValueIterator<Bytes, StockTick> it = held.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, StockTick> e = it.next();
                long t = timeOf(e.key);
                if (t > upTo && t - jumpMs > passedUpTo) {
                    next = t;
                    break;
                }
                StockTick tick = e.value;
                context.forward(new Record<>(tick.getSymbol().getBytes(StandardCharsets.UTF_8), tick, t));
                held.delete(e.key);
                heldCount--;
                passed(t);
            }
        }
        earliestHeld = heldCount == 0 ? Long.MAX_VALUE : next;
        waiting.record(heldCount);
    }

    private void passed(long t) {
        if (t <= passedUpTo) {
            return;
        }
        passedUpTo = t;
        if (kept == Long.MIN_VALUE || t - kept >= jumpMs / 4) {
            clock.put(TIME_KEY, t);
            kept = t;
        }
    }

    /** Held ticks ordered by time, then by offset: the time with its sign bit flipped, big-endian. */
    static Bytes key(long t, long offset) {
        return Bytes.wrap(ByteBuffer.allocate(16)
                .putLong(t ^ Long.MIN_VALUE)
                .putLong(offset)
                .array());
    }

    static long timeOf(Bytes key) {
        return ByteBuffer.wrap(key.get()).getLong() ^ Long.MIN_VALUE;
    }

    @Override
    public void close() {
        context.metrics().removeSensor(holds);
        context.metrics().removeSensor(waiting);
    }
}
