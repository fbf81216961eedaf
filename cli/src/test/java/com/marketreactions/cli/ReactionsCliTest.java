package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.SchemaRegistryClient;
import com.marketreactions.common.TopicRetention;
import com.marketreactions.streams.reaction.NormalModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReactionsCliTest {

    @TempDir
    Path dir;

    private record Run(int code, String err, String out) {}

    private static Run run(String... args) {
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        System.setOut(new PrintStream(out, true));
        try {
            return new Run(ReactionsCli.run(args), err.toString(), out.toString());
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }

    @Test
    void unknownFlagIsOneLineAndExitCodeTwo() {
        Run r = run("replay", "--news", "a", "--ticks", "b", "--out", "c", "--bogus");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--bogus"), r.err());
    }

    @Test
    void aMistypedOptionOrCommandSuggestsTheNearOne() {
        Run option = run("demo", "--reprot", "x.html");
        assertEquals(2, option.code());
        assertEquals(1, option.err().strip().lines().count(), option.err());
        assertTrue(option.err().contains("did you mean --report"), option.err());
        Run command = run("reply");
        assertEquals(2, command.code());
        assertTrue(command.err().contains("did you mean replay"), command.err());
    }

    @Test
    void aSpeedThatIsNotMaxOrPositiveIsOneLine() {
        Run r = run("produce", "ticks", "--file", "x.csv", "--speed", "0");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("'0' is not max or a positive number"), r.err());
    }

    @Test
    void aSymbolThatIsNoTickerIsOneLine() {
        Run r = run(
                "produce",
                "ticks",
                "--file",
                "x.jsonl",
                "--symbol",
                "bad sym",
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--registry-url",
                "http://127.0.0.1:1");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--symbol: 'bad sym' is not a ticker"), r.err());
    }

    @Test
    void aDemoWhoseLivePageHasNoPortSaysSoBeforeItStartsAnything() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path config = java.nio.file.Files.writeString(
                    dir.resolve("taken.properties"), "http.host=127.0.0.1\nhttp.port=" + taken.getLocalPort() + "\n");
            Run r = run("demo", "--dashboard", "--config", config.toString());
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("cannot serve HTTP on 127.0.0.1:" + taken.getLocalPort()), r.err());
            assertEquals("", r.out(), "nothing started, nothing shown");
        }
    }

    @Test
    void aStateDirectoryAnotherInstanceHoldsIsOneLineBeforeAnythingStarts() throws Exception {
        Path appDir = Files.createDirectories(dir.resolve("state").resolve("market-reactions"));
        try (java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(
                        appDir.resolve(".lock"),
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock held = lock.lock()) { // as a running Kafka Streams client holds it
            assertTrue(held.isValid());
            Run r = run(
                    "serve",
                    "--state-dir",
                    dir.resolve("state").toString(),
                    "--bootstrap-servers",
                    "127.0.0.1:" + deadPort(),
                    "--registry-url",
                    "http://127.0.0.1:1");
            assertEquals(2, r.code(), r.err());
            assertEquals(
                    "error: the state directory " + appDir.toAbsolutePath() + " is in use by another running instance"
                            + " of application market-reactions: stop that instance, or give this one a directory of"
                            + " its own (--state-dir DIR, or the setting state.dir)",
                    r.err().strip());
            assertEquals("", r.out(), "nothing announced");
        }
    }

    /** The commands that use a cluster, each with the arguments it needs besides the cluster's. */
    static java.util.stream.Stream<List<String>> clusterCommands() {
        String sample = Path.of(System.getProperty("reactions.sample.dir", "../data/sample"))
                .toAbsolutePath()
                .toString();
        return java.util.stream.Stream.of(
                List.of("tail"),
                List.of("study"),
                List.of("setup"),
                List.of("produce", "ticks", "--file", sample + "/ticks.csv"),
                List.of("serve", "--state-dir", "STATE"),
                List.of("replay", "--news", sample + "/news.jsonl", "--ticks", sample + "/ticks.csv", "--out", "OUT"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("clusterCommands")
    void aDeadBrokerIsOneLineWithinTheStatedTimeoutNamingWhatWasTried(List<String> command) throws Exception {
        int port = deadPort();
        Path config = Files.writeString(dir.resolve("fast.properties"), "connect.timeout=PT1S\n");
        List<String> args = new java.util.ArrayList<>(command.stream()
                .map(a -> a.replace("STATE", dir.resolve("state").toString())
                        .replace("OUT", dir.resolve("out.jsonl").toString()))
                .toList());
        args.addAll(List.of(
                "--config",
                config.toString(),
                "--bootstrap-servers",
                "127.0.0.1:" + port,
                "--registry-url",
                "http://127.0.0.1:" + port));
        long t0 = System.nanoTime();
        Run r = run(args.toArray(String[]::new));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(2, r.code(), r.err());
        assertEquals(
                "error: no answer from Kafka within 1 s (connect.timeout); tried 127.0.0.1:" + port
                        + " (connection refused): is the broker running? check --bootstrap-servers",
                r.err().strip());
        // the stated 1 s, and room for a loaded machine; the commands used to wait 30 to 60 s
        assertTrue(seconds < 10, command.get(0) + " took " + seconds + " s");
    }

    @Test
    void theDefaultConnectTimeoutIsTheOneTheMessageStates() throws Exception {
        int port = deadPort();
        long t0 = System.nanoTime();
        Run r = run("tail", "--bootstrap-servers", "127.0.0.1:" + port, "--registry-url", "http://127.0.0.1:1");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(2, r.code(), r.err());
        assertTrue(
                r.err()
                        .startsWith("error: no answer from Kafka within 5 s (connect.timeout); tried 127.0.0.1:" + port
                                + " (connection refused)"),
                r.err());
        assertTrue(seconds >= 4.5 && seconds < 20, "5 s stated, " + seconds + " s taken");
    }

    @Test
    void theConnectTimeoutIsAPositiveDuration() {
        assertEquals(
                java.time.Duration.ofSeconds(5), Settings.load(null, Map.of()).connectTimeout());
        for (String bad : List.of("5", "PT0S", "-PT1S")) {
            UserError e =
                    assertThrows(UserError.class, () -> Settings.load(null, Map.of("REACTIONS_CONNECT_TIMEOUT", bad)));
            assertTrue(e.getMessage().contains("connect.timeout = '" + bad + "'"), e.getMessage());
        }
    }

    /** A loopback port nothing listens on: bound by the system, then let go. */
    static int deadPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void missingInputFileIsOneLineNamingTheFile() {
        Run r = run(
                "replay",
                "--news",
                "nope.jsonl",
                "--ticks",
                "nope.csv",
                "--out",
                dir.resolve("o.jsonl").toString(),
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--registry-url",
                "http://127.0.0.1:1");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("nope.jsonl: no such file"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void aBrokerCountOutOfRangeIsOneLine() {
        Run r = run("stack", "--brokers", "0");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("the stack runs 1 to 9 brokers, not 0"), r.err());
    }

    @Test
    void commandsThatNeedAClusterSaySo() {
        Run r = run("tail");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("needs a cluster"), r.err());
    }

    @Test
    void configPrecedenceIsDefaultsThenFileThenEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("app.properties"), "grace=PT2M\nbenchmark=QQQ\n");
        Settings s = Settings.load(file, Map.of("REACTIONS_GRACE", "PT3M"));
        assertEquals("PT3M", s.get(Settings.GRACE));
        assertEquals("QQQ", s.reactionConfig().benchmark());
        assertEquals("PT5M", s.get(Settings.LATENESS));
    }

    @Test
    void badConfigValueNamesKeyValueAndOrigin() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.properties"), "grace=soon\n");
        UserError e = assertThrows(UserError.class, () -> Settings.load(file, Map.of()));
        assertTrue(
                e.getMessage().contains("grace = 'soon'") && e.getMessage().contains("bad.properties"), e.getMessage());
        UserError unknown = assertThrows(UserError.class, () -> Settings.load(null, Map.of("REACTIONS_GRAZE", "x")));
        assertTrue(unknown.getMessage().contains("graze"), unknown.getMessage());
    }

    @Test
    void theExchangeZoneIsNewYorkUnlessSetAndAZoneIdWhenSet() {
        assertEquals(
                java.time.ZoneId.of("America/New_York"),
                Settings.load(null, Map.of()).exchangeZone());
        assertEquals(
                java.time.ZoneId.of("Europe/London"),
                Settings.load(null, Map.of("REACTIONS_EXCHANGE_ZONE", "Europe/London"))
                        .exchangeZone());
        UserError e = assertThrows(
                UserError.class, () -> Settings.load(null, Map.of("REACTIONS_EXCHANGE_ZONE", "Wall Street")));
        assertTrue(e.getMessage().contains("exchange.zone = 'Wall Street'"), e.getMessage());
    }

    @Test
    void aWeakerProcessingGuaranteeIsRefusedUnlessTheUserSaysSo() {
        Settings plain = Settings.load(null, Map.of());
        plain.checkGuarantee(); // exactly-once by default
        Settings weaker = Settings.load(null, Map.of("REACTIONS_STREAMS_PROCESSING_GUARANTEE", "at_least_once"));
        UserError e = assertThrows(UserError.class, weaker::checkGuarantee);
        assertTrue(
                e.getMessage().contains("at_least_once") && e.getMessage().contains("serve.allow.weaker.guarantee"),
                e.getMessage());
        Settings meant = Settings.load(
                null,
                Map.of(
                        "REACTIONS_STREAMS_PROCESSING_GUARANTEE",
                        "at_least_once",
                        "REACTIONS_SERVE_ALLOW_WEAKER_GUARANTEE",
                        "true"));
        meant.checkGuarantee();
    }

    @Test
    void theModelIsTheMarketModelUnlessSetAndABadOneNamesTheKeyAndTheChoices() {
        assertEquals(
                NormalModel.MARKET,
                Settings.load(null, Map.of()).reactionConfig().model());
        assertEquals(
                NormalModel.CONSTANT_MEAN,
                Settings.load(null, Map.of("REACTIONS_REACTION_MODEL", "constant-mean"))
                        .reactionConfig()
                        .model());
        UserError e =
                assertThrows(UserError.class, () -> Settings.load(null, Map.of("REACTIONS_REACTION_MODEL", "capm")));
        assertEquals(
                "config reaction.model = 'capm' (from environment REACTIONS_REACTION_MODEL): expected market, "
                        + "market-adjusted or constant-mean",
                e.getMessage());
    }

    @Test
    void newsLimitsAreSettings() {
        Settings s = Settings.load(null, Map.of("REACTIONS_NEWS_MAX_TICKERS", "500"));
        assertEquals(500, s.reactionConfig().limits().tickers());
        assertEquals(20_000, s.reactionConfig().limits().summaryChars());
        UserError e = assertThrows(
                UserError.class,
                () -> Settings.load(null, Map.of("REACTIONS_NEWS_MAX_TAGS", "0"))
                        .reactionConfig());
        assertTrue(e.getMessage().contains("news.max.tags"), e.getMessage());
    }

    @Test
    void retentionIsASizeByDefaultAndEachBoundASetting() {
        assertEquals(
                new TopicRetention(10L << 30, -1), Settings.load(null, Map.of()).topicRetention());
        Settings s = Settings.load(
                null, Map.of("REACTIONS_TOPIC_RETENTION_BYTES", "-1", "REACTIONS_TOPIC_RETENTION_TIME", "P7D"));
        assertEquals(new TopicRetention(-1, 7 * 86_400_000L), s.topicRetention());
        for (Map.Entry<String, String> bad : List.of(
                Map.entry("REACTIONS_TOPIC_RETENTION_BYTES", "0"),
                Map.entry("REACTIONS_TOPIC_RETENTION_TIME", "a week"),
                Map.entry("REACTIONS_TOPIC_RETENTION_TIME", "-PT1S"))) {
            UserError e = assertThrows(UserError.class, () -> Settings.load(null, Map.ofEntries(bad)));
            assertTrue(e.getMessage().contains("'" + bad.getValue() + "'"), e.getMessage());
        }
    }

    @Test
    void setupSaysWhichSchemaItWritesAndWhetherALaterOneIsRegistered() {
        org.apache.avro.Schema schema = com.marketreactions.schema.StockTick.getClassSchema();
        assertEquals(
                "schema ticks-value id 7 (version 2, the latest)",
                SetupCommand.schemaLine(
                        "ticks-value",
                        7,
                        Optional.of(new SchemaRegistryClient.Registered("ticks-value", 7, 2, schema))));
        assertEquals(
                "schema ticks-value id 7; the subject's latest is version 3, id 9, a later schema than this release "
                        + "writes",
                SetupCommand.schemaLine(
                        "ticks-value",
                        7,
                        Optional.of(new SchemaRegistryClient.Registered("ticks-value", 9, 3, schema))));
        assertEquals("schema ticks-value id 7", SetupCommand.schemaLine("ticks-value", 7, Optional.empty()));
    }
}
