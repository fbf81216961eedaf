package com.marketreactions.producers.files;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.Topic;
import com.marketreactions.common.Topics;
import com.marketreactions.schema.StockTick;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes an input file (or generated ticks) to its topic: news by id, ticks by symbol, aliases by alias,
 * each record stamped with its event time.
 *
 * <p>By default a file is validated completely first and nothing is published when any line is bad: a
 * {@link BadInputException} then lists every bad line. With {@code skipBad} the good lines are published and
 * the bad ones returned in the {@link PublishResult}. Either way the file is streamed, never held in memory.
 * The producer is flushed and closed before a publish returns.
 */
public final class FilePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(FilePublisher.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final LongConsumer NO_PROGRESS = n -> { };

    private final Topics topics;
    private final ProducerFactory producers;
    private final long progressEvery;
    private final LongConsumer progress;
    private final Pacer pacer;

    public FilePublisher(Topics topics, ProducerFactory producers) {
        this(topics, producers, 0, NO_PROGRESS, Pacer.MAX);
    }

    private FilePublisher(Topics topics, ProducerFactory producers, long progressEvery, LongConsumer progress,
                          Pacer pacer) {
        this.topics = topics;
        this.producers = producers;
        this.progressEvery = progressEvery;
        this.progress = progress;
        this.pacer = pacer;
    }

    /** A publisher with real Kafka producers built from {@link ClientConfigs#producer()}. */
    public static FilePublisher create(ClientConfigs clients, Topics topics) {
        return new FilePublisher(topics, ProducerFactory.kafka(clients));
    }

    /**
     * The same publisher, calling {@code progress} with the number of records sent so far every
     * {@code every} records, and once more with the total at the end if that is not a multiple of it.
     */
    public FilePublisher withProgress(long every, LongConsumer progress) {
        if (every <= 0) {
            throw new IllegalArgumentException("progress interval must be > 0, got " + every);
        }
        return new FilePublisher(topics, producers, every, progress, pacer);
    }

    /** The same publisher, sending each record when {@code pacer} says it is due (by its timestamp). */
    public FilePublisher withPacing(Pacer pacer) {
        return new FilePublisher(topics, producers, progressEvery, progress, pacer);
    }

    /**
     * Publishes one file.
     *
     * @param skipBad false: publish nothing if any line is bad; true: publish the good lines, return the bad
     * @throws BadInputException the file is missing or unreadable, or (without skipBad) has bad lines
     * @throws PublishException Kafka refused or could not take the records
     */
    public <T, V> PublishResult publish(InputFormat<T, V> format, Path path, boolean skipBad) {
        RecordFile<T> file = format.file(path);
        if (!skipBad) {
            LineErrors errors = file.validate();
            if (!errors.isEmpty()) {
                throw new BadInputException(errors);
            }
        }
        Topic<String, V> topic = format.topic(topics);
        LineErrors skipped = new LineErrors();
        Consumer<LineError> onError = skipBad ? skipped::add : e -> {
            throw new BadInputException(file.name() + " changed while it was being published: " + e);
        };
        return send(topic, file.name(), skipped,
                sink -> file.read(record -> sink.accept(format.toRecord(topic.name(), record)), onError));
    }

    /**
     * Publishes ticks that do not come from a file (e.g. the synthetic generator), through the same loop.
     *
     * @throws IllegalArgumentException a tick breaks a rule a tick line must pass (see {@link TickLines#problem})
     */
    public PublishResult publishTicks(Iterator<? extends StockTick> ticks) {
        Topic<String, StockTick> topic = topics.ticks;
        return send(topic, "generated ticks", new LineErrors(), sink -> {
            long n = 0;
            while (ticks.hasNext()) {
                StockTick tick = ticks.next();
                n++;
                String problem = TickLines.problem(tick);
                if (problem != null) {
                    throw new IllegalArgumentException("generated tick #" + n + " is invalid: " + problem);
                }
                sink.accept(InputFormat.TICKS.toRecord(topic.name(), tick));
            }
        });
    }

    /** As {@link #publishTicks(Iterator)}; the caller closes the stream. */
    public PublishResult publishTicks(Stream<? extends StockTick> ticks) {
        return publishTicks(ticks.iterator());
    }

    /** Pushes every record of a source into a sink; throwing from the sink stops it. */
    private interface Source<V> {
        void forEach(Consumer<ProducerRecord<String, V>> sink);
    }

    /** The one publish loop: send, stop at the first failure, flush, close, sum up. */
    private <V> PublishResult send(Topic<String, V> topic, String source, LineErrors skipped, Source<V> records) {
        Acks acks = new Acks();
        long[] sent = {0};
        try (Closing<V> p = new Closing<>(producers.create(topic))) {
            records.forEach(record -> {
                acks.throwIfFailed();
                try {
                    if (record.timestamp() != null) {
                        pacer.await(record.timestamp());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KafkaException("interrupted while pacing", e);
                }
                try {
                    p.producer.send(record, acks);
                } catch (RuntimeException e) {
                    // serializer or registry errors, buffer timeouts: anything the producer raises is a failure
                    throw new KafkaException(e.getMessage(), e);
                }
                sent[0]++;
                if (progressEvery > 0 && sent[0] % progressEvery == 0) {
                    progress.accept(sent[0]);
                }
            });
            p.producer.flush();
            acks.throwIfFailed();
        } catch (KafkaException e) {
            throw new PublishException("cannot publish " + source + " to topic " + topic.name() + " ("
                    + acks.count.get() + " of " + sent[0] + " records acknowledged): " + e.getMessage(), e);
        }
        if (progressEvery > 0 && sent[0] % progressEvery != 0) {
            progress.accept(sent[0]);
        }
        LOG.info("published {} records from {} to {}{}", acks.count.get(), source, topic.name(),
                skipped.isEmpty() ? "" : ", skipped " + skipped.total() + " bad lines");
        return new PublishResult(source, topic.name(), acks.count.get(), skipped.total(), skipped.shown(),
                acks.lastOffsets);
    }

    /** Counts acknowledgements and the last offset per partition; keeps the first failure. */
    private static final class Acks implements Callback {
        final AtomicLong count = new AtomicLong();
        final Map<Integer, Long> lastOffsets = new ConcurrentHashMap<>();
        final AtomicReference<Exception> failure = new AtomicReference<>();

        @Override
        public void onCompletion(RecordMetadata metadata, Exception e) {
            if (e != null) {
                failure.compareAndSet(null, e);
            } else {
                count.incrementAndGet();
                lastOffsets.merge(metadata.partition(), metadata.offset(), Math::max);
            }
        }

        void throwIfFailed() {
            Exception e = failure.get();
            if (e != null) {
                throw e instanceof KafkaException k ? k : new KafkaException(e.getMessage(), e);
            }
        }
    }

    /** Closes the producer with a timeout at the end of a try-with-resources block. */
    private record Closing<V>(Producer<String, V> producer) implements AutoCloseable {
        @Override
        public void close() {
            producer.close(CLOSE_TIMEOUT);
        }
    }
}
