package com.marketreactions.streams.errors;

/** An input record that decoded but is not a valid event; its message says why, in one line. */
public final class InvalidRecordException extends RuntimeException {

    public InvalidRecordException(String message) {
        super(message, null, false, false); // a verdict on the data, not a fault in the code: no stack trace
    }
}
