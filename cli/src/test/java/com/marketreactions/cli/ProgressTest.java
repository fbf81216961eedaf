package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress line, on a clock the test moves: in place on a terminal, sparse in a log, cleared at the end. */
class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    private long now;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalOneLineIsRedrawnInPlaceAtMostFourTimesASecondThenCleared() throws Exception {
        Path file = Files.writeString(dir.resolve("ticks.csv"), "symbol,ts,price,size\n" + "A,1,1,1\n".repeat(3999));
        Progress p = new Progress(err, Progress.Mode.TERMINAL, () -> now, false);
        p.step("starting the stack");
        now += 3 * SECOND;
        p.tick();
        assertEquals("\rstarting the stack (0 s)\rstarting the stack (3 s)", printed());
        bytes.reset();
        LongConsumer published = p.publishing(file); // a new step: drawn at once
        now += 100_000_000;
        published.accept(1000); // 0.1 s after the last: skipped
        now += 1900_000_000;
        published.accept(2000);
        assertEquals(
                "\rpublishing ticks.csv (0 s)" + "\rpublishing ticks.csv: 2,000 records (50%), 1,000/s (2 s)",
                printed());
        bytes.reset();
        p.step("checking"); // shorter than the line before: blanks cover the rest
        assertEquals("\rchecking (0 s)" + " ".repeat(56 - 14), printed());
        bytes.reset();
        p.close();
        assertEquals("\r" + " ".repeat(14) + "\r", printed());
        p.step("after the end");
        assertEquals("\r" + " ".repeat(14) + "\r", printed(), "nothing once closed");
    }

    @Test
    void aLineWiderThanATerminalsIsCut() {
        Progress p = new Progress(err, Progress.Mode.TERMINAL, () -> now, false);
        p.step("x".repeat(200));
        assertEquals(80, printed().length(), printed()); // \r and 79 characters
        assertTrue(printed().endsWith("..."), printed());
    }

    @Test
    void inALogALineComesAtMostEveryTenSecondsAndNoneForAShortCommand() {
        Progress p = new Progress(err, Progress.Mode.LOG, () -> now, false);
        p.step("starting the stack");
        for (int i = 0; i < 36; i++) { // 9 s, a redraw every quarter second
            now += SECOND / 4;
            p.tick();
        }
        assertEquals("", printed(), "nothing in the first 10 s");
        for (int i = 0; i < 4 * 21; i++) { // to 30 s
            now += SECOND / 4;
            p.detail("n = " + i);
        }
        String log = printed();
        assertFalse(log.contains("\r"), log);
        assertEquals(
                "starting the stack: n = 3 (10 s)" + System.lineSeparator() + "starting the stack: n = 43 (20 s)"
                        + System.lineSeparator() + "starting the stack: n = 83 (30 s)" + System.lineSeparator(),
                log);
        p.close();
        assertEquals(log, printed(), "nothing to clear in a log");
    }

    @Test
    void offShowsNothing() {
        Progress p = new Progress(err, Progress.Mode.OFF, () -> now, false);
        p.step("a");
        now += 60 * SECOND;
        p.detail("b");
        p.close();
        assertEquals("", printed());
        assertFalse(p.shown());
    }
}
