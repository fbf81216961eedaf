package com.marketreactions.streams.errors;

import com.marketreactions.common.Problems;
import com.marketreactions.common.RecordChecks;
import com.marketreactions.common.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's answer to a record it cannot use, whether it failed to decode or failed validation: one
 * warning line, the record's original key, value and headers written to the dead-letter topic with headers
 * naming the error and where the record came from (topic, partition, offset), a count, and on to the next
 * record. Plugged into Kafka Streams' exception handlers (KIP-1034 dead-letter support), so the
 * dead-letter record is written in the same transaction as the progress past the bad one.
 *
 * <p>Only what the record caused is dead-lettered: a value that does not decode, an {@link InvalidRecordException}
 * or another {@link SerializationException}. Anything else in processing (a bug, a state store failing) and a
 * schema registry that does not answer are the system's fault, not the record's: skipping the record would lose
 * good input silently, so the handler fails, the stream thread stops without committing past the record, and
 * {@code serve} exits naming the record's place; after a restart the record is read again.
 */
public final class DeadLetters implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    /** Header names as Kafka Streams' own handlers write them. */
    public static final String EXCEPTION = "__streams.errors.exception";

    public static final String MESSAGE = "__streams.errors.message";
    public static final String TOPIC = "__streams.errors.topic";
    public static final String PARTITION = "__streams.errors.partition";
    public static final String OFFSET = "__streams.errors.offset";
    /** Set when the record was too large to be written again: the size of the value left out. */
    public static final String DROPPED = "mr-dead-letter-value-dropped";

    /** Room for the dead-letter record's headers below the producer's limit. */
    private static final int HEADER_ROOM = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final AtomicLong COUNT = new AtomicLong();

    private String topic;
    /** The largest key and value written to the dead-letter topic as they were. */
    private int maxBytes;

    /** Records dead-lettered by this JVM since it started. */
    public static long count() {
        return COUNT.get();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object t = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (t == null) {
            throw new IllegalArgumentException(DeadLetters.class.getSimpleName() + " needs "
                    + StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        }
        topic = t.toString();
        Object limit = configs.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        if (limit == null) {
            limit = configs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        }
        maxBytes =
                (limit == null ? 1024 * 1024 : Integer.parseInt(limit.toString().trim())) - HEADER_ROOM;
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception e) {
        if (registryDown(e)) {
            systemFault(context, e);
            return DeserializationExceptionHandler.Response.fail();
        }
        return DeserializationExceptionHandler.Response.resume(List.of(
                deadLetter(context, record.key(), record.value(), "cannot decode it: " + Problems.describe(e), e)));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(
            ErrorHandlerContext context, Record<?, ?> record, Exception e) {
        if (!recordsFault(e)) {
            systemFault(context, e);
            return ProcessingExceptionHandler.Response.fail();
        }
        return ProcessingExceptionHandler.Response.resume(List.of(
                deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), Problems.describe(e), e)));
    }

    /** Whether processing failed because of the record itself: it is invalid or does not (de)serialize. */
    static boolean recordsFault(Throwable e) {
        if (registryDown(e)) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidRecordException || t instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the schema registry did not answer for its whole retry time. */
    static boolean registryDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaRegistryException r && r.unavailable()) {
                return true;
            }
        }
        return false;
    }

    private static void systemFault(ErrorHandlerContext c, Exception e) {
        LOG.error(
                "processing stopped at {}-{} offset {} (node {}): {}. Not the record's fault, so it is not skipped: "
                        + "nothing past it is committed, and it is read again after a restart",
                c.topic(),
                c.partition(),
                c.offset(),
                c.processorNodeId(),
                RecordChecks.oneLine(Problems.describe(e)),
                e);
    }

    private ProducerRecord<byte[], byte[]> deadLetter(
            ErrorHandlerContext c, byte[] key, byte[] value, String rawReason, Exception e) {
        // the reason may carry the record's own text (an exception's message quoting a field): one line, no escapes,
        // in the log and in the header a consumer of the dead-letter topic may print; not cut, it names the problem
        String reason = RecordChecks.oneLine(rawReason);
        // the producer refuses a record larger than its max.request.size, and under exactly-once that error aborts
        // the transaction whatever a handler answers: a record the broker took compressed must not stop the service
        boolean fits = (key == null ? 0 : key.length) + (value == null ? 0 : value.length) <= maxBytes;
        LOG.warn(
                "bad record at {}-{} offset {} (node {}): {}; written to {}{}",
                c.topic(),
                c.partition(),
                c.offset(),
                c.processorNodeId(),
                reason,
                topic,
                fits ? "" : " without its key and value (" + (value == null ? 0 : value.length) + " bytes: too large)");
        COUNT.incrementAndGet();
        ProducerRecord<byte[], byte[]> dl =
                new ProducerRecord<>(topic, null, c.timestamp(), fits ? key : null, fits ? value : null);
        Headers h = dl.headers();
        if (!fits) {
            h.add(DROPPED, bytes(Integer.toString(value == null ? 0 : value.length)));
        }
        if (c.headers() != null) {
            for (Header original : c.headers()) {
                h.add(original);
            }
        }
        h.add(EXCEPTION, bytes(Problems.rootCause(e).getClass().getName()));
        h.add(MESSAGE, bytes(reason));
        h.add(TOPIC, bytes(c.topic()));
        h.add(PARTITION, bytes(Integer.toString(c.partition())));
        h.add(OFFSET, bytes(Long.toString(c.offset())));
        return dl;
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}
