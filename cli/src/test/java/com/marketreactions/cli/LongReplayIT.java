package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.stack.EmbeddedStack;
import com.marketreactions.streams.differential.ScenarioFiles;
import com.marketreactions.streams.differential.SyntheticMarket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long synthetic market ({@link SyntheticMarket#generateLong}: 60 trading days of seven stocks and SPY,
 * about 0.9 million ticks and 120 news) written as files and replayed through the real topology on the
 * embedded stack, on 1, 2 and 4 partitions, and on 4 partitions with the inputs published by a
 * librdkafka-style partitioner ({@link Crc32Partitioner}): every FINAL reaction must equal the batch
 * reference's field by field, every news impact must agree with those reactions, and a repeated replay must
 * write the same lines. System property {@code reactions.long.days} shortens the market for local runs. Each
 * replay has topics and an application id of its own, so the class runs on the test JVM's shared stack.
 */
@ExtendWith(StackExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES) // each test; the slowest took 60 s (two replays) in a full build
class LongReplayIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    static Path dir;

    private static EmbeddedStack stack;
    private static SyntheticMarket.Scenario scenario;
    private static Replay.Inputs inputs;
    private static Map<String, MarketReaction> expected;

    @BeforeAll
    static void writeTheMarket(EmbeddedStack shared) {
        stack = shared;
        long t = System.nanoTime();
        scenario = SyntheticMarket.generateLong(1, Integer.getInteger("reactions.long.days", 60));
        ScenarioFiles.Written files = ScenarioFiles.write(scenario, dir);
        inputs = new Replay.Inputs(files.news(), files.ticks(), files.aliases());
        expected = scenario.reference().reactions();
        System.out.printf(
                "[long-replay] %s; %d reference reactions; generated, written and computed in %.1f s%n",
                scenario.description(), expected.size(), (System.nanoTime() - t) / 1e9);
    }

    private static ClientConfigs clients() {
        return ClientConfigs.of(stack.bootstrapServers(), stack.registryUrl());
    }

    private static Replay.Result replay(ClientConfigs clients, int partitions, String runId) throws Exception {
        return ReferenceChecks.logged(
                "long-replay",
                runId,
                partitions,
                new Replay(clients, scenario.config(), partitions, RUN_TIMEOUT).run(inputs, runId));
    }

    @Test
    void onOnePartitionEveryFinalEqualsTheReference() throws Exception {
        assertMatchesReference("1 partition", replay(clients(), 1, "long-p1"));
    }

    @Test
    void onTwoPartitionsEveryFinalEqualsTheReferenceAndARepeatWritesTheSameLines() throws Exception {
        Replay.Result first = replay(clients(), 2, "long-p2-a");
        assertMatchesReference("2 partitions", first);
        Replay.Result second = replay(clients(), 2, "long-p2-b");
        ReferenceChecks.assertSameLines(first, second);
    }

    @Test
    void onFourPartitionsEveryFinalEqualsTheReference() throws Exception {
        assertMatchesReference("4 partitions", replay(clients(), 4, "long-p4"));
    }

    @Test
    void onFourPartitionsPublishedWithALibrdkafkaPartitionerEveryFinalEqualsTheReference() throws Exception {
        ClientConfigs crc = new ClientConfigs(
                stack.bootstrapServers(),
                stack.registryUrl(),
                Map.of("partitioner.class", Crc32Partitioner.class.getName()),
                Map.of());
        assertMatchesReference("4 partitions, CRC32-partitioned inputs", replay(crc, 4, "long-p4-crc32"));
    }

    private static void assertMatchesReference(String run, Replay.Result r) {
        ReferenceChecks.assertMatchesReference(scenario.description() + ", " + run, expected, r);
    }
}
