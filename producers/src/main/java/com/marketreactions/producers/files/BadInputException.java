package com.marketreactions.producers.files;

import java.util.List;

/**
 * A problem with an input file that the user can fix: a missing or unreadable file, or bad lines. The
 * message is meant to be printed as is: one line per bad line ({@code file:line: reason}), capped at
 * {@link LineErrors#LIMIT} plus a {@code ... and N more bad lines} line.
 */
public final class BadInputException extends RuntimeException {

    private final List<LineError> errors;
    private final long badLines;

    /** A problem with the file as a whole, e.g. {@code ticks.csv: no such file}. */
    public BadInputException(String message) {
        super(message);
        this.errors = List.of();
        this.badLines = 0;
    }

    public BadInputException(LineErrors errors) {
        super(String.join("\n", errors.lines()));
        this.errors = errors.shown();
        this.badLines = errors.total();
    }

    /** The reported bad lines (at most {@link LineErrors#LIMIT}); empty for a file-level problem. */
    public List<LineError> errors() {
        return errors;
    }

    /** How many lines were bad in all. */
    public long badLines() {
        return badLines;
    }
}
