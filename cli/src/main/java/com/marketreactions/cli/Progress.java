package com.marketreactions.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The progress of a command's long steps (starting the stack, publishing a file, the topology's run) on stderr, so
 * that stdout keeps only results. On a terminal: one line, redrawn in place at most four times a second and cleared
 * when the command is done. Otherwise (a pipe, a log file, CI): a plain line at most every {@link #LOG_EVERY_S}
 * seconds, and none at all for a command done sooner, so a log never floods. The step's elapsed time is kept current
 * by a daemon thread, so a step with nothing to count (the stack's start) shows that it is alive too.
 */
final class Progress implements AutoCloseable {

    /** Seconds between two lines when stderr is not a terminal. */
    static final long LOG_EVERY_S = 10;

    /** Records between two calls from a file publisher. */
    static final long EVERY = 1000;

    /** Where the launcher says stderr goes ({@code -Dreactions.progress=terminal|log|off}): {@code [ -t 2 ]}. */
    static final String MODE_PROPERTY = "reactions.progress";

    private static final long REDRAW_NANOS = 250_000_000L;
    private static final long LOG_NANOS = TimeUnit.SECONDS.toNanos(LOG_EVERY_S);
    /** The widest line drawn in place: wider would wrap, and {@code \r} returns to the wrapped part only. */
    private static final int WIDTH = 79;

    enum Mode {
        TERMINAL,
        LOG,
        OFF
    }

    private final PrintStream err;
    private final Mode mode;
    private final LongSupplier clock;
    private final ScheduledExecutorService ticker;
    private String step;
    private String detail = "";
    private long stepStart;
    private long lastDraw;
    private long lastLog;
    private int drawn;
    private boolean closed;

    Progress(PrintStream err, Mode mode, LongSupplier nanoClock, boolean tick) {
        this.err = err;
        this.mode = mode;
        this.clock = nanoClock;
        this.lastLog = nanoClock.getAsLong();
        if (tick && mode != Mode.OFF) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        } else {
            ticker = null;
        }
    }

    /** Progress on stderr, in place if it is a terminal. */
    static Progress onStderr() {
        return new Progress(System.err, mode(), System::nanoTime, true);
    }

    /** Progress that shows nothing (tests, library use). */
    static Progress off() {
        return new Progress(System.err, Mode.OFF, System::nanoTime, false);
    }

    /** Starts a step: {@code what} the command is doing now, e.g. "starting the embedded Kafka broker". */
    synchronized void step(String what) {
        step = what;
        detail = "";
        stepStart = clock.getAsLong();
        draw(true);
    }

    /** How far the current step is, e.g. "25,000 records (22%)". */
    synchronized void detail(String what) {
        detail = what;
        draw(false);
    }

    synchronized void tick() {
        draw(false);
    }

    /**
     * A step publishing {@code file}, and what a file publisher calls with the records sent so far: their number,
     * the share of the file's lines and the rate.
     */
    LongConsumer publishing(Path file) {
        step("publishing " + file.getFileName());
        long lines = mode == Mode.OFF ? -1 : lines(file);
        return records -> {
            double seconds = Math.max(1e-3, (clock.getAsLong() - stepStart) / 1e9);
            detail(String.format(
                    Locale.ROOT,
                    "%,d records%s, %,.0f/s",
                    records,
                    lines > 0 ? String.format(Locale.ROOT, " (%.0f%%)", Math.min(100.0, 100.0 * records / lines)) : "",
                    records / seconds));
        };
    }

    /** Whether anything is shown at all (not {@link Mode#OFF}): work done only for the progress can be skipped. */
    boolean shown() {
        return mode != Mode.OFF;
    }

    /**
     * Clears the line on a terminal, so that what the command prints next (a table on stdout, a summary) starts at
     * the line's start; the next {@link #step} shows again.
     */
    synchronized void clear() {
        if (mode == Mode.TERMINAL && drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            err.flush();
            drawn = 0;
        }
        step = null;
    }

    /** Clears the line for good. */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        clear();
        closed = true;
    }

    /** The line for the current step: what, how far, and for how long. */
    String line(long now) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(now - stepStart);
        return step + (detail.isEmpty() ? "" : ": " + detail) + " (" + seconds + " s)";
    }

    private void draw(boolean force) {
        if (step == null || closed || mode == Mode.OFF) {
            return;
        }
        long now = clock.getAsLong();
        if (mode == Mode.LOG) {
            if (now - lastLog >= LOG_NANOS) {
                err.println(line(now));
                lastLog = now;
            }
            return;
        }
        if (!force && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        String text = line(now);
        if (text.length() > WIDTH) {
            text = text.substring(0, WIDTH - 3) + "...";
        }
        err.print("\r" + text + " ".repeat(Math.max(0, drawn - text.length())));
        err.flush();
        drawn = text.length();
        lastDraw = now;
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException | UncheckedIOException e) {
            return -1; // no share shown; the publish itself reports what is wrong with the file
        }
    }

    /** The launcher's word on stderr, else whether this JVM has a terminal (stdin and stdout; JDK 22+ says so). */
    static Mode mode() {
        String given = System.getProperty(MODE_PROPERTY, "");
        switch (given.toLowerCase(Locale.ROOT)) {
            case "terminal":
                return Mode.TERMINAL;
            case "log":
                return Mode.LOG;
            case "off":
                return Mode.OFF;
            default:
                break;
        }
        Console c = System.console();
        if (c == null) {
            return Mode.LOG;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c) ? Mode.TERMINAL : Mode.LOG;
        } catch (ReflectiveOperationException e) {
            return Mode.TERMINAL; // JDK 21: a console exists only on a terminal
        }
    }
}
