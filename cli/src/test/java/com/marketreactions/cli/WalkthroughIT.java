package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.Topics;
import com.marketreactions.schema.MarketReaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's "Try the service by hand", as a user types it: {@code serve} told to honour end markers, then
 * {@code produce} for the aliases, the news and the ticks of the sample, the last two with {@code --end-input}. The
 * service then finalizes every window, as the demo's replay does, and writes exactly the demo's 60 FINALs, flags
 * included; without the markers, the last news' P1D windows would wait for a day of market time.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // about a minute alone
class WalkthroughIT extends ServiceScenario {

    private static final int PARTITIONS = 2;

    @Test
    void servingTheSampleByHandEndsWithEveryReactionOfTheDemo() throws Exception {
        List<String> demo = referenceFinals(PARTITIONS, "walkthrough-replay");
        assertEquals(60, demo.size(), "the demo's reactions");

        String prefix = "byhand.";
        Path config = Files.writeString(
                dir.resolve("walkthrough.properties"),
                "topic.prefix=" + prefix + "\ntopic.partitions=" + PARTITIONS + "\n");
        String[] cluster = {
            "--bootstrap-servers", stack().bootstrapServers(),
            "--registry-url", stack().registryUrl(),
            "--config", config.toString()
        };
        Topics topics = Topics.create(prefix, clients().serdes());
        try (ServiceProcess service = ServiceProcess.start(
                stack().bootstrapServers(),
                stack().registryUrl(),
                serviceEnv("byhand-service", prefix, PARTITIONS, "state"),
                dir.resolve("service.log"))) {
            Replay.Inputs sample = sample();
            produce(cluster, "aliases", sample.aliases());
            String news = produce(cluster, "news", sample.news(), "--end-input");
            assertTrue(news.contains(prefix + "news: input ended"), news);
            produce(cluster, "ticks", sample.ticks(), "--end-input");

            List<MarketReaction> all = EndMarkers.readUntilEnded(
                    clients(), topics.reactions, PARTITIONS, Duration.ofMinutes(3), service::checkAlive);
            assertEquals(demo, finalsExactlyOnce(all));
        }
    }

    @Test
    void theAliasTableCannotBeEnded() throws Exception {
        CliRun run = CliRun.of(
                "produce",
                "aliases",
                "--file",
                sample().aliases().toString(),
                "--end-input",
                "--bootstrap-servers",
                stack().bootstrapServers(),
                "--registry-url",
                stack().registryUrl());
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("--end-input: the aliases are a table"), run.err());
    }

    private static String produce(String[] cluster, String kind, Path file, String... more) {
        String[] args = CliRun.concat(new String[] {"produce", kind, "--file", file.toString()}, more);
        CliRun run = CliRun.of(CliRun.concat(args, cluster));
        assertEquals(0, run.code(), "produce " + kind + ": " + run.err());
        return run.err();
    }
}
