package com.marketreactions.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded stack in a child JVM ({@code reactions stack}), so the benchmark's own process holds only the
 * analyzer and its memory can be measured apart from the broker's. The child exits with its parent.
 */
public final class ChildStackHandle implements AutoCloseable {

    private final Process process;
    private final String bootstrapServers;
    private final String registryUrl;

    private ChildStackHandle(Process process, String bootstrapServers, String registryUrl) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    public static ChildStackHandle start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED"));
        for (String p : new String[] {"reactions.home", "reactions.registry.home"}) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "com.marketreactions.cli.ReactionsCli",
                "stack",
                "--exit-with-parent",
                Long.toString(ProcessHandle.current().pid())));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("--bootstrap-servers ")) {
                String[] parts = line.split(" ");
                Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "child-stack-out");
                drain.setDaemon(true);
                drain.start();
                return new ChildStackHandle(p, parts[1], parts[3]);
            }
        }
        p.destroyForcibly();
        throw new IOException("the child stack exited before it was ready (exit " + waitExit(p) + ")");
    }

    private static int waitExit(Process p) {
        try {
            return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registryUrl;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
