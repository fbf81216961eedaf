package com.marketreactions.producers.files;

/**
 * Thrown by a {@link LineParser} for a line it rejects; the message is the short reason. Carries no stack
 * trace: a file of millions of lines may raise one per line.
 */
public final class BadLineException extends Exception {

    public BadLineException(String reason) {
        super(reason, null, false, false);
    }
}
