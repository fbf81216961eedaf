package com.marketreactions.common;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A schema registry call that failed: the registry refused it ({@link #unavailable()} false: an unknown id, an
 * incompatible schema, refused credentials), or did not answer within the retry time (true). A
 * {@link SerializationException}, so Kafka's clients and Streams' handlers treat it as a record they could not
 * serialize or read.
 */
public final class SchemaRegistryException extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final boolean unavailable;

    public SchemaRegistryException(String message, boolean unavailable) {
        super(message);
        this.unavailable = unavailable;
    }

    /** The registry did not answer (or answered only errors of its own) for the whole retry time. */
    public boolean unavailable() {
        return unavailable;
    }
}
