package com.marketreactions.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The last lines of a child process's log, on one line, for an error message that says why it failed. */
final class LogTail {

    private LogTail() {}

    /** The last {@code lines} non-blank lines of {@code log}, joined by " | ". */
    static String of(Path log, int lines) {
        try (Stream<String> all = Files.lines(log, StandardCharsets.UTF_8)) {
            List<String> nonBlank = all.filter(l -> !l.isBlank()).toList();
            return String.join(" | ", nonBlank.subList(Math.max(0, nonBlank.size() - lines), nonBlank.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
