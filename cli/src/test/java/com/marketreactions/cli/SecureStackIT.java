package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.Topics;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsImpact;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.stack.EmbeddedStack;
import com.marketreactions.stack.StackOptions;
import com.marketreactions.streams.differential.ScenarioFiles;
import com.marketreactions.streams.differential.SyntheticMarket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secured embedded stack ({@code stack --secure}): a broker that takes SASL/PLAIN over TLS only and a registry
 * on HTTPS behind basic authentication, and the one client properties file it writes, which every command takes as
 * it is. Then what a user gets wrong there: each is one line naming it, not a stack trace, not a hang.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SecureStackIT {

    private static final int PARTITIONS = 2;
    private static EmbeddedStack stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSecured() {
        stack = EmbeddedStack.start(new StackOptions(0, 0, null, false, Duration.ofSeconds(90), 1, true));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static Path clientConfig() {
        return stack.clientConfig().orElseThrow();
    }

    @Test
    void everyCommandRunsOnTheSecuredClusterFromOneClientFile() throws Exception {
        SyntheticMarket.Scenario scenario = SyntheticMarket.generateLong(5, 6); // the defaults serve runs with
        ScenarioFiles.Written files = ScenarioFiles.write(scenario, dir);
        Path settings = Files.writeString(
                dir.resolve("secure.properties"), "topic.prefix=secure.\ntopic.partitions=" + PARTITIONS + "\n");
        String[] secured = {"--client-config", clientConfig().toString(), "--config", settings.toString()};
        assertOk(CliRun.of(CliRun.concat(new String[] {"setup"}, secured)));
        for (Map.Entry<String, Path> input :
                Map.of("aliases", files.aliases(), "news", files.news()).entrySet()) {
            assertOk(CliRun.of(CliRun.concat(
                    new String[] {
                        "produce", input.getKey(), "--file", input.getValue().toString()
                    },
                    secured)));
        }
        // the ticks from librdkafka, its schema from the registry by subject
        List<String> produced = python("produce", "secure.ticks", files.ticks().toString());
        assertEquals(List.of(Long.toString(Files.lines(files.ticks()).count() - 1)), produced, "ticks published");
        ClientConfigs clients = Settings.load(ClientProperties.read(clientConfig()), settings, Map.of())
                .clients(stack.bootstrapServers(), stack.registryUrl());
        Topics topics = Topics.create("secure.", clients.serdes());
        EndMarkers.publish(clients, topics.ticks.name(), PARTITIONS);

        Map<String, String> env = Map.of(
                "REACTIONS_APPLICATION_ID", "secure-service",
                "REACTIONS_TOPIC_PREFIX", "secure.",
                "REACTIONS_TOPIC_PARTITIONS", Integer.toString(PARTITIONS),
                "REACTIONS_STATE_DIR", dir.resolve("state").toString(),
                "REACTIONS_IDLE_TIMEOUT", "P3650D",
                "REACTIONS_BENCHMARK_WAIT", "P3650D",
                "REACTIONS_HTTP_PORT", "0",
                "REACTIONS_SERVE_END_MARKERS", "true");
        try (ServiceProcess service = ServiceProcess.start(
                env,
                dir.resolve("service.log"),
                "--client-config",
                clientConfig().toString())) {
            List<MarketReaction> all = EndMarkers.readUntilEnded(
                    clients, topics.reactions, PARTITIONS, Duration.ofMinutes(3), service::checkAlive);
            List<NewsImpact> impacts = EndMarkers.readUntilEnded(
                    clients, topics.impact, PARTITIONS, Duration.ofMinutes(1), service::checkAlive);
            List<MarketReaction> finals = all.stream()
                    .filter(r -> r.getStatus() == ReactionStatus.FINAL)
                    .toList();
            ReferenceChecks.assertMatchesReference(
                    scenario.description() + ", serve on SASL_SSL with an authenticated registry",
                    scenario.reference().reactions(),
                    finals,
                    impacts);
            // and read back by librdkafka, each schema fetched by id
            List<String> read = python("finals", "secure.market-reactions", Integer.toString(finals.size()));
            assertEquals(
                    finals.stream().map(SecureStackIT::keyed).sorted().toList(),
                    read.stream().map(SecureStackIT::keyed).sorted().toList(),
                    "the FINALs as a Python consumer decodes them");
        }
        CliRun tail = CliRun.of(CliRun.concat(new String[] {"tail", "--final-only", "--max", "3"}, secured));
        assertOk(tail);
        assertTrue(tail.err().contains("subscribed to secure.market-reactions on "), tail.err());
        assertOk(CliRun.of(CliRun.concat(new String[] {"study"}, secured)));
    }

    @Test
    void aWrongPasswordAnUntrustedCertificateAndNoRegistryCredentialAreEachOneLine() throws Exception {
        String good = Files.readString(clientConfig());
        String password = stack.security().password();
        List<Broken> cases = List.of(
                new Broken(
                        "a wrong password",
                        good.replace("password=\"" + password + "\"", "password=\"wrong\""),
                        "SASL: check"),
                new Broken("no trust in the broker's CA", without(good, "ssl.truststore"), "TLS: does the trust store"),
                new Broken("no registry credential", without(good, "basic.auth"), "HTTP 401"),
                new Broken(
                        "no trust in the registry's CA",
                        without(good, "schema.registry.ssl.truststore"),
                        "TLS handshake failed"));
        for (Broken b : cases) {
            assertOneLine(b, "setup");
        }
        assertOneLine(cases.get(0), "tail", "--max", "1"); // refused in the consumer's poll, not in topic creation
    }

    private void assertOneLine(Broken b, String... command) throws Exception {
        Path file = Files.writeString(dir.resolve("broken.properties"), b.file());
        long t0 = System.nanoTime();
        CliRun run = CliRun.of(CliRun.concat(command, "--client-config", file.toString()));
        String err = run.err().strip();
        System.out.printf(
                "[secure] %s: exit %d after %d ms: %s%n",
                b.what(), run.code(), (System.nanoTime() - t0) / 1_000_000, err);
        assertEquals(ReactionsCli.USER_ERROR, run.code(), b.what() + ": " + err);
        List<String> ours = err.lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, ours.size(), b.what() + ", one line: " + err);
        assertTrue(ours.get(0).contains(b.named()), b.what() + " named: " + err);
        assertFalse(err.contains("\tat "), b.what() + ", no stack trace: " + err);
    }

    private record Broken(String what, String file, String named) {}

    private static String without(String properties, String keyPrefix) {
        return properties.lines().filter(l -> !l.startsWith(keyPrefix)).collect(Collectors.joining("\n"));
    }

    /** The FINAL's key and returns, as the Python client prints them: doubles compared exactly. */
    private static String keyed(MarketReaction r) {
        return r.getNewsId() + "|" + r.getTicker() + "|" + r.getHorizon() + " " + r.getRawReturn() + " "
                + r.getAbnormalReturn();
    }

    private static String keyed(String pythonLine) {
        try {
            com.fasterxml.jackson.databind.JsonNode j =
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(pythonLine);
            return j.get("newsId").asText() + "|" + j.get("ticker").asText() + "|"
                    + j.get("horizon").asText() + " "
                    + (j.get("rawReturn").isNull() ? null : j.get("rawReturn").asDouble()) + " "
                    + (j.get("abnormalReturn").isNull()
                            ? null
                            : j.get("abnormalReturn").asDouble());
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JSON line from the Python client: " + pythonLine, e);
        }
    }

    /**
     * Runs the Python client ({@code src/test/resources/interop/secure_client.py}) on the stack's client file and CA;
     * returns its output lines. Debian's python3-confluent-kafka and python3-avro must be installed ({@code .ci/run}
     * installs them).
     */
    private static List<String> python(String... args) throws Exception {
        Path script = Path.of("src/test/resources/interop/secure_client.py").toAbsolutePath();
        List<String> cmd = new java.util.ArrayList<>(List.of(
                "/usr/bin/python3",
                script.toString(),
                args[0],
                clientConfig().toString(),
                clientConfig().resolveSibling("ca.pem").toString()));
        cmd.addAll(List.of(args).subList(1, args.length));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // requests lets these override the CA its caller gives it (ssl.ca.location): the stack's CA must be the one
        pb.environment().keySet().removeAll(List.of("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"));
        Process p = pb.start();
        p.getOutputStream().close();
        java.util.concurrent.CompletableFuture<String> err =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertTrue(p.waitFor(4, TimeUnit.MINUTES), "the Python client did not finish");
        assertEquals(
                0,
                p.exitValue(),
                "the Python client failed (needs python3-confluent-kafka and python3-avro): " + err.get());
        return out.lines().toList();
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertOk(CliRun run) {
        assertEquals(0, run.code(), run.err());
    }
}
