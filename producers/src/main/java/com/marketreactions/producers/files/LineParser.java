package com.marketreactions.producers.files;

import java.util.List;
import java.util.Map;

/**
 * Turns one line of an input file into typed records. Blank lines never reach a parser;
 * {@link RecordFile} owns the line loop, the numbering and the error collection.
 */
public interface LineParser<T> {

    /**
     * @return the record, or null for a valid line the layout's rules leave out (counted in {@link #leftOut})
     * @throws BadLineException with a short, specific reason (no file or line number: the caller adds them)
     */
    T parse(String line) throws BadLineException;

    /**
     * The records of one line, in order, which is what {@link RecordFile} reads: {@link #parse}'s one or none,
     * unless the layout holds many on a line (a vendor's saved response). A line is good or bad whole: one bad
     * record in it makes it a bad line, and none of its records is read.
     */
    default List<T> records(String line) throws BadLineException {
        T record = parse(line);
        return record == null ? List.of() : List.of(record);
    }

    /**
     * How many records this parser left out so far, by reason (e.g. {@code correction 8 (cancelled or erroneous
     * later)}).
     */
    default Map<String, Long> leftOut() {
        return Map.of();
    }

    /** Whether this line, the first non-blank one of the file, is a header to skip. */
    default boolean isHeader(String line) {
        return false;
    }
}
