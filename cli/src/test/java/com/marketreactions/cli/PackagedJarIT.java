package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The application as ./reactions runs it ({@code java -jar target/reactions.jar}, the class path its manifest
 * names in {@code target/lib}): no broker on it, and the commands that run the embedded stack load the stack
 * from its own jar. Runs after package, which the unit tests come before.
 */
class PackagedJarIT {

    private static final Path JAR = Path.of(System.getProperty("reactions.jar", "target/reactions.jar"));
    private static final Path HOME = Path.of(System.getProperty("reactions.home", ".."));

    /** Jars only the embedded broker needs: the broker, its metadata layer, Scala, the stack itself. */
    private static final Pattern BROKER_ONLY = Pattern.compile(
            "(kafka_2\\.13|kafka-server|kafka-metadata|scala-library|scala-reflect|embedded-stack)-\\d.*"
                    + "|embedded-stack\\.jar");

    @Test
    void theManifestClassPathCarriesNoBroker() throws IOException {
        List<String> entries = manifestClassPath();
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("lib/kafka-clients-")), entries.toString());
        assertEquals(List.of(), brokerOnly(entries.stream().map(e -> e.substring(e.lastIndexOf('/') + 1))));
    }

    @Test
    void theLibDirectoryCarriesNoBroker() throws IOException {
        Path lib = JAR.resolveSibling("lib");
        try (Stream<Path> files = Files.list(lib)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertTrue(names.size() > 20, names.toString());
            assertEquals(List.of(), brokerOnly(names.stream()));
        }
    }

    @ParameterizedTest(name = "stack --brokers {0}")
    @ValueSource(ints = {1, 2})
    void theStackCommandLoadsTheStackFromItsOwnJar(int brokers, @TempDir Path dir) throws Exception {
        Path err = dir.resolve("stderr.log");
        Process p = start(HOME, err, "stack", "--brokers", Integer.toString(brokers), "--exit-with-parent", pid());
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
                if (line.startsWith("Data in ")) {
                    break;
                }
            }
        } finally {
            p.destroy(); // SIGTERM: the command stops its brokers and registry
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        String shown = String.join("\n", out) + "\nstderr:\n" + Files.readString(err);
        assertTrue(out.stream().anyMatch(l -> l.startsWith("--bootstrap-servers 127.0.0.1:")), shown);
        assertTrue(
                out.stream()
                        .anyMatch(l -> l.matches("export REACTIONS_BOOTSTRAP_SERVERS=127\\.0\\.0\\.1:\\d+\\S*"
                                + " REACTIONS_REGISTRY_URL=http://127\\.0\\.0\\.1:\\d+\\S*")),
                "a line to paste that sets both for every command: " + shown);
        assertEquals(
                brokers == 1 ? 0 : brokers,
                out.stream().filter(l -> l.startsWith("broker ")).count(),
                shown);
    }

    @Test
    void aStackThatIsNotBuiltIsOneLine(@TempDir Path dir) throws Exception {
        Path err = dir.resolve("stderr.log");
        Process p = start(dir, err, "stack");
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String printed = Files.readString(err).strip();
        assertEquals(2, p.exitValue(), printed);
        assertEquals(
                "error: the embedded stack is not built (no "
                        + dir.toAbsolutePath().resolve(StackLoader.JAR) + "): run ./mvnw install -DskipTests",
                printed);
    }

    @Test
    void aDeadBrokerIsOneLineWithinSecondsNamingTheServerTried(@TempDir Path dir) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // nothing listens there once closed
        }
        Path err = dir.resolve("stderr.log");
        long t0 = System.nanoTime();
        Process p = start(
                HOME,
                err,
                "produce",
                "ticks",
                "--file",
                HOME.resolve("data/sample/ticks.csv").toString(),
                "--bootstrap-servers",
                "127.0.0.1:" + port,
                "--registry-url",
                "http://127.0.0.1:" + port);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        double seconds = (System.nanoTime() - t0) / 1e9;
        String printed = Files.readString(err).strip();
        assertEquals(2, p.exitValue(), printed);
        assertEquals("", out);
        assertEquals(
                "error: no answer from Kafka within 5 s (connect.timeout); tried 127.0.0.1:" + port
                        + " (connection refused): is the broker running? check --bootstrap-servers",
                printed);
        // the stated 5 s plus a JVM's start, with room for a loaded machine; it was 62 s
        assertTrue(seconds < 20, "took " + seconds + " s");
    }

    private static Process start(Path home, Path err, String... args) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the integration tests with "
                    + "./mvnw verify, which packages it first");
        }
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                "--enable-native-access=ALL-UNNAMED",
                "-Dreactions.home=" + home.toAbsolutePath(),
                "-Dreactions.registry.home="
                        + HOME.resolve("embedded-stack/target/apicurio-registry")
                                .toAbsolutePath(),
                "-jar",
                JAR.toString()));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("REACTIONS_"));
        return pb.start();
    }

    private static List<String> manifestClassPath() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            String cp = jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            return List.of(cp.trim().split("\\s+"));
        }
    }

    private static List<String> brokerOnly(Stream<String> names) {
        return names.filter(n -> BROKER_ONLY.matcher(n).matches()).toList();
    }

    private static String pid() {
        return Long.toString(ProcessHandle.current().pid());
    }
}
