package com.marketreactions.producers.files;

/**
 * One bad line of an input file, rendered {@code file:line: reason}.
 *
 * @param file the path as the user gave it
 * @param line 1-based line number
 * @param reason short and specific, e.g. {@code price must be > 0, got -3.5}
 */
public record LineError(String file, long line, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
