package com.marketreactions.producers.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The records of a text file: its lines, except that a JSON object pretty-printed over lines (from a line that is
 * just {@code {} to the next line that is just {@code }}, as {@code jq} and Python's {@code json} write a saved
 * response) is one record, numbered by its first line. No layout has a line that is just {@code {}, so this reads
 * every one of them as before. A byte-order mark before the first line is dropped.
 */
final class RecordReader implements Closeable {

    /** An object spread over lines is held to the limit of one line. */
    static final int MAX_OBJECT_CHARS = LineReader.MAX_LINE_BYTES;

    private final LineReader lines;
    private long line;

    RecordReader(InputStream in) {
        this.lines = new LineReader(in);
    }

    /** The number of the first line of the record last returned or rejected. */
    long line() {
        return line;
    }

    /**
     * @return the next record, or null at the end of the stream
     * @throws BadLineException the record (now consumed whole) is not UTF-8, too long, or an object never closed
     */
    String next() throws IOException, BadLineException {
        String first;
        try {
            first = lines.readLine();
        } finally {
            line = lines.lineNumber();
        }
        if (first != null && line == 1 && first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        return first != null && first.stripTrailing().equals("{") ? objectFrom(first) : first;
    }

    /** The lines of an object that opened with {@code open}, through its closing line; a bad line spoils it. */
    private String objectFrom(String open) throws IOException, BadLineException {
        StringBuilder text = new StringBuilder(open);
        String bad = null;
        while (true) {
            String next;
            try {
                next = lines.readLine();
            } catch (BadLineException e) {
                bad = bad != null ? bad : "line " + lines.lineNumber() + ": " + e.getMessage();
                continue;
            }
            if (next == null) {
                throw new BadLineException(
                        "the JSON object opened on this line ('{' alone) has no line '}' closing it before the end "
                                + "of the file");
            }
            if (bad == null && text.length() + 1 + next.length() > MAX_OBJECT_CHARS) {
                bad = "a JSON object spread over lines longer than " + MAX_OBJECT_CHARS + " characters";
            }
            if (bad == null) {
                text.append('\n').append(next);
            }
            if (next.stripTrailing().equals("}")) {
                if (bad != null) {
                    throw new BadLineException(bad);
                }
                return text.toString();
            }
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
