package com.marketreactions.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the sample lives and which files make it up. */
final class SampleFiles {

    private SampleFiles() {}

    static Path defaultDir() {
        String home = System.getProperty("reactions.home");
        Path base = home != null ? Path.of(home) : Path.of("");
        return base.resolve("data").resolve("sample");
    }

    static Replay.Inputs inputs(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserError(dir + ": no such sample directory (give --sample-dir)");
        }
        Path aliases = dir.resolve("aliases.csv");
        return new Replay.Inputs(
                dir.resolve("news.jsonl"), dir.resolve("ticks.csv"), Files.exists(aliases) ? aliases : null);
    }
}
