package com.marketreactions.producers.files;

/**
 * Publishing failed on the Kafka side (broker unreachable, record rejected, ...). The message is one line
 * naming the source, the topic and how many records were acknowledged before the failure.
 */
public final class PublishException extends RuntimeException {

    private final long resumeLine;

    public PublishException(String message, Throwable cause) {
        this(message, cause, -1);
    }

    /** @param resumeLine the first line not published, where {@code --from-line} resumes; -1 when none */
    public PublishException(String message, Throwable cause, long resumeLine) {
        super(message, cause);
        this.resumeLine = resumeLine;
    }

    public long resumeLine() {
        return resumeLine;
    }
}
