package com.marketreactions.producers.files;

/**
 * Publishing failed on the Kafka side (broker unreachable, record rejected, ...). The message is one line
 * naming the source, the topic and how many records were acknowledged before the failure.
 */
public final class PublishException extends RuntimeException {

    private final long resumeLine;
    private final long uncertainThrough;

    public PublishException(String message, Throwable cause) {
        this(message, cause, -1, -1);
    }

    /**
     * @param resumeLine the first line not published, where {@code --from-line} resumes; -1 when none
     * @param uncertainThrough when the failure came while a transaction was being committed, its last line: lines
     *     {@code resumeLine} to this one may or may not be on the topic; else -1
     */
    public PublishException(String message, Throwable cause, long resumeLine, long uncertainThrough) {
        super(message, cause);
        this.resumeLine = resumeLine;
        this.uncertainThrough = uncertainThrough;
    }

    public long resumeLine() {
        return resumeLine;
    }

    public long uncertainThrough() {
        return uncertainThrough;
    }
}
