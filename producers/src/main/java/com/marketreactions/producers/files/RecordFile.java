package com.marketreactions.producers.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * An input file read as a stream of typed records, one line at a time (never the whole file in memory).
 * The one line loop shared by every format: reads UTF-8 lines numbered from 1 (a line that is not UTF-8 or
 * longer than 1 MiB is a bad line), strips a byte-order mark, skips
 * blank lines and a header on the first non-blank line, and hands each other line to the format's
 * {@link LineParser}. A line the parser rejects becomes a {@link LineError} named after the path as given.
 */
public final class RecordFile<T> {

    private final Path path;
    private final String name;
    private final LineParser<T> parser;

    public RecordFile(Path path, LineParser<T> parser) {
        this.path = path;
        this.name = path.toString();
        this.parser = parser;
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
        if (Files.isDirectory(path)) {
            throw new BadInputException(name + ": is a directory, not a file");
        }
        try (LineReader in = new LineReader(Files.newInputStream(path))) {
            boolean first = true;
            while (true) {
                T record;
                try {
                    String line = in.readLine();
                    if (line == null) {
                        break;
                    }
                    if (in.lineNumber() == 1 && line.startsWith("\uFEFF")) {
                        line = line.substring(1);
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    boolean header = first && parser.isHeader(line);
                    first = false;
                    if (header) {
                        continue;
                    }
                    record = parser.parse(line);
                } catch (BadLineException e) {
                    first = false;
                    onError.accept(new LineError(name, in.lineNumber(), e.getMessage()));
                    continue;
                }
                onRecord.accept(record);
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new BadInputException(name + ": permission denied");
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read: " + e.getMessage());
        }
    }

    /** Reads the whole file and collects its bad lines: the validation pass, publishing nothing. */
    public LineErrors validate() {
        LineErrors errors = new LineErrors();
        read(record -> { }, errors::add);
        return errors;
    }
}
