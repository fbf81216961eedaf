package com.marketreactions.stack;

import com.marketreactions.common.RegistryOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry server (Confluent-compatible API under {@code /apis/ccompat/v7}, its own under
 * {@code /apis/registry/v3}) run as a child process on 127.0.0.1, from the distribution the build unpacks
 * into {@code embedded-stack/target/apicurio-registry}. It needs Java 21+, whatever runs this JVM.
 *
 * <p>Its database is an H2 file in the data dir, so a stack restarted on kept data has the same schemas
 * and ids as the records in its topics. Its output goes to {@code registry.log} in the data dir.
 *
 * <p>The child never outlives this JVM: {@link #close()} stops it, and a small watchdog shell, fed by a
 * pipe from this JVM, kills it when the pipe closes, which also happens when this JVM is killed -9.
 */
public final class EmbeddedRegistry implements AutoCloseable {

    /** System property naming the unpacked registry distribution (the dir holding quarkus-run.jar). */
    public static final String HOME_PROPERTY = "reactions.registry.home";
    /** Environment variable, used when the system property is not set. */
    public static final String HOME_ENV = "REACTIONS_REGISTRY_HOME";

    private static final String BUILT_HOME = "embedded-stack/target/apicurio-registry";
    /** Where the server serves the Confluent API: the URL any Confluent client takes as its registry. */
    public static final String CONFLUENT_API = "/apis/ccompat/v7";

    private static final String READY_PATH = CONFLUENT_API + "/subjects";
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Waits for EOF on stdin (this JVM closed the pipe or died), then stops the registry: TERM, and KILL
     * if it is still there 10 s later.
     */
    private static final String WATCHDOG = """
            read _
            kill "$1" 2>/dev/null
            i=0
            while [ $i -lt 10 ] && kill -0 "$1" 2>/dev/null; do sleep 1; i=$((i + 1)); done
            kill -9 "$1" 2>/dev/null
            """;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRegistry.class);

    private final Process registry;
    private final Process watchdog;
    private final String url;
    private final Path logFile;
    private final StackSecurity security;

    private EmbeddedRegistry(Process registry, Process watchdog, String url, Path logFile, StackSecurity security) {
        this.registry = registry;
        this.watchdog = watchdog;
        this.url = url;
        this.logFile = logFile;
        this.security = security;
    }

    /** Launches the registry and waits until it answers; see {@link #launch} and {@link #awaitReady}. */
    public static EmbeddedRegistry start(int port, Path dataDir, Duration timeout) {
        return start(port, dataDir, null, timeout);
    }

    /** {@link #start(int, Path, Duration)}, on HTTPS with basic authentication when {@code security} is given. */
    public static EmbeddedRegistry start(int port, Path dataDir, StackSecurity security, Duration timeout) {
        EmbeddedRegistry r = launch(port, dataDir, security);
        try {
            r.awaitReady(timeout);
            return r;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /**
     * Starts the registry process and returns at once, so the caller can do other work while it boots.
     *
     * @param port HTTP port on 127.0.0.1, 0 for a free one
     * @param dataDir where the database and {@code registry.log} go
     * @throws StackException if the port is taken, no JDK 21+ or no registry distribution is found
     */
    public static EmbeddedRegistry launch(int port, Path dataDir) {
        return launch(port, dataDir, null);
    }

    /**
     * {@link #launch(int, Path)}; with {@code security}, the API is served on HTTPS only, with the stack's
     * certificate, to its user alone (HTTP basic authentication through Quarkus's embedded users; Apicurio needs no
     * OIDC server for that). The secrets go in {@code config/application.properties} of its working dir, which
     * Quarkus reads, rather than on its command line, which every user of the machine can read.
     */
    public static EmbeddedRegistry launch(int port, Path dataDir, StackSecurity security) {
        int httpPort = port == 0 ? Ports.free() : Ports.requireFree(port, "Registry");
        int managementPort = Ports.free(); // health endpoints; nobody here needs them, but Quarkus binds them
        Path home = findHome();
        Jdk jdk = findJava();
        Path dir = dataDir.toAbsolutePath();
        Path logFile = dir.resolve("registry.log");
        List<String> command = new ArrayList<>(List.of(
                jdk.java().toString(),
                "-Xmx160m",
                "-XX:TieredStopAtLevel=1")); // C1 only: ready ~1 s sooner and ~30 MB smaller; it serves few requests
        if (Files.isWritable(home)) {
            // A class-data archive the first run writes at exit and later runs map: ready ~1.5 s sooner.
            command.add("-XX:+AutoCreateSharedArchive");
            command.add("-XX:SharedArchiveFile=" + home.resolve("registry-jdk" + jdk.version() + ".jsa"));
        }
        command.addAll(List.of(
                "-Dquarkus.banner.enabled=false",
                "-Dquarkus.http.host=" + Ports.HOST,
                // secured, the API is on the TLS port alone: this one is never opened (insecure-requests disabled)
                "-Dquarkus.http.port=" + (security == null ? httpPort : Ports.free()),
                "-Dquarkus.management.host=" + Ports.HOST,
                "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.http.access-log.enabled=false",
                "-Dquarkus.log.category.\"io.apicurio\".level=WARN",
                "-Dapicurio.datasource.url=jdbc:h2:file:"
                        + dir.resolve("registry").resolve("db"),
                "-Dapicurio.datasource.jdbc.initial-size=2", // the default pool of 20 only slows startup
                "-Dapicurio.datasource.jdbc.min-size=2",
                "-jar",
                home.resolve("quarkus-run.jar").toString()));
        Process registry;
        try {
            Files.createDirectories(dir.resolve("registry"));
            writeSecurity(dir.resolve("registry"), httpPort, security);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dir.resolve("registry").toFile()) // stray files land in the data dir
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())); // a restart adds to it
            // JVM options meant for this JVM (heap sizes, agents) must not reach the registry's.
            builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
            registry = builder.start();
            registry.getOutputStream().close();
        } catch (IOException e) {
            throw new StackException("Cannot start the schema registry with " + jdk.java() + ": " + e.getMessage(), e);
        }
        Process watchdog;
        try {
            // The watchdog's stdin is a pipe only this JVM writes to: EOF means this JVM is done.
            watchdog = new ProcessBuilder("sh", "-c", WATCHDOG, "registry-watchdog", String.valueOf(registry.pid()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            registry.destroyForcibly();
            throw new StackException(
                    "Cannot start the watchdog shell (sh) for the schema registry: " + e.getMessage(), e);
        }
        log.debug("Schema registry starting, pid {}, java {}, log {}", registry.pid(), jdk.java(), logFile);
        String scheme = security == null ? "http" : "https";
        return new EmbeddedRegistry(
                registry, watchdog, scheme + "://" + Ports.HOST + ":" + httpPort, logFile, security);
    }

    /** The secured server's settings in its working dir's {@code config/application.properties}, or none. */
    private static void writeSecurity(Path workDir, int port, StackSecurity security) throws IOException {
        Path config = workDir.resolve("config").resolve("application.properties");
        if (security == null) {
            Files.deleteIfExists(config); // a data dir secured before and plain now
            return;
        }
        Files.createDirectories(config.getParent());
        java.util.Properties p = new java.util.Properties();
        p.setProperty("quarkus.http.ssl-port", String.valueOf(port));
        p.setProperty("quarkus.http.insecure-requests", "disabled");
        p.setProperty(
                "quarkus.http.ssl.certificate.key-store-file",
                security.keyStore().toString());
        p.setProperty("quarkus.http.ssl.certificate.key-store-file-type", "PKCS12");
        p.setProperty("quarkus.http.ssl.certificate.key-store-password", security.storePassword());
        p.setProperty("quarkus.oidc.tenant-enabled", "false");
        p.setProperty("apicurio.authn.basic-client-credentials.enabled", "false");
        p.setProperty("quarkus.http.auth.basic", "true");
        p.setProperty("quarkus.security.users.embedded.enabled", "true");
        p.setProperty("quarkus.security.users.embedded.plain-text", "true");
        p.setProperty("quarkus.security.users.embedded.users." + security.user(), security.password());
        java.io.StringWriter text = new java.io.StringWriter();
        p.store(text, "written by the embedded stack at each start");
        StackSecurity.writeSecret(config, text.toString());
    }

    /**
     * Polls {@code GET /apis/ccompat/v7/subjects} until it answers 200.
     *
     * @throws StackException if the process exits or the timeout passes first; the registry is then left
     *         to the caller to {@link #close()}
     */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest.Builder ask =
                HttpRequest.newBuilder(URI.create(url + READY_PATH)).timeout(Duration.ofSeconds(2));
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
        if (security != null) {
            RegistryOptions as = security.registryOptions();
            ask.header("Authorization", as.authorization());
            client.sslContext(as.ssl());
        }
        HttpRequest request = ask.build();
        try (HttpClient http = client.build()) {
            while (true) {
                if (!registry.isAlive()) {
                    throw failure("Schema registry exited with code " + registry.exitValue() + " while starting");
                }
                if (answers(http, request)) {
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw failure("Schema registry at " + url + " was not ready within " + seconds(timeout) + " s");
                }
                try {
                    registry.onExit()
                            .get(POLL.toMillis(), TimeUnit.MILLISECONDS); // the poll interval, cut short by an exit
                } catch (TimeoutException | ExecutionException e) {
                    // still running: poll again
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting for the schema registry at " + url, e);
        }
    }

    private static boolean answers(HttpClient http, HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0);
    }

    private StackException failure(String what) {
        return new StackException(what + "; log " + logFile + ", last lines: " + LogTail.of(logFile, 5));
    }

    /** The server root, "http://127.0.0.1:PORT"; append /apis/registry/v3 or /apis/ccompat/v7. */
    public String url() {
        return url;
    }

    /** Whether the registry process is running. */
    public boolean isAlive() {
        return registry.isAlive();
    }

    /** Process id of the registry JVM. */
    public long pid() {
        return registry.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** Stops the registry (TERM, then KILL after 10 s) and its watchdog. Idempotent. */
    @Override
    public void close() {
        stop(registry);
        stop(watchdog);
    }

    private void stop(Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Process {} did not stop within {} s; killing it", p.pid(), STOP_TIMEOUT.toSeconds());
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The unpacked distribution: system property, environment variable, else the build's output above the working dir. */
    static Path findHome() {
        String configured = System.getProperty(HOME_PROPERTY);
        String source = "system property " + HOME_PROPERTY;
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(HOME_ENV);
            source = "environment variable " + HOME_ENV;
        }
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured).toAbsolutePath();
            if (!Files.isRegularFile(home.resolve("quarkus-run.jar"))) {
                throw new StackException("No Apicurio Registry distribution (quarkus-run.jar) in " + home
                        + ", named by " + source + "; build it with ./mvnw -q install -DskipTests");
            }
            return home;
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            Path home = dir.resolve(BUILT_HOME);
            if (Files.isRegularFile(home.resolve("quarkus-run.jar"))) {
                return home;
            }
        }
        throw new StackException("No Apicurio Registry distribution found (looked for " + BUILT_HOME + " in " + cwd
                + " and above); build it with ./mvnw -q install -DskipTests (or mvn -pl embedded-stack -am install"
                + " -DskipTests), or set " + HOME_PROPERTY + " / " + HOME_ENV);
    }

    /** A java launcher and its major version. */
    record Jdk(Path java, int version) {}

    /** A java launcher of version 21+: this JVM's, else JAVA_HOME's, else the newest in /usr/lib/jvm. */
    static Jdk findJava() {
        if (Runtime.version().feature() >= 21) {
            Path self = ProcessHandle.current()
                    .info()
                    .command()
                    .map(Path::of)
                    .filter(Files::isExecutable)
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
            return new Jdk(self, Runtime.version().feature());
        }
        List<Path> homes = new ArrayList<>();
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            homes.add(Path.of(javaHome));
        }
        try (Stream<Path> installed = Files.list(Path.of("/usr/lib/jvm"))) {
            installed
                    .sorted(Comparator.comparingInt(EmbeddedRegistry::featureVersion)
                            .reversed())
                    .forEach(homes::add);
        } catch (IOException e) {
            // no /usr/lib/jvm: only JAVA_HOME is left
        }
        return homes.stream()
                .map(h -> new Jdk(h.resolve("bin").resolve("java"), featureVersion(h)))
                .filter(jdk -> jdk.version() >= 21 && Files.isExecutable(jdk.java()))
                .findFirst()
                .orElseThrow(() -> new StackException("No JDK 21+ found to run the schema registry (this JVM is "
                        + Runtime.version().feature() + ", JAVA_HOME=" + javaHome
                        + ", none in /usr/lib/jvm); install one or point JAVA_HOME at it"));
    }

    /** The major version a JDK home declares in its release file, 0 if unknown. */
    private static int featureVersion(Path javaHome) {
        try (Stream<String> lines = Files.lines(javaHome.resolve("release"))) {
            return lines.filter(l -> l.startsWith("JAVA_VERSION="))
                    .map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", ""))
                    .map(v -> Runtime.Version.parse(v).feature())
                    .findFirst()
                    .orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
