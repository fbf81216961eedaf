package com.marketreactions.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * One self-updating line on a terminal while a long file is published: records, percent of the file's lines,
 * records per second and time left. Silent when the output is not a terminal (piped, in CI), so logs and
 * redirected output stay clean.
 */
final class ProgressLine implements LongConsumer {

    /** Records between two calls from the publisher. */
    static final long EVERY = 1000;

    private static final long REDRAW_NANOS = 250_000_000L;

    private final String label;
    private final long totalLines;
    private final PrintStream out;
    private final LongSupplier clock;
    private final long start;
    private long lastDraw;
    private boolean drawn;

    ProgressLine(String label, long totalLines, PrintStream out, LongSupplier nanoClock) {
        this.label = label;
        this.totalLines = totalLines;
        this.out = out;
        this.clock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    /** A progress line for {@code file} on stderr if stderr is a terminal, else one that prints nothing. */
    static LongConsumer forFile(String label, Path file) {
        if (!terminal()) {
            return n -> {};
        }
        try (Stream<String> lines = Files.lines(file)) {
            return new ProgressLine(label, lines.count(), System.err, System::nanoTime);
        } catch (IOException | java.io.UncheckedIOException e) {
            return n -> {};
        }
    }

    @Override
    public void accept(long records) {
        long now = clock.getAsLong();
        boolean last = records >= totalLines - 1;
        if (!last && drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        out.print("\r" + render(records, now - start) + (last ? "\n" : ""));
        out.flush();
    }

    String render(long records, long elapsedNanos) {
        double seconds = Math.max(1e-3, elapsedNanos / 1e9);
        double rate = records / seconds;
        double fraction = totalLines <= 0 ? 1 : Math.min(1.0, records / (double) totalLines);
        long left = rate > 0 ? Math.round(Math.max(0, totalLines - records) / rate) : 0;
        return String.format(
                Locale.ROOT,
                "%s: %,d records (%.0f%%), %,.0f/s, %d s left   ",
                label,
                records,
                fraction * 100,
                rate,
                left);
    }

    /** Whether stderr goes to a terminal (JDK 22+ answers exactly; on 21 a console exists only on one). */
    private static boolean terminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
