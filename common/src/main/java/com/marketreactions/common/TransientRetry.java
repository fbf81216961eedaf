package com.marketreactions.common;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a registry serde call that failed on the connection, not on the data: the registry closed a
 * kept-alive HTTP connection just as the client reused it, or did not answer in time. Apicurio's serdes
 * 3.1.7 retry only an HTTP 429 themselves (their {@code retry-count} covers nothing else), and such a
 * failure would otherwise stop a replay or dead-letter a good record. An answer of the registry (a rejected
 * schema, an unknown id) is not retried.
 */
final class TransientRetry {

    private static final Logger LOG = LoggerFactory.getLogger(TransientRetry.class);
    static final int ATTEMPTS = 5;
    private static final long BACKOFF_MS = 200;

    private TransientRetry() {}

    static <T> T call(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isTransient(e)) {
                    throw e;
                }
                LOG.warn(
                        "schema registry call failed ({}); retrying, attempt {} of {}",
                        Problems.describe(e),
                        attempt + 1,
                        ATTEMPTS);
                try {
                    Thread.sleep(BACKOFF_MS * attempt); // backoff before the next attempt against a busy registry
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * A failure of the connection (an I/O error, a timeout or a closed HTTP connection somewhere in the causes), or
     * an error page instead of an answer: the registry's API answers errors in JSON, so an error whose body the client
     * cannot parse (an HTML page of the HTTP server in front of it, seen once right after start) is not its verdict.
     */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException
                    || t instanceof TimeoutException
                    || t.getClass().getName().equals("io.vertx.core.http.HttpClosedException")
                    || String.valueOf(t.getMessage()).endsWith(UNPARSEABLE_ERROR_BODY)) {
                return true;
            }
        }
        return false;
    }

    /** The end of the registry client's (Kiota's) message for an error response of a content type it cannot parse. */
    private static final String UNPARSEABLE_ERROR_BODY = "does not have a factory to be parsed";

    static <T> Serializer<T> serializer(Serializer<T> inner) {
        return new Serializer<>() {
            @Override
            public byte[] serialize(String topic, T data) {
                return call(() -> inner.serialize(topic, data));
            }

            @Override
            public byte[] serialize(String topic, Headers headers, T data) {
                return call(() -> inner.serialize(topic, headers, data));
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    static <T> Deserializer<T> deserializer(Deserializer<T> inner) {
        return new Deserializer<>() {
            @Override
            public T deserialize(String topic, byte[] data) {
                return call(() -> inner.deserialize(topic, data));
            }

            @Override
            public T deserialize(String topic, Headers headers, byte[] data) {
                return call(() -> inner.deserialize(topic, headers, data));
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
