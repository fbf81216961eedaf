package com.marketreactions.producers.files;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.Topic;
import com.marketreactions.common.Topics;
import com.marketreactions.schema.StockTick;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
    private static final LongConsumer NO_PROGRESS = n -> {};
    private static final long TRANSACTION_RECORDS = 100_000;
    private static final long TRANSACTION_MS = 100;

    private final Topics topics;
    private final ProducerFactory producers;
    private final long progressEvery;
    private final LongConsumer progress;
    private final Pacer pacer;

    public FilePublisher(Topics topics, ProducerFactory producers) {
        this(topics, producers, 0, NO_PROGRESS, Pacer.MAX);
    }

    private FilePublisher(
            Topics topics, ProducerFactory producers, long progressEvery, LongConsumer progress, Pacer pacer) {
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
        return publish(format, path, skipBad, 1);
    }

    /**
     * Publishes one file from line {@code fromLine} on (every line is still checked): where a failed publish
     * said to resume.
     */
    public <T, V> PublishResult publish(InputFormat<T, V> format, Path path, boolean skipBad, long fromLine) {
        RecordFile<T> file = format.file(path);
        if (!skipBad) {
            LineErrors errors = file.validate();
            if (!errors.isEmpty()) {
                throw new BadInputException(errors);
            }
        }
        Topic<String, V> topic = format.topic(topics);
        LineErrors skipped = new LineErrors();
        Consumer<LineError> onError = skipBad
                ? skipped::add
                : e -> {
                    throw new BadInputException(file.name() + " changed while it was being published: " + e);
                };
        return send(
                topic,
                file.name(),
                skipped,
                file::leftOut,
                sink -> file.read(
                        (record, line) -> sink.accept(format.toRecord(topic.name(), record), line), onError, fromLine));
    }

    /**
     * Publishes ticks that do not come from a file (e.g. the synthetic generator), through the same loop.
     *
     * @throws IllegalArgumentException a tick breaks a rule a tick line must pass (see {@link TickLines#problem})
     */
    public PublishResult publishTicks(Iterator<? extends StockTick> ticks) {
        Topic<String, StockTick> topic = topics.ticks;
        return send(topic, "generated ticks", new LineErrors(), Map::of, sink -> {
            long n = 0;
            while (ticks.hasNext()) {
                StockTick tick = ticks.next();
                n++;
                String problem = TickLines.problem(tick);
                if (problem != null) {
                    throw new IllegalArgumentException("generated tick #" + n + " is invalid: " + problem);
                }
                sink.accept(InputFormat.TICKS.toRecord(topic.name(), tick), n);
            }
        });
    }

    /** As {@link #publishTicks(Iterator)}; the caller closes the stream. */
    public PublishResult publishTicks(Stream<? extends StockTick> ticks) {
        return publishTicks(ticks.iterator());
    }

    /** Pushes every record of a source, with its line, into a sink; throwing from the sink stops it. */
    private interface Source<V> {
        void forEach(Sink<V> sink);
    }

    private interface Sink<V> {
        void accept(ProducerRecord<String, V> record, long line);
    }

    /**
     * The one publish loop, in transactions of up to {@value #TRANSACTION_RECORDS} records or
     * {@value #TRANSACTION_MS} ms, ending between lines (the trades of a saved response, one line, share one): a
     * reader with {@code read_committed} (the analyzer) sees a transaction's records once all of them are written,
     * so after a failure everything before the open transaction's first line is published and nothing from it on
     * is, and {@code --from-line} resumes there with no record twice.
     */
    private <V> PublishResult send(
            Topic<String, V> topic,
            String source,
            LineErrors skipped,
            Supplier<Map<String, Long>> leftOut,
            Source<V> records) {
        PublishAcks acks = new PublishAcks();
        Txn txn = new Txn();
        try (Closing<V> p = new Closing<>(producers.create(topic, "publish-" + UUID.randomUUID()))) {
            try {
                p.producer.initTransactions();
                records.forEach((record, line) -> {
                    acks.throwIfFailed();
                    try {
                        if (record.timestamp() != null) {
                            pacer.await(record.timestamp());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new KafkaException("interrupted while pacing", e);
                    }
                    if (txn.open && txn.due() && line != txn.lastLine) { // a line's records share one
                        txn.commit(p.producer, acks);
                    }
                    if (!txn.open) {
                        p.producer.beginTransaction();
                        txn.begin(line);
                    }
                    try {
                        p.producer.send(record, acks.forLine(line));
                    } catch (RuntimeException e) {
                        // serializer or registry errors, buffer timeouts: anything the producer raises is a failure
                        acks.fail(line, e);
                        throw new KafkaException(e.getMessage(), e);
                    }
                    txn.sent++;
                    txn.total++;
                    txn.lastLine = line;
                    if (progressEvery > 0 && txn.total % progressEvery == 0) {
                        progress.accept(txn.total);
                    }
                });
                if (txn.open) {
                    txn.commit(p.producer, acks);
                }
                if (progressEvery > 0 && txn.total % progressEvery != 0) {
                    progress.accept(txn.total);
                }
            } catch (KafkaException e) {
                // a commit that failed on a refused record certainly did not commit; one that failed otherwise
                // (the broker gone while it ran) may have
                boolean uncertain = txn.open && txn.committing && acks.failure.get() == null;
                if (!uncertain) {
                    abortQuietly(p.producer, txn);
                }
                throw new PublishException(
                        failure(source, topic, acks, txn, uncertain, e),
                        e,
                        txn.open ? txn.firstLine : -1,
                        uncertain ? txn.lastLine : -1);
            }
        }
        LOG.info(
                "published {} records from {} to {}{}",
                txn.committed,
                source,
                topic.name(),
                skipped.isEmpty() ? "" : ", skipped " + skipped.total() + " bad lines");
        return new PublishResult(
                source, topic.name(), txn.committed, skipped.total(), skipped.shown(), acks.lastOffsets, leftOut.get());
    }

    /** One line: what failed, where, what was published, and where to resume. */
    private static String failure(
            String source, Topic<?, ?> topic, PublishAcks acks, Txn txn, boolean uncertain, KafkaException e) {
        Exception cause = acks.cause() != null ? acks.cause() : e;
        String where = acks.line() != Long.MAX_VALUE ? source + ":" + acks.line() + ": " : source + ": ";
        String done = txn.committed + " records published";
        String resume = !txn.open
                ? ""
                : uncertain
                        ? "; the transaction of lines " + txn.firstLine + "-" + txn.lastLine + " failed while "
                                + "being committed, so it may be on the topic: if line " + txn.lastLine
                                + "'s record is there, "
                                + "resume with --from-line " + (txn.lastLine + 1) + ", otherwise with --from-line "
                                + txn.firstLine
                        : "; nothing from line " + txn.firstLine
                                + " on was published (its transaction was aborted): resume with " + "--from-line "
                                + txn.firstLine;
        return where + "cannot publish to topic " + topic.name() + ": " + cause.getMessage() + " (" + done + resume
                + ")";
    }

    private static void abortQuietly(Producer<?, ?> producer, Txn txn) {
        if (!txn.open) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            // fatal (fenced, broker gone): the transaction times out and is aborted by the broker
            LOG.debug("abort failed: {}", e.getMessage());
        }
    }

    /** The open transaction: its first line, how many records it holds and since when. */
    private static final class Txn {
        static final long NONE = -1;
        boolean open;
        long firstLine = NONE;
        long sent;
        long total;
        long lastLine = NONE;
        boolean committing;
        long committed;
        long startedNanos;

        void begin(long line) {
            open = true;
            firstLine = line;
            sent = 0;
            startedNanos = System.nanoTime();
        }

        boolean due() {
            return sent >= TRANSACTION_RECORDS || System.nanoTime() - startedNanos >= TRANSACTION_MS * 1_000_000L;
        }

        void commit(Producer<?, ?> producer, PublishAcks acks) {
            acks.throwIfFailed(); // a record already refused: abort, do not try to commit
            committing = true; // from here until it returns, the broker may have committed it without saying so
            producer.commitTransaction(); // flushes: every record of it acknowledged, or it throws
            committing = false;
            acks.throwIfFailed();
            committed += sent;
            open = false;
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
