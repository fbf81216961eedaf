package com.marketreactions.producers.files;

/**
 * Publishing failed on the Kafka side (broker unreachable, record rejected, ...). The message is one line
 * naming the source, the topic and how many records were acknowledged before the failure.
 */
public final class PublishException extends RuntimeException {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
