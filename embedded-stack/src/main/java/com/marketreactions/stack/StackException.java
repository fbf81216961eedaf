package com.marketreactions.stack;

import com.marketreactions.common.stack.LocalStackException;

/**
 * A problem starting the embedded stack that the user can act on (a port in use, no JDK 21+, the
 * registry distribution missing or not ready in time). The message is one line naming what and where,
 * fit to show as is. A {@link LocalStackException}, which is what the CLI, loading the stack in a class loader of
 * its own, catches.
 */
public class StackException extends LocalStackException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
