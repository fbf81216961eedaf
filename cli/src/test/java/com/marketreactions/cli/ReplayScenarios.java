package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.RecordJson;
import com.marketreactions.schema.Direction;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.streams.ReactionConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files through the real topology on a real broker and registry: the embedded stack ({@link ReplayIT}) or
 * containers where Docker runs ({@link ReplayContainersIT}).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // each test; the slowest took 28 s in a full build
abstract class ReplayScenarios {

    @TempDir
    Path dir;

    /** The cluster under test. */
    abstract ClientConfigs clients();

    private Replay replay(int partitions) {
        return new Replay(clients(), ReactionConfig.defaults(), partitions, Duration.ofMinutes(3));
    }

    private Path write(String name, String... lines) throws Exception {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    /** News at 15:00 on AMZN (explicit) and, through the alias table, Microsoft. */
    private Replay.Inputs handMadeInputs() throws Exception {
        Path news = write(
                "news.jsonl",
                "{\"id\":\"n1\",\"publishedAt\":\"2025-11-03T15:00:00Z\",\"source\":\"desk\","
                        + "\"headline\":\"AWS signs a large deal; Microsoft shares dip\",\"tickers\":[\"AMZN\"]}");
        Path ticks = write(
                "ticks.csv",
                "symbol,ts,price,size",
                "SPY,2025-11-03T14:59:00Z,500.00,100",
                "AMZN,2025-11-03T14:59:30Z,100.00,10",
                "MSFT,2025-11-03T14:59:40Z,400.00,10",
                "AMZN,2025-11-03T15:01:00Z,101.00,20",
                "SPY,2025-11-03T15:02:00Z,505.00,100",
                "AMZN,2025-11-03T15:03:00Z,103.00,30",
                "MSFT,2025-11-03T15:04:00Z,396.00,10",
                "AMZN,2025-11-03T15:20:00Z,99.00,40",
                "SPY,2025-11-03T15:25:00Z,510.00,100");
        Path aliases = write("aliases.csv", "alias,ticker", "Microsoft,MSFT", "AWS,AMZN");
        return new Replay.Inputs(news, ticks, aliases);
    }

    @Test
    void replayEmitsOneFinalPerTickerAndHorizonWithTheSpecNumbers() throws Exception {
        List<MarketReaction> out = replay(2).run(handMadeInputs(), "hand").finals();
        Map<String, MarketReaction> by =
                out.stream().collect(Collectors.toMap(r -> r.getTicker() + " " + r.getHorizon(), r -> r));
        assertEquals(8, out.size(), by.keySet().toString());
        assertTrue(out.stream().allMatch(r -> r.getStatus() == ReactionStatus.FINAL));

        MarketReaction amzn5 = by.get("AMZN PT5M");
        assertEquals(100.0, amzn5.getBaselinePrice());
        assertEquals(103.0, amzn5.getEndPrice());
        assertEquals(0.03, amzn5.getRawReturn(), 1e-12);
        assertEquals(2, amzn5.getTickCount());
        assertEquals(50, amzn5.getVolume());
        assertEquals(Direction.UP, amzn5.getDirection());
        assertEquals(0.01, amzn5.getBenchmarkReturn(), 1e-12);

        MarketReaction amzn30 = by.get("AMZN PT30M");
        assertEquals(-0.01, amzn30.getRawReturn(), 1e-12);
        assertEquals(0.02, by.get("AMZN PT1H").getBenchmarkReturn(), 1e-12);

        MarketReaction msft = by.get("MSFT PT5M");
        assertEquals(-0.01, msft.getRawReturn(), 1e-12);
        assertEquals(List.of("AMZN", "MSFT"), msft.getNewsTickers());
        // one trade of history, and the data (SPY's last trade at 15:25) ends a day before the window does
        assertEquals(
                List.of("SHORT_ESTIMATION", "FEW_VOLUME_MINUTES", "INPUT_ENDED_EARLY"),
                by.get("MSFT P1D").getFlags());
        assertEquals(List.of("SHORT_ESTIMATION", "FEW_VOLUME_MINUTES"), msft.getFlags(), "PT5M ends before 15:25");
    }

    @Test
    void sameInputGivesTheSameLinesRunAfterRun() throws Exception {
        Replay.Inputs in = handMadeInputs();
        List<String> first = replay(2).run(in, "det-a").finals().stream()
                .map(RecordJson::toJson)
                .toList();
        List<String> second = replay(3).run(in, "det-b").finals().stream()
                .map(RecordJson::toJson)
                .toList();
        assertEquals(8, first.size());
        assertEquals(first, second);
    }

    @Test
    void malformedTickFileIsReportedByLineAndNothingIsPublished() throws Exception {
        Replay.Inputs good = handMadeInputs();
        Path ticks = write(
                "bad-ticks.csv",
                "symbol,ts,price,size",
                "AMZN,2025-11-03T14:59:30Z,100.00,10",
                "AMZN,yesterday,101.00,20",
                "AMZN,2025-11-03T15:03:00Z,-3,30");
        UserError e = assertThrows(
                UserError.class, () -> replay(1).run(new Replay.Inputs(good.news(), ticks, good.aliases()), "bad"));
        assertTrue(e.getMessage().contains("bad-ticks.csv:3:"), e.getMessage());
        assertTrue(e.getMessage().contains("bad-ticks.csv:4:"), e.getMessage());
        try (Admin admin = Admin.create(clients().common())) {
            Set<String> topics = admin.listTopics().names().get();
            for (String t : List.of("replay-bad.news", "replay-bad.ticks", "replay-bad.ticker-aliases")) {
                if (topics.contains(t)) {
                    long end = admin.listOffsets(Map.of(new TopicPartition(t, 0), OffsetSpec.latest()))
                            .all()
                            .get()
                            .get(new TopicPartition(t, 0))
                            .offset();
                    assertEquals(0, end, "nothing published to " + t);
                }
            }
        }
    }

    @Test
    void sampleReplayShowsAmazonUpAndMicrosoftFlatOverOneDay() throws Exception {
        Path sample = Path.of(System.getProperty("reactions.sample.dir", "../data/sample"));
        List<MarketReaction> out =
                replay(2).run(SampleFiles.inputs(sample), "sample").finals();
        MarketReaction amzn = out.stream()
                .filter(r -> r.getTicker().equals("AMZN") && r.getHorizon().equals("P1D"))
                .min(java.util.Comparator.comparing(MarketReaction::getEventTime))
                .orElseThrow();
        assertTrue(amzn.getRawReturn() > 0.03 && amzn.getRawReturn() < 0.055, "AMZN P1D " + amzn.getRawReturn());
        assertEquals(Direction.UP, amzn.getDirection());
        MarketReaction msft = out.stream()
                .filter(r -> r.getTicker().equals("MSFT") && r.getHorizon().equals("P1D"))
                .min(java.util.Comparator.comparing(MarketReaction::getEventTime))
                .orElseThrow();
        assertTrue(Math.abs(msft.getRawReturn()) < 0.01, "MSFT P1D " + msft.getRawReturn());
        assertNull(out.stream()
                .filter(r -> r.getStatus() != ReactionStatus.FINAL)
                .findAny()
                .orElse(null));
    }

    @Test
    void theSamplesFiveReportsAreOneAmazonStoryWithTheWireFirstAndItsImpactFromTheFirstT0() throws Exception {
        Path sample = Path.of(System.getProperty("reactions.sample.dir", "../data/sample"));
        Replay.Result r = replay(2).run(SampleFiles.inputs(sample), "stories");
        List<MarketReaction> amzn =
                r.finals().stream().filter(m -> m.getTicker().equals("AMZN")).toList();
        assertEquals(20, amzn.size(), "five reports, four horizons");
        for (MarketReaction m : amzn) {
            assertEquals("aws-openai-wire", m.getStoryId(), m.getNewsId() + " " + m.getHorizon());
            assertEquals(!m.getNewsId().equals("aws-openai-wire"), m.getRepeat(), m.getNewsId());
            assertNotNull(m.getNovelty());
        }
        MarketReaction dayAfter = amzn.stream()
                .filter(m -> m.getNewsId().equals("aws-openai-day-after"))
                .findFirst()
                .orElseThrow();
        // similar needs two words in common (docs/stories.md): of the day before's reports only the analysts' note
        // (OpenAI, "gives"); the blog and the chip letter share only OpenAI with the briefing
        assertEquals(1, dayAfter.getNovelty().getH24(), "the analysts' note of the day before, within 24 hours");
        assertEquals(2, dayAfter.getNovelty().getD3(), "and the wire, 26 hours before");
        // Oracle is first named by the markets blog: its story about ORCL starts there; the briefing, one word in
        // common with it, starts another
        assertTrue(r.finals().stream()
                .filter(m -> m.getTicker().equals("ORCL"))
                .allMatch(m -> m.getStoryId().equals(m.getNewsId())));
        // the story's move is its first report's impact, measured from the first T0; the repeats point at it
        com.marketreactions.schema.NewsImpact wire = r.impacts().stream()
                .filter(i -> i.getNewsId().equals("aws-openai-wire")
                        && i.getHorizon().equals("P1D"))
                .findFirst()
                .orElseThrow();
        com.marketreactions.schema.TickerImpact wireAmzn = wire.getTickers().stream()
                .filter(t -> t.getTicker().equals("AMZN"))
                .findFirst()
                .orElseThrow();
        assertEquals(Boolean.FALSE, wireAmzn.getRepeat());
        assertTrue(wireAmzn.getRawReturn() > 0.03, "AMZN moved on the first report: " + wireAmzn.getRawReturn());
        assertTrue(r.impacts().stream()
                .filter(i -> !i.getNewsId().equals("aws-openai-wire"))
                .flatMap(i -> i.getTickers().stream())
                .filter(t -> t.getTicker().equals("AMZN"))
                .allMatch(t -> t.getRepeat() && t.getStoryId().equals("aws-openai-wire")));
    }

    @Test
    void theSampleReplayWritesAnEventStudyEqualToABatchOverItsOwnFinals(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path sample = Path.of(System.getProperty("reactions.sample.dir", "../data/sample"));
        Replay.Result r = replay(2).run(SampleFiles.inputs(sample), "study");
        Map<String, com.marketreactions.schema.EventStudy> expected =
                com.marketreactions.streams.differential.ReferenceStudy.all(r.finals());
        assertEquals(expected.size(), r.studies().size(), "one study per group and horizon");
        for (com.marketreactions.schema.EventStudy s : r.studies()) {
            com.marketreactions.streams.differential.ReferenceStudy.assertClose(
                    expected.get(s.getGroup() + "|" + s.getHorizon()), s, s.getGroup() + " " + s.getHorizon());
        }
        com.marketreactions.schema.EventStudy all = r.studies().stream()
                .filter(s -> s.getGroup().equals("all") && s.getHorizon().equals("P1D"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                all.getN() > 10 && all.getExcluded() > 0,
                "with a model: " + all.getN() + ", left out: " + all.getExcluded()
                        + " (the benchmark's own and the tickers without ticks)");
        assertEquals(390 + 34 + 1, all.getPathAt().size(), "every minute to 390, then every 30 to 1410, then the end");
        Path file = dir.resolve("study.jsonl");
        ReplayCommand.write(r.studies(), file);
        List<String> lines = java.nio.file.Files.readAllLines(file);
        assertEquals(r.studies().size(), lines.size());
        assertTrue(lines.get(0).startsWith("{\"group\":") && lines.get(0).contains("\"caarPath\":"), lines.get(0));
    }

    @Test
    void serveWithStreamsSettingsKafkaStreamsRefusesIsOneLineNamingThem(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path config = Files.writeString(
                dir.resolve("bad-streams.properties"),
                "topic.prefix=bad-streams.\nhttp.port=0\nstate.dir=" + dir.resolve("state") + "\n"
                        + "streams.commit.interval.ms=540000\n"); // above Streams' transaction timeout of 10 s
        ClientConfigs c = clients();
        CliRun run = CliRun.of(
                "serve",
                "--bootstrap-servers",
                c.bootstrapServers(),
                "--registry-url",
                c.registryUrl(),
                "--config",
                config.toString());
        assertEquals(2, run.code(), run.err());
        assertEquals(
                1,
                run.err()
                        .lines()
                        .filter(l -> l.startsWith("error: invalid Kafka Streams settings: "
                                + "Transaction timeout 10000 was set lower than streams commit interval 540000"))
                        .count(),
                run.err());
        assertTrue(
                run.err().lines().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")),
                "no stack trace: " + run.err());
    }

    /**
     * A replay of history writes one FINAL per key and no PROVISIONAL: every window closed in real time long ago
     * (PROVISIONALs come only while a window is open on the wall clock; ReactionTopologyTest pins their pacing).
     */
    @Test
    void aReplayOfHistoryWritesOneFinalPerKeyNoProvisionalAndEveryNewsItsImpact() throws Exception {
        Replay.Result r = replay(2).run(handMadeInputs(), "updates");
        Map<String, List<MarketReaction>> byKey = new java.util.LinkedHashMap<>();
        r.reactions()
                .forEach(m -> byKey.computeIfAbsent(
                                m.getTicker() + " " + m.getHorizon(), k -> new java.util.ArrayList<>())
                        .add(m));
        assertEquals(8, byKey.size());
        for (Map.Entry<String, List<MarketReaction>> e : byKey.entrySet()) {
            assertEquals(
                    List.of(ReactionStatus.FINAL),
                    e.getValue().stream().map(MarketReaction::getStatus).toList(),
                    e.getKey());
        }
        assertEquals(4, r.impacts().size(), "one impact per horizon of the one news event");
        com.marketreactions.schema.NewsImpact i5 = r.impacts().get(0);
        assertEquals("PT5M", i5.getHorizon());
        assertEquals(
                List.of("AMZN", "MSFT"),
                i5.getTickers().stream().map(t -> t.getTicker()).toList());
        assertEquals("AMZN", i5.getMostAffected(), "+3% against -1%, no model: by |rawReturn|");
    }

    @Test
    void newsLaterThanTheLatenessBoundIsComputedAtOnceAndFlagged() throws Exception {
        ClientConfigs clients = clients();
        com.marketreactions.common.Topics topics = com.marketreactions.common.Topics.create("late.", clients.serdes());
        com.marketreactions.common.TopicAdmin.ensureTopics(clients, topics, 1);
        com.marketreactions.producers.files.FilePublisher publisher =
                com.marketreactions.producers.files.FilePublisher.create(clients, topics);
        Replay.Inputs in = handMadeInputs();
        java.nio.file.Path stateDir = java.nio.file.Files.createTempDirectory("late-state");
        ReactionConfig config =
                ReactionConfig.defaults().withIdleTimeout(Duration.ofDays(1)).withEndMarkers(true);
        try (com.marketreactions.streams.app.ReactionApp app = new com.marketreactions.streams.app.ReactionApp(
                config,
                topics,
                com.marketreactions.streams.app.ReactionApp.properties(clients, "late-news", stateDir, Map.of()))) {
            app.start();
            // ticks up to 15:25 first: stream time passes the 15:00 news by 25 minutes, beyond L = 5 minutes
            var ticks = publisher.publish(com.marketreactions.producers.files.InputFormat.TICKS, in.ticks(), false);
            EndMarkers.awaitConsumed(
                    clients,
                    "late-news",
                    topics.ticks.name(),
                    ticks.lastOffsets(),
                    Duration.ofMinutes(2),
                    () -> Replay.failIfStopped(app));
            // late means behind the news before it too: a wire item naming no ticker, current with the ticks,
            // has moved the news input on to 15:25 before the 15:00 news arrives
            Path wire = write(
                    "wire.jsonl",
                    "{\"id\":\"wire\",\"publishedAt\":\"2025-11-03T15:25:00Z\",\"source\":\"wire\","
                            + "\"headline\":\"Stocks end the session mixed\",\"tickers\":[]}");
            publisher.publish(com.marketreactions.producers.files.InputFormat.NEWS, wire, false);
            var news = publisher.publish(com.marketreactions.producers.files.InputFormat.NEWS, in.news(), false);
            EndMarkers.awaitConsumed(
                    clients,
                    "late-news",
                    topics.news.name(),
                    news.lastOffsets(),
                    Duration.ofMinutes(2),
                    () -> Replay.failIfStopped(app));
            EndMarkers.publish(clients, topics.ticks.name(), 1);
            List<MarketReaction> out =
                    EndMarkers.readUntilEnded(clients, topics.reactions, 1, Duration.ofMinutes(2), () -> {});
            MarketReaction amzn5 = out.stream()
                    .filter(r -> r.getTicker().equals("AMZN")
                            && r.getHorizon().equals("PT5M")
                            && r.getStatus() == ReactionStatus.FINAL)
                    .findFirst()
                    .orElseThrow();
            assertTrue(amzn5.getFlags().contains("LATE_NEWS"), amzn5.getFlags().toString());
            assertEquals(0.03, amzn5.getRawReturn(), 1e-12, "still computed exactly from the retained history");
        } finally {
            Replay.deleteRecursively(stateDir);
        }
    }

    @Test
    void vendorFilesReplayIntoTheSameReactionsAsTheNativeOnes() throws Exception {
        Replay.Inputs in = SampleFiles.inputs(Path.of(System.getProperty("reactions.sample.dir", "../data/sample")));
        Path massive = dir.resolve("2025-11-03.csv.gz");
        VendorFiles.massiveTrades(in.ticks(), massive);
        Path news = dir.resolve("polygon-news.jsonl");
        VendorFiles.massiveNews(in.news(), news);
        Replay.Result mine = replay(2).run(in, "native-for-vendor");
        Replay.Result theirs = replay(2).run(new Replay.Inputs(news, massive, in.aliases()), "vendor");
        assertEquals(mine.ticksPublished(), theirs.ticksPublished(), "every trade of the native file, no more");
        assertTrue(
                theirs.ticksLeftOut().contains("condition 2 (average price)")
                        && theirs.ticksLeftOut().contains("correction 8"),
                theirs.ticksLeftOut());
        assertEquals(
                withoutSentiment(mine.finals()),
                withoutSentiment(theirs.finals()),
                "the Massive files give the native files' reactions (sentiment aside: the vendor news has none)");
    }

    private static List<String> withoutSentiment(List<MarketReaction> rs) {
        return rs.stream()
                .map(r -> MarketReaction.newBuilder(r).setSentiment(null).build())
                .map(RecordJson::toJson)
                .toList();
    }

    @Test
    void aRecordTheBrokerRefusesNamesItsLineAndTheRestResumesWithNothingTwice() throws Exception {
        int lines = 120_000;
        java.util.List<String> csv = new java.util.ArrayList<>(lines + 1);
        csv.add("symbol,ts,price,size");
        long t0 = java.time.Instant.parse("2025-11-03T14:30:00Z").toEpochMilli();
        for (int i = 1; i <= lines; i++) {
            csv.add("AMZN," + (t0 + i) + ",254.00," + i);
        }
        int bad = 110_000; // line bad + 1 of the file (after the header): two days ahead, past the broker's one hour
        String good = csv.get(bad);
        csv.set(
                bad,
                "AMZN,"
                        + (System.currentTimeMillis()
                                + java.time.Duration.ofDays(2).toMillis()) + ",254.00," + bad);
        Path file = Files.write(dir.resolve("resume-ticks.csv"), csv);
        ClientConfigs c = clients();
        String[] cluster = cluster("resume", "resume.");
        // --max-ahead lets the line past this side's check, so that the broker is the one to refuse it
        CliRun run = CliRun.of(CliRun.concat(
                new String[] {"produce", "ticks", "--file", file.toString(), "--max-ahead", "P10D"}, cluster));
        String message = run.err();
        assertEquals(1, run.code(), message);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        java.util.regex.Pattern.quote(file.toString())
                                + ":" + (bad + 1)
                                + ": cannot publish to topic resume\\.ticks: .*\\((\\d+) records published; nothing "
                                + "from line (\\d+) on was published \\(its transaction was aborted\\): resume with --from-line \\2\\)")
                .matcher(message);
        assertTrue(m.find(), message);
        long published = Long.parseLong(m.group(1));
        long resume = Long.parseLong(m.group(2));
        assertEquals(resume - 2, published, "every line before the resume line (and the header) was published");
        assertTrue(resume <= bad + 1, "the resume line is at or before the refused one");
        assertEquals(
                published, sizes(c, "resume.ticks", published).size(), "exactly those are visible to read_committed");

        csv.set(bad, good); // the user fixes the line and resumes where the message says
        Files.write(file, csv);
        assertEquals(
                0,
                ReactionsCli.run(CliRun.concat(
                        new String[] {
                            "produce", "ticks", "--file", file.toString(), "--from-line", Long.toString(resume)
                        },
                        cluster)));
        List<Long> seen = sizes(c, "resume.ticks", lines);
        assertEquals(lines, seen.size(), "every line once");
        assertEquals(lines, new java.util.HashSet<>(seen).size(), "none twice");
    }

    /** The size field of every tick on the topic, read_committed: the line number in this test's file. */
    private static List<Long> sizes(ClientConfigs c, String topic, long atLeast) {
        org.apache.kafka.common.serialization.Deserializer<com.marketreactions.schema.StockTick> ticks =
                com.marketreactions.common.Topics.create("resume.", c.serdes())
                        .ticks
                        .valueSerde()
                        .deserializer();
        return TopicRead.all(
                c,
                topic,
                atLeast,
                r -> Math.round(ticks.deserialize(topic, r.value()).getSize()));
    }

    @Test
    void aPublishEndsWithOneLineSayingWhatWasPublishedSkippedAndLeftOut() throws Exception {
        ClientConfigs c = clients();
        String[] cluster = cluster("summary", "produce-summary.");
        List<String> lines = new java.util.ArrayList<>(List.of("symbol,ts,price,size"));
        for (int i = 0; i < 100; i++) {
            lines.add(String.format(java.util.Locale.ROOT, "AMZN,2025-11-03T15:%02d:%02dZ,254.00,1", i / 60, i % 60));
        }
        Path plain = Files.write(dir.resolve("plain.csv"), lines);
        Path massive = dir.resolve("massive.csv.gz");
        VendorFiles.massiveTrades(plain, massive); // a cancelled and an average-price print after the 50th and 100th

        CliRun vendor =
                CliRun.of(CliRun.concat(new String[] {"produce", "ticks", "--file", massive.toString()}, cluster));
        assertEquals(0, vendor.code(), vendor.err());
        // the last line and the only one of its kind (the embedded broker of this JVM logs to the same stderr)
        assertTrue(
                lastLine(vendor.err())
                        .matches("100 records published to produce-summary\\.ticks in \\d+\\.\\d s; 4 lines left out by"
                                + " the format's rules \\(.+\\)"),
                vendor.err());
        assertEquals(
                1, vendor.err().lines().filter(l -> l.contains("published")).count(), vendor.err());

        lines.add(3, "AMZN,not a time,254.00,1");
        Path bad = Files.write(dir.resolve("bad.csv"), lines);
        CliRun skipping = CliRun.of(
                CliRun.concat(new String[] {"produce", "ticks", "--file", bad.toString(), "--skip-bad"}, cluster));
        assertEquals(0, skipping.code(), skipping.err());
        List<String> ours = skipping.err()
                .lines()
                .filter(l -> l.startsWith(bad.toString()) || l.contains("published"))
                .toList();
        assertEquals(2, ours.size(), skipping.err());
        assertTrue(ours.get(0).startsWith(bad + ":4: "), "the bad line, then the summary: " + ours);
        assertEquals(ours.get(1), lastLine(skipping.err()));
        assertTrue(
                ours.get(1)
                        .matches(
                                "100 records published to produce-summary\\.ticks in \\d+\\.\\d s; 1 bad line skipped"),
                ours.get(1));
    }

    /** The flags that point a command at the stack, with its topics under {@code prefix} (a config file {@code name}). */
    private String[] cluster(String name, String prefix) throws java.io.IOException {
        ClientConfigs c = clients();
        Path config = Files.writeString(dir.resolve(name + ".properties"), "topic.prefix=" + prefix + "\n");
        return new String[] {
            "--bootstrap-servers",
            c.bootstrapServers(),
            "--registry-url",
            c.registryUrl(),
            "--config",
            config.toString()
        };
    }

    private static String lastLine(String printed) {
        List<String> lines = printed.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void vendorTimestampUnitsPublishTheirTimesAndAWrongUnitIsOneLineNamingTheLine() throws Exception {
        ClientConfigs c = clients();
        String[] cluster = cluster("units", "units.");
        Path seconds = write("seconds.csv", "AMZN,1762180260,254.00,1", "AMZN,1762180261,254.00,2");
        Path nanos = write("nanos.csv", "AMZN,1762180380123456789,254.00,3");
        assertEquals(
                0,
                ReactionsCli.run(
                        CliRun.concat(new String[] {"produce", "ticks", "--file", seconds.toString()}, cluster)));
        assertEquals(
                0,
                ReactionsCli.run(
                        CliRun.concat(new String[] {"produce", "ticks", "--file", nanos.toString()}, cluster)));
        List<Long> times = TopicRead.all(c, "units.ticks", 3, r -> r.timestamp());
        assertEquals(
                List.of(1762180260000L, 1762180261000L, 1762180380123L),
                times.stream().sorted().toList(),
                "epoch seconds and nanoseconds told apart by magnitude, as record timestamps");

        CliRun run = CliRun.of(CliRun.concat(
                new String[] {"produce", "ticks", "--file", seconds.toString(), "--ts-unit", "ms"}, cluster));
        String message = run.err();
        assertEquals(2, run.code(), message);
        assertTrue(
                message.contains(seconds + ":1: ts 1762180260 as epoch milliseconds is 1970-01-21T09:29:40.260Z, "
                        + "before 1980-01-01T00:00:00Z; looks like epoch seconds: 2025-11-03T14:31:00Z (--ts-unit s)"),
                message);
        assertEquals(3, TopicRead.all(c, "units.ticks", 3, r -> r.timestamp()).size(), "nothing more published");
    }

    @Test
    void setupBoundsTheTopicsThatOnlyGrowAndAReplayKeepsItsOwn() throws Exception {
        ClientConfigs c = clients();
        String[] cluster = {"--bootstrap-servers", c.bootstrapServers(), "--registry-url", c.registryUrl()};
        Path bounded = Files.writeString(
                dir.resolve("bounded.properties"), "topic.prefix=bounded.\ntopic.retention.time=P7D\n");
        CliRun run = CliRun.of(CliRun.concat(new String[] {"setup", "--config", bounded.toString()}, cluster));
        assertEquals(0, run.code(), run.err());
        Map<String, Map<String, String>> configs =
                topicConfigs(c, "bounded.news", "bounded.ticks", "bounded.dead-letters", "bounded.market-reactions");
        for (String growing : List.of("bounded.news", "bounded.ticks", "bounded.dead-letters")) {
            assertEquals(
                    Map.of("retention.bytes", "10737418240", "retention.ms", "604800000", "cleanup.policy", "delete"),
                    configs.get(growing),
                    growing);
        }
        assertEquals("compact", configs.get("bounded.market-reactions").get("cleanup.policy"));

        Replay.Result kept = replay(1).withTopicPrefix("kept.").run(handMadeInputs(), "kept");
        assertEquals(
                Map.of("retention.bytes", "-1", "retention.ms", "-1", "cleanup.policy", "delete"),
                topicConfigs(c, kept.topics().ticks.name())
                        .get(kept.topics().ticks.name()),
                "a replay's own topics keep everything");

        // a service pointed at topics that keep everything (as earlier versions created them) says so
        Path unbounded = Files.writeString(dir.resolve("unbounded.properties"), "topic.prefix=kept.\n");
        run = CliRun.of(CliRun.concat(new String[] {"setup", "--config", unbounded.toString()}, cluster));
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("topic kept.ticks keeps every record"), run.err());
        assertEquals(
                "-1",
                topicConfigs(c, "kept.ticks").get("kept.ticks").get("retention.bytes"),
                "an existing topic keeps its retention");
    }

    /** The retention and cleanup policy of each topic as the broker reports them. */
    private static Map<String, Map<String, String>> topicConfigs(ClientConfigs c, String... topics) throws Exception {
        List<String> keys = List.of("retention.bytes", "retention.ms", "cleanup.policy");
        try (Admin admin = Admin.create(c.common())) {
            Map<String, Map<String, String>> out = new java.util.TreeMap<>();
            admin.describeConfigs(java.util.Arrays.stream(topics)
                            .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                            .toList())
                    .all()
                    .get()
                    .forEach((r, config) -> out.put(
                            r.name(),
                            keys.stream()
                                    .collect(Collectors.toMap(
                                            k -> k, k -> config.get(k).value()))));
            return out;
        }
    }

    @Test
    void aReplayIntoNamedTopicsKeepsThemWithTheirReactions() throws Exception {
        Replay.Inputs in = handMadeInputs();
        Replay.Result r = replay(1).withTopicPrefix("named.").run(in, "named");
        assertEquals("named.market-reactions", r.topics().reactions.name());
        try (Admin admin = Admin.create(clients().common())) {
            assertTrue(admin.listTopics()
                    .names()
                    .get()
                    .containsAll(List.of("named.news", "named.ticks", "named.market-reactions", "named.news-impact")));
        }
        assertEquals(
                r.finals().size(),
                r.reactions().stream()
                        .filter(m -> m.getStatus() == ReactionStatus.FINAL)
                        .count());

        // the command on a cluster it does not own says where its topics are and what they hold
        ClientConfigs c = clients();
        CliRun run = CliRun.of(
                "replay",
                "--news",
                in.news().toString(),
                "--ticks",
                in.ticks().toString(),
                "--aliases",
                in.aliases().toString(),
                "--out",
                dir.resolve("named.jsonl").toString(),
                "--topic-prefix",
                "named-cli.",
                "--bootstrap-servers",
                c.bootstrapServers(),
                "--registry-url",
                c.registryUrl());
        String printed = run.err();
        assertEquals(0, run.code(), printed);
        assertTrue(
                printed.contains("named-cli.market-reactions  reactions out, key newsId|ticker|horizon, MarketReaction"
                        + " (Avro, subject named-cli.market-reactions-value)"),
                printed);
        assertEquals(
                r.finals().size(),
                Files.readAllLines(dir.resolve("named.jsonl")).size());
        UserError again = assertThrows(
                UserError.class, () -> replay(1).withTopicPrefix("named.").run(in, "again"));
        assertTrue(again.getMessage().startsWith("topic named.news already holds"), again.getMessage());
    }

    @Test
    void everySubjectHasOneSelfContainedVersionThatAPlainAvroReaderDecodes() throws Exception {
        Replay.Result r = replay(1).run(handMadeInputs(), "plain-reader");
        ClientConfigs c = clients();
        String ccompat = com.marketreactions.common.RegistrySerdes.stripSlash(c.registryUrl())
                + com.marketreactions.common.RegistrySerdes.CCOMPAT_API;
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String subject : com.marketreactions.common.SchemaRegistration.subjects(r.topics())
                .keySet()) {
            String versions = http.send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(ccompat + "/subjects/" + subject + "/versions"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
            assertEquals("[1]", versions, subject + ": the registered schema is the one on the wire, no second form");
        }
        // a consumer in another language: the schema by the record's id, parsed by a reader that resolves no references
        String topic = r.topics().reactions.name();
        Map<Integer, org.apache.avro.Schema> schemas = new java.util.HashMap<>();
        Set<String> decoded = new java.util.HashSet<>();
        for (var rec : TopicRead.all(c, topic, 0, rec -> rec)) {
            if (rec.value() == null) {
                continue; // an end-of-input marker
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(rec.value());
            assertEquals(0, b.get(), "Confluent wire format: magic byte 0");
            org.apache.avro.Schema schema = schemas.computeIfAbsent(b.getInt(), id -> {
                try {
                    String body = http.send(
                                    java.net.http.HttpRequest.newBuilder(
                                                    java.net.URI.create(ccompat + "/schemas/ids/" + id))
                                            .build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString())
                            .body();
                    return new org.apache.avro.Schema.Parser()
                            .parse(json.readTree(body).path("schema").asText());
                } catch (Exception e) {
                    throw new AssertionError("schema " + id + " does not parse on its own: " + e.getMessage(), e);
                }
            });
            org.apache.avro.generic.GenericRecord g = new org.apache.avro.generic.GenericDatumReader<
                            org.apache.avro.generic.GenericRecord>(schema)
                    .read(
                            null,
                            org.apache.avro.io.DecoderFactory.get()
                                    .binaryDecoder(rec.value(), 5, rec.value().length - 5, null));
            assertTrue(
                    new String(rec.key(), java.nio.charset.StandardCharsets.UTF_8)
                            .startsWith(g.get("newsId") + "|" + g.get("ticker") + "|"),
                    g.toString());
            if (g.get("status").toString().equals("FINAL")) {
                decoded.add(g.get("newsId") + "|" + g.get("ticker") + "|" + g.get("horizon"));
            }
        }
        // the topic is compacted: superseded PROVISIONAL updates may be gone by now, every FINAL is there
        assertEquals(
                r.finals().stream()
                        .map(f -> f.getNewsId() + "|" + f.getTicker() + "|" + f.getHorizon())
                        .collect(Collectors.toSet()),
                decoded,
                "every FINAL decoded by the plain reader");
    }
}
