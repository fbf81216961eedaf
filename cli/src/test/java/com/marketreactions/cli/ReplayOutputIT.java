package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.streams.differential.ScenarioFiles;
import com.marketreactions.streams.differential.SyntheticMarket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a user sees of a replay run from the packaged jar: its own lines, and of the analyzer's log only warnings and
 * errors, unless {@code --verbose} asks for its progress (each partition's end, late input).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES) // two short replays
class ReplayOutputIT extends ServiceScenario {

    private record Ran(int code, String out, String err) {}

    @Test
    void aReplayShowsNoProgressLogUnlessVerbose() throws Exception {
        ScenarioFiles.Written files = ScenarioFiles.write(SyntheticMarket.generate(3), dir);
        Ran quiet = replay(files, "quiet.", List.of());
        assertEquals(0, quiet.code(), quiet.err());
        assertFalse(quiet.err().contains(" INFO "), "INFO lines without --verbose:\n" + quiet.err());
        assertTrue(quiet.err().contains("final reactions"), "its own summary stays: " + quiet.err());
        Ran verbose = replay(files, "verbose.", List.of(), "--verbose");
        assertEquals(0, verbose.code(), verbose.err());
        assertTrue(verbose.err().contains("INFO ReactionProcessor - partition 0: input ended"), verbose.err());
    }

    @Test
    void aReplayEndsWithOneSummaryOfWhatItReadAndFlaggedAndKeepsStdoutClean() throws Exception {
        ScenarioFiles.Written files = ScenarioFiles.write(SyntheticMarket.generate(4), dir);
        Ran run = replay(files, "summary.", List.of()); // stderr to a file: no terminal, so no line in place
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.out(), "stdout is for results; a replay's are in --out");
        assertFalse(run.err().contains("\r"), "nothing redrawn in a log: " + run.err());
        List<String> finals = Files.readAllLines(dir.resolve("summary.out.jsonl"));
        long flagged = finals.stream().filter(l -> !l.contains("\"flags\":[]")).count();
        long tickers = finals.stream()
                .map(l -> l.replaceAll(".*\"ticker\":\"([^\"]+)\".*", "$1"))
                .distinct()
                .count();
        List<String> lines = run.err().strip().lines().toList();
        String summary = lines.get(lines.size() - 1);
        String expected = String.format(
                java.util.Locale.ROOT,
                "Read %,d news and %,d ticks in \\d+\\.\\d s; %,d final reactions for %d tickers%s; written to %s",
                Files.readAllLines(files.news()).size(),
                Files.readAllLines(files.ticks()).size() - 1,
                finals.size(),
                tickers,
                flagged == 0 ? "" : ", " + flagged + " flagged \\([A-Z_]+ \\d+(, [A-Z_]+ \\d+)*\\)",
                java.util.regex.Pattern.quote(dir.resolve("summary.out.jsonl").toString()));
        assertTrue(summary.matches(expected), summary + "\n does not match\n" + expected);
        assertEquals(
                1, lines.stream().filter(l -> l.contains("final reactions")).count(), "one summary: " + run.err());
    }

    @Test
    void onATerminalTheProgressIsOneLineRedrawnInPlaceAndClearedBeforeTheSummary() throws Exception {
        ScenarioFiles.Written files = ScenarioFiles.write(SyntheticMarket.generate(4), dir);
        // the launcher says stderr is a terminal when [ -t 2 ]; here it goes to a file, to be read back
        Ran run = replay(files, "tty.", List.of("-Dreactions.progress=terminal"));
        assertEquals(0, run.code(), run.err());
        String err = run.err();
        assertTrue(err.contains("\rpublishing " + files.ticks().getFileName()), err);
        assertTrue(err.contains("\rthe topology at work"), err);
        int last = err.lastIndexOf('\r');
        String lastDrawn = err.substring(err.lastIndexOf('\r', last - 1) + 1, last);
        assertTrue(lastDrawn.isBlank(), "the line is cleared last: '" + lastDrawn + "'");
        List<String> after = err.substring(last + 1).strip().lines().toList();
        assertTrue(after.get(after.size() - 1).startsWith("Read "), "then the summary: " + after);
        assertFalse(err.substring(0, last).contains("\n"), "nothing but the line before it: " + err);
    }

    private Ran replay(ScenarioFiles.Written files, String prefix, List<String> jvm, String... more) throws Exception {
        Path out = dir.resolve(prefix + "out.jsonl");
        Path stdout = dir.resolve(prefix + "stdout.log");
        Path stderr = dir.resolve(prefix + "stderr.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow"); // as ./reactions runs it: no JDK warning on stderr
        }
        cmd.addAll(jvm);
        cmd.addAll(List.of(
                "-jar",
                ServiceProcess.JAR.toString(),
                "replay",
                "--news",
                files.news().toString(),
                "--ticks",
                files.ticks().toString(),
                "--aliases",
                files.aliases().toString(),
                "--out",
                out.toString(),
                "--topic-prefix",
                prefix,
                "--bootstrap-servers",
                stack().bootstrapServers(),
                "--registry-url",
                stack().registryUrl()));
        cmd.addAll(List.of(more));
        ProcessBuilder pb =
                new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("REACTIONS_"));
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the replay did not end within 90 s; stderr:\n" + Files.readString(stderr));
        }
        return new Ran(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }
}
