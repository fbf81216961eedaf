package com.marketreactions.common.stack;

/**
 * A problem starting a {@link LocalStack} that the user can act on (a bad option, a port in use, no JDK 21+,
 * the registry distribution missing or not ready in time). The message is one line naming what and where,
 * fit to show as is.
 */
public class LocalStackException extends RuntimeException {

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
