package com.marketreactions.stack;

/**
 * A problem starting the embedded stack that the user can act on (a port in use, no JDK 21+, the
 * registry distribution missing or not ready in time). The message is one line naming what and where,
 * fit to show as is.
 */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
