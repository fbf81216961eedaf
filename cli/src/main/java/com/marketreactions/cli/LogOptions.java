package com.marketreactions.cli;

import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * How much of the analyzer's own log a batch command (a demo, a replay) shows among its tables: warnings and
 * errors only, unless {@code --verbose}. A service keeps its INFO lines: there they are the record of what it did.
 */
final class LogOptions {

    /** The commands whose output is a table a user reads, not a log. */
    private static final Set<String> BATCH = Set.of("demo", "replay");

    @Option(
            names = "--verbose",
            description = "Also show the analyzer's progress log on stderr (INFO lines: each partition's end, late"
                    + " input); without it only warnings and errors")
    boolean verbose;

    /**
     * Quiets the analyzer's INFO lines for a batch command run without {@code --verbose}. Called before any of its
     * loggers is made: slf4j-simple fixes a logger's level when it is made, and a system property overrides the
     * level in simplelogger.properties.
     */
    static void apply(String[] args) {
        if (args.length == 0 || !BATCH.contains(args[0]) || Arrays.asList(args).contains("--verbose")) {
            return;
        }
        System.setProperty("org.slf4j.simpleLogger.log.com.marketreactions", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.com.marketreactions.streams.topology", "warn");
    }
}
