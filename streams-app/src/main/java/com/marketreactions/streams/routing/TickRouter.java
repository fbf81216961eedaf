package com.marketreactions.streams.routing;

import com.marketreactions.common.InputLimits;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.ReactionMetrics;
import com.marketreactions.streams.control.EndOfInput;
import com.marketreactions.streams.control.QuietHeartbeat;
import com.marketreactions.streams.emit.LiveCommits;
import com.marketreactions.streams.errors.RecordValidator;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for each tick on partition p of the ticks topic, where it is processed: on p itself when its
 * symbol belongs there ({@link SymbolPartitioner}), otherwise through the {@code routed-ticks} topic: a tick
 * its producer put on the wrong partition (a client whose default partitioner is not murmur2, such as
 * librdkafka's {@code consistent_random}) to its own. The benchmark's ticks count on every partition: on
 * their own they stay and are copied to the others, from elsewhere they are copied to all. Ticks from Java
 * producers with default settings thus take no extra hop where they are processed first; ticks from any
 * other producer are still correct, for the price of one. End-of-input markers go both ways, stamped with p.
 *
 * <p>The reaction node keeps what stays ({@link #stays}); {@link #outbound} forwards what leaves.
 */
public final class TickRouter {

    private static final Logger LOG = LoggerFactory.getLogger(TickRouter.class);

    private final String benchmark;
    private final int partitions;
    private final Map<String, Integer> partitionOf = new HashMap<>();
    /** Most symbols {@link #partitionOf} keeps: a whole market is about 11,000. */
    private static final int MAX_CACHED = 50_000;

    public TickRouter(String benchmark, int partitions) {
        this.benchmark = benchmark;
        this.partitions = partitions;
    }

    /** Whether {@code symbol}, arriving on {@code partition}, is processed there (the benchmark: copies aside). */
    public boolean stays(String symbol, int partition) {
        if (partitions == 1) {
            return true; // no lookup: with thousands of symbols it was 5% of the stream thread
        }
        if (partitionOf.size() >= MAX_CACHED) {
            partitionOf.clear(); // a cache of a pure function: a flood of made-up symbols must not grow it for good
        }
        return partitionOf.computeIfAbsent(symbol, s -> SymbolPartitioner.partition(s, partitions)) == partition;
    }

    /** The partition whose task processes {@code symbol}'s ticks (the benchmark's: where it is published first). */
    public int home(String symbol) {
        return partitions == 1 ? 0 : SymbolPartitioner.partition(symbol, partitions);
    }

    /** The partition of the record being processed (the task's partition when there is none, e.g. punctuation). */
    public static int partitionOf(ProcessingContext context) {
        return context.recordMetadata()
                .map(m -> m.partition())
                .orElse(context.taskId().partition());
    }

    /**
     * The ticks that leave: the benchmark's copies, misrouted ticks, and the end-of-input markers. And, while this
     * partition has had no record for the idle timeout, a heartbeat to every partition about once a second
     * ({@link EndOfInput#quietHeaders}): so every task can tell a market where every partition is quiet (event
     * time may follow the wall clock) from a benchmark whose partition stopped reporting (it must wait).
     */
    public static Processor<byte[], StockTick, String, StockTick> outbound(
            String benchmark, int partitions, long idleMs, InputLimits limits, boolean endMarkers) {
        TickRouter router = new TickRouter(benchmark, partitions);
        RecordValidator<StockTick> validator = RecordValidator.ticks(limits);
        return new Processor<>() {
            private ProcessorContext<String, StockTick> context;
            private Sensor rerouted;
            private LiveCommits live;
            private boolean warned;
            private QuietHeartbeat<StockTick> heartbeat;

            @Override
            public void init(ProcessorContext<String, StockTick> context) {
                this.context = context;
                this.rerouted = context.metrics()
                        .addRateTotalSensor(
                                ReactionMetrics.SCOPE,
                                "task-" + context.taskId(),
                                "rerouted-ticks",
                                Sensor.RecordingLevel.INFO);
                this.heartbeat = new QuietHeartbeat<>(context, idleMs);
                this.live = new LiveCommits(context); // the other partitions' live reactions wait for these copies
                context.schedule(QuietHeartbeat.interval(idleMs), PunctuationType.WALL_CLOCK_TIME, wall -> {
                    live.commitIfDue(wall);
                    heartbeat.beat(wall);
                });
            }

            @Override
            public void close() {
                context.metrics().removeSensor(rerouted);
            }

            @Override
            public void process(Record<byte[], StockTick> r) {
                long wall = context.currentSystemTimeMs();
                heartbeat.arrived(wall);
                live.commitIfDue(wall); // a live copy sent within the gap of the last commit
                int partition = partitionOf(context);
                if (EndOfInput.isMarker(r.value(), r.headers())) {
                    if (!endMarkers) {
                        return; // a service's input never ends: the reaction node on this task counts it
                    }
                    // a copy: the same headers object also reaches the reaction node
                    RecordHeaders headers = new RecordHeaders(r.headers().toArray());
                    headers.remove(EndOfInput.SOURCE_PARTITION_HEADER);
                    headers.add(EndOfInput.SOURCE_PARTITION_HEADER, EndOfInput.bytes(Integer.toString(partition)));
                    context.forward(new Record<>(EndOfInput.routedMarkerKey(partition), null, r.timestamp(), headers));
                    return;
                }
                if (!((Object) r.value() instanceof StockTick tick)) {
                    return; // the reaction node on this task rejects it, naming what is wrong
                }
                String symbol = tick.getSymbol();
                boolean stays = router.stays(symbol, partition);
                if (stays) {
                    if (symbol.equals(benchmark) && partitions > 1 && validator.problem(r.key(), tick, wall) == null) {
                        context.forward(new Record<>(benchmark, tick, r.timestamp(), r.headers())); // for the others
                        live.emitted(tick.getTs().toEpochMilli(), wall);
                    }
                    return;
                }
                if (validator.problem(r.key(), tick, wall) != null) {
                    return; // as above: rejected once, where it arrived
                }
                rerouted.record();
                if (!warned) {
                    warned = true;
                    LOG.warn(
                            "ticks of {} arrive on partition {} but belong on partition {}: their producer does not "
                                    + "partition like Kafka's Java client (librdkafka's default is consistent_random; set "
                                    + "partitioner=murmur2_random). Such ticks are rerouted: correct, one hop slower; "
                                    + "the metric rerouted-ticks counts them",
                            symbol,
                            partition,
                            SymbolPartitioner.partition(symbol, partitions));
                }
                context.forward(new Record<>(
                        symbol.equals(benchmark) ? SymbolPartitioner.everywhere(benchmark) : symbol,
                        tick,
                        r.timestamp(),
                        r.headers()));
                live.emitted(tick.getTs().toEpochMilli(), wall);
            }
        };
    }
}
