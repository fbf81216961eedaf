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
        Ran quiet = replay(files, "quiet.");
        assertEquals(0, quiet.code(), quiet.err());
        assertFalse(quiet.err().contains(" INFO "), "INFO lines without --verbose:\n" + quiet.err());
        assertTrue(quiet.err().contains("final reactions"), "its own summary stays: " + quiet.err());
        Ran verbose = replay(files, "verbose.", "--verbose");
        assertEquals(0, verbose.code(), verbose.err());
        assertTrue(verbose.err().contains("INFO ReactionProcessor - partition 0: input ended"), verbose.err());
    }

    private Ran replay(ScenarioFiles.Written files, String prefix, String... more) throws Exception {
        Path out = dir.resolve(prefix + "out.jsonl");
        Path stdout = dir.resolve(prefix + "stdout.log");
        Path stderr = dir.resolve(prefix + "stderr.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(
                java,
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
