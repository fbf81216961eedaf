package com.marketreactions.cli;

/**
 * An error the user can fix (bad flag, missing file, bad input, taken port): printed as one line, no stack
 * trace, exit code 2.
 */
public final class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }
}
