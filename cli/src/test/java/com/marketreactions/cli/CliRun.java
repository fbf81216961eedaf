package com.marketreactions.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The launcher run in this JVM, as a user would: its exit code and what it printed on stderr. */
record CliRun(int code, String err) {

    static CliRun of(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream was = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = ReactionsCli.run(args);
        } finally {
            System.setErr(was);
        }
        return new CliRun(code, err.toString(StandardCharsets.UTF_8));
    }

    /** {@code a} then {@code b}: a command's own arguments and the cluster's. */
    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
