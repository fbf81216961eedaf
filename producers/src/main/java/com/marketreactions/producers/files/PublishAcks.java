package com.marketreactions.producers.files;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.KafkaException;

/**
 * What the broker acknowledged of a publication: the last offset per partition, the first failure, and the line of
 * the record it names (not a record failed only because a batch-mate was refused).
 */
final class PublishAcks {

    /** How the producer fails the other records of a batch in which the broker refused one. */
    private static final String COLLATERAL = "Failed to append record because it was part of a batch";

    final Map<Integer, Long> lastOffsets = new ConcurrentHashMap<>();
    final AtomicReference<Exception> failure = new AtomicReference<>();
    final AtomicLong failedLine = new AtomicLong(Long.MAX_VALUE);
    final AtomicReference<Exception> specific = new AtomicReference<>();
    final AtomicLong collateralLine = new AtomicLong(Long.MAX_VALUE);

    long line() {
        return failedLine.get() != Long.MAX_VALUE ? failedLine.get() : collateralLine.get();
    }

    Callback forLine(long line) {
        return (metadata, e) -> {
            if (e != null) {
                fail(line, e);
            } else {
                lastOffsets.merge(metadata.partition(), metadata.offset(), Math::max);
            }
        };
    }

    synchronized void fail(long line, Exception e) {
        // a broker that refuses one record of a batch fails the others with a generic error: the line to name
        // is the refused record's, whichever failure arrives first
        boolean collateral = e.getMessage() != null && e.getMessage().startsWith(COLLATERAL);
        if (collateral) {
            collateralLine.accumulateAndGet(line, Math::min);
        } else {
            if (line < failedLine.get()) {
                failedLine.set(line);
                specific.set(e);
            }
        }
        failure.compareAndSet(null, e);
    }

    Exception cause() {
        return specific.get() != null ? specific.get() : failure.get();
    }

    void throwIfFailed() {
        Exception e = failure.get();
        if (e != null) {
            throw e instanceof KafkaException k ? k : new KafkaException(e.getMessage(), e);
        }
    }
}
