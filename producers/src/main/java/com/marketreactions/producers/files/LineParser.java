package com.marketreactions.producers.files;

/**
 * Turns one line of an input file into a typed record. Blank lines never reach a parser;
 * {@link RecordFile} owns the line loop, the numbering and the error collection.
 */
public interface LineParser<T> {

    /**
     * @return the record, or null for a valid line the layout's rules leave out (counted in {@link #leftOut})
     * @throws BadLineException with a short, specific reason (no file or line number: the caller adds them)
     */
    T parse(String line) throws BadLineException;

    /** How many lines this parser left out so far, by reason (e.g. {@code correction 8 (cancelled or erroneous later)}). */
    default java.util.Map<String, Long> leftOut() {
        return java.util.Map.of();
    }

    /** Whether this line, the first non-blank one of the file, is a header to skip. */
    default boolean isHeader(String line) {
        return false;
    }
}
