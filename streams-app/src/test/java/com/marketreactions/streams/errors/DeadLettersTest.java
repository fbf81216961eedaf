package com.marketreactions.streams.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.RecordChecks;
import com.marketreactions.common.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * What the record caused is dead-lettered and processing goes on; what the system caused (a bug, a failing store,
 * a registry that does not answer) fails, so the record is not skipped. The dead-letter records themselves are
 * checked on a topology in {@code DeadLetterTopologyTest}.
 */
class DeadLettersTest {

    private static final byte[] VALUE = "v".getBytes(StandardCharsets.UTF_8);

    private final DeadLetters handler = configured();

    @Test
    void aRecordsOwnFaultIsDeadLettered() {
        for (Exception e : new Exception[] {
            new InvalidRecordException("price must be a finite number > 0"),
            new SerializationException("a NewsEvent where a StockTick is expected"),
            new SchemaRegistryException("no schema with id 7", false)
        }) {
            ProcessingExceptionHandler.Response r = handler.handleError(CONTEXT, record(), e);
            assertEquals(ProcessingExceptionHandler.Result.RESUME, r.result(), e.toString());
            assertEquals(1, r.deadLetterQueueRecords().size(), e.toString());
        }
    }

    @Test
    void theSystemsFaultStopsProcessingInsteadOfSkippingTheRecord() {
        for (Exception e : new Exception[] {
            new IllegalStateException("a bug"),
            new NullPointerException(),
            new ProcessorStateException("Error while putting key into store tick-history-v3"),
            new SerializationException("cannot read", new SchemaRegistryException("registry down for 60 s", true))
        }) {
            ProcessingExceptionHandler.Response r = handler.handleError(CONTEXT, record(), e);
            assertEquals(ProcessingExceptionHandler.Result.FAIL, r.result(), e.toString());
            assertTrue(r.deadLetterQueueRecords().isEmpty(), e.toString());
        }
    }

    @Test
    void aValueThatDoesNotDecodeIsDeadLetteredUnlessTheRegistryIsDown() {
        ConsumerRecord<byte[], byte[]> raw = new ConsumerRecord<>("ticks", 0, 5L, VALUE, VALUE);
        assertEquals(
                DeserializationExceptionHandler.Result.RESUME,
                handler.handleError(CONTEXT, raw, new SerializationException("not the Confluent wire format"))
                        .result());
        assertEquals(
                DeserializationExceptionHandler.Result.FAIL,
                handler.handleError(CONTEXT, raw, new SchemaRegistryException("registry down for 60 s", true))
                        .result());
    }

    /**
     * A record the broker took compressed (a 5 MB summary of one letter) is larger than the producer may send
     * again: its dead letter leaves the key and value out and says how large the value was, so writing it cannot
     * fail the transaction.
     */
    @Test
    void aRecordTooLargeToWriteAgainIsDeadLetteredWithoutItsValue() {
        byte[] huge = new byte[5 * 1024 * 1024];
        ConsumerRecord<byte[], byte[]> raw = new ConsumerRecord<>("news", 0, 9L, VALUE, huge);
        DeserializationExceptionHandler.Response r =
                handler.handleError(CONTEXT, raw, new SerializationException("not the Confluent wire format"));
        ProducerRecord<byte[], byte[]> letter = r.deadLetterQueueRecords().get(0);
        assertNull(letter.value());
        assertNull(letter.key());
        assertEquals(
                Integer.toString(huge.length),
                new String(letter.headers().lastHeader(DeadLetters.DROPPED).value(), StandardCharsets.UTF_8));
        assertEquals(
                "not the Confluent wire format",
                new String(letter.headers().lastHeader(DeadLetters.MESSAGE).value(), StandardCharsets.UTF_8)
                        .replace("cannot decode it: ", ""));

        ConsumerRecord<byte[], byte[]> small = new ConsumerRecord<>("news", 0, 10L, VALUE, VALUE);
        ProducerRecord<byte[], byte[]> kept = handler.handleError(CONTEXT, small, new SerializationException("x"))
                .deadLetterQueueRecords()
                .get(0);
        assertEquals(new String(VALUE, StandardCharsets.UTF_8), new String(kept.value(), StandardCharsets.UTF_8));
        assertNull(kept.headers().lastHeader(DeadLetters.DROPPED));
    }

    /**
     * A reason quoting a record's text (a headline with a line break and a terminal escape) is one line in the
     * header, as in the warning, and keeps its length: it names the problem in full.
     */
    @Test
    void theReasonIsOneLineWithoutEscapesAndIsNotCut() {
        String forged = "headline 'x\nWARN forged line \u001b[2J' " + "y".repeat(200);
        InvalidRecordException bad = new InvalidRecordException(forged);
        ProducerRecord<byte[], byte[]> letter = handler.handleError(CONTEXT, record(), bad)
                .deadLetterQueueRecords()
                .get(0);
        String message =
                new String(letter.headers().lastHeader(DeadLetters.MESSAGE).value(), StandardCharsets.UTF_8);
        assertEquals(RecordChecks.oneLine(forged), message);
        assertEquals(forged.length(), message.length());
        assertTrue(message.chars().noneMatch(Character::isISOControl), message);
    }

    private static DeadLetters configured() {
        DeadLetters d = new DeadLetters();
        d.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dead-letters"));
        return d;
    }

    private static Record<Object, Object> record() {
        return new Record<>("k", "v", 0L);
    }

    private static final ErrorHandlerContext CONTEXT = new ErrorHandlerContext() {
        @Override
        public String topic() {
            return "ticks";
        }

        @Override
        public int partition() {
            return 0;
        }

        @Override
        public long offset() {
            return 5L;
        }

        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "react";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, 0);
        }

        @Override
        public long timestamp() {
            return 0L;
        }

        @Override
        public byte[] sourceRawKey() {
            return VALUE;
        }

        @Override
        public byte[] sourceRawValue() {
            return VALUE;
        }
    };
}
