package com.marketreactions.producers.files;

/**
 * Turns one line of an input file into a typed record. Blank lines never reach a parser;
 * {@link RecordFile} owns the line loop, the numbering and the error collection.
 */
public interface LineParser<T> {

    /** @throws BadLineException with a short, specific reason (no file or line number: the caller adds them) */
    T parse(String line) throws BadLineException;

    /** Whether this line, the first non-blank one of the file, is a header to skip. */
    default boolean isHeader(String line) {
        return false;
    }
}
