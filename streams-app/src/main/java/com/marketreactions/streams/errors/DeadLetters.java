package com.marketreactions.streams.errors;

import com.marketreactions.common.Problems;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 */
public final class DeadLetters implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    /** Header names as Kafka Streams' own handlers write them. */
    public static final String EXCEPTION = "__streams.errors.exception";

    public static final String MESSAGE = "__streams.errors.message";
    public static final String TOPIC = "__streams.errors.topic";
    public static final String PARTITION = "__streams.errors.partition";
    public static final String OFFSET = "__streams.errors.offset";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final AtomicLong COUNT = new AtomicLong();

    private String topic;

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
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception e) {
        return DeserializationExceptionHandler.Response.resume(List.of(
                deadLetter(context, record.key(), record.value(), "cannot decode it: " + Problems.describe(e), e)));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(
            ErrorHandlerContext context, Record<?, ?> record, Exception e) {
        return ProcessingExceptionHandler.Response.resume(List.of(
                deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), Problems.describe(e), e)));
    }

    private ProducerRecord<byte[], byte[]> deadLetter(
            ErrorHandlerContext c, byte[] key, byte[] value, String reason, Exception e) {
        LOG.warn(
                "bad record at {}-{} offset {} (node {}): {}; written to {}",
                c.topic(),
                c.partition(),
                c.offset(),
                c.processorNodeId(),
                reason,
                topic);
        COUNT.incrementAndGet();
        ProducerRecord<byte[], byte[]> dl = new ProducerRecord<>(topic, null, c.timestamp(), key, value);
        Headers h = dl.headers();
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
