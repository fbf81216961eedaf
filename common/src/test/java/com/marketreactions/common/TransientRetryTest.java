package com.marketreactions.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class TransientRetryTest {

    @Test
    void aClosedConnectionIsRetriedAndTheRecordGoesThrough() {
        AtomicInteger calls = new AtomicInteger();
        Serializer<String> flaky = (topic, data) -> {
            if (calls.incrementAndGet() < 3) {
                throw new RuntimeException(new UncheckedIOException(new SocketException("Connection reset")));
            }
            return data.getBytes();
        };
        assertEquals("ok", new String(TransientRetry.serializer(flaky).serialize("t", "ok")));
        assertEquals(3, calls.get());
    }

    @Test
    void anErrorPageInsteadOfAnAnswerIsRetried() {
        AtomicInteger calls = new AtomicInteger();
        Serializer<String> pageOnce = (topic, data) -> {
            if (calls.incrementAndGet() == 1) {
                throw new RuntimeException(
                        new RuntimeException("Content type text/html does not have a factory to be parsed"));
            }
            return new byte[] {1};
        };
        assertEquals(1, TransientRetry.serializer(pageOnce).serialize("t", "x").length);
        assertEquals(2, calls.get());
    }

    @Test
    void anAnswerOfTheRegistryIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        Serializer<String> rejecting = (topic, data) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("409: incompatible schema");
        };
        assertThrows(
                IllegalStateException.class,
                () -> TransientRetry.serializer(rejecting).serialize("t", "x"));
        assertEquals(1, calls.get());
    }

    @Test
    void aConnectionThatStaysDownFailsAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        Serializer<String> down = (topic, data) -> {
            calls.incrementAndGet();
            throw new RuntimeException(new java.util.concurrent.TimeoutException("no answer"));
        };
        assertThrows(
                RuntimeException.class, () -> TransientRetry.serializer(down).serialize("t", "x"));
        assertEquals(TransientRetry.ATTEMPTS, calls.get());
    }
}
