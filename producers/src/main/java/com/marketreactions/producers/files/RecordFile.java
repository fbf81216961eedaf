package com.marketreactions.producers.files;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * An input file read as a stream of typed records, one line at a time (never the whole file in memory).
 * The one line loop shared by every format: reads UTF-8 lines numbered from 1 (a line that is not UTF-8 or
 * longer than 8 MiB is a bad line; a JSON object pretty-printed over lines is one line numbered by its first:
 * {@link RecordReader}), strips a byte-order mark, skips blank lines and a header on the first non-blank line, and
 * hands each other line to the format's {@link LineParser}, which makes one record of it, none, or several (a
 * saved response). A line the parser rejects becomes a {@link LineError} named after the path as given; its
 * records are then none.
 */
public final class RecordFile<T> {

    /** Receives each record with the number of the line it came from. */
    @FunctionalInterface
    public interface Sink<T> {
        void accept(T record, long line);
    }

    private final Path path;
    private final String name;
    private final Function<String, LineParser<T>> parsers;
    private final Function<T, String> uniqueKey;
    private Map<String, Long> leftOut = Map.of();

    /** A file of one layout. */
    public RecordFile(Path path, LineParser<T> parser) {
        this(path, first -> parser, null);
    }

    /**
     * @param parsers the parser for the file, given its first non-blank line (a vendor layout is told by it)
     * @param uniqueKey when not null, a key no two lines may share (a news id): a repeat is a bad line naming the
     *     first
     */
    public RecordFile(Path path, Function<String, LineParser<T>> parsers, Function<T, String> uniqueKey) {
        this.path = path;
        this.name = path.toString();
        this.parsers = parsers;
        this.uniqueKey = uniqueKey;
    }

    /** What the last read left out by its layout's rules (e.g. cancelled trades), by reason. */
    public Map<String, Long> leftOut() {
        return leftOut;
    }

    /** The path as the user gave it, as it appears in error reports. */
    public String name() {
        return name;
    }

    /**
     * Reads the whole file once, in order. Exceptions thrown by {@code onRecord} or {@code onError} stop the
     * reading and propagate.
     *
     * @throws BadInputException when the file is missing or unreadable (one line naming it)
     */
    public void read(Consumer<? super T> onRecord, Consumer<? super LineError> onError) {
        read((record, line) -> onRecord.accept(record), onError, 1);
    }

    /**
     * Reads the whole file once, in order, checking every line but handing on only those from line
     * {@code fromLine} (1: all). Exceptions thrown by {@code onRecord} or {@code onError} stop the reading and
     * propagate. A file starting with the gzip magic bytes is decompressed as it is read.
     *
     * @throws BadInputException when the file is missing, unreadable or its layout cannot be read (one line
     *     naming it)
     */
    public void read(Sink<? super T> onRecord, Consumer<? super LineError> onError, long fromLine) {
        if (Files.isDirectory(path)) {
            throw new BadInputException(name + ": is a directory, not a file");
        }
        Map<String, Long> firstLineOf = uniqueKey == null ? null : new HashMap<>();
        LineParser<T> parser = null;
        long lineNumber = 0;
        try (RecordReader in = new RecordReader(open(path))) {
            while (true) {
                List<T> records;
                try {
                    String line = in.next();
                    lineNumber = in.line();
                    if (line == null) {
                        break;
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    boolean first = parser == null;
                    if (first) {
                        try {
                            parser = parsers.apply(line);
                        } catch (BadInputException e) {
                            throw new BadInputException(name + ":" + in.line() + ": " + e.getMessage());
                        }
                        if (parser.isHeader(line)) {
                            continue;
                        }
                    }
                    records = parser.records(line); // none: left out by the layout's rules, counted by the parser
                    if (firstLineOf != null) {
                        for (T record : records) {
                            String key = uniqueKey.apply(record);
                            Long seen = firstLineOf.putIfAbsent(key, in.line());
                            if (seen != null) {
                                throw new BadLineException("id " + Fields.quote(key) + " already on line " + seen
                                        + " (an id names one news event)");
                            }
                        }
                    }
                } catch (BadLineException e) {
                    onError.accept(new LineError(name, in.line(), e.getMessage()));
                    continue;
                }
                if (in.line() >= fromLine) {
                    for (T record : records) {
                        onRecord.accept(record, in.line());
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new BadInputException(name + ": permission denied");
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read" + (lineNumber > 0 ? " after line " + lineNumber : "")
                    + ": " + e.getMessage());
        } finally {
            leftOut = parser == null ? Map.of() : Map.copyOf(parser.leftOut());
        }
    }

    /** The file's bytes, decompressed when it is gzip (whatever its name). */
    private static InputStream open(Path path) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        return a == 0x1f && b == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** Reads the whole file and collects its bad lines: the validation pass, publishing nothing. */
    public LineErrors validate() {
        LineErrors errors = new LineErrors();
        read(record -> {}, errors::add);
        return errors;
    }
}
