package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.Topics;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.streams.differential.ScenarioFiles;
import com.marketreactions.streams.differential.SyntheticMarket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Catching up is a replay: {@code serve} started on topics that already hold a month of the long synthetic market
 * (news, trades and the end markers of the trades, all published before the service exists) writes the FINALs the
 * batch reference computes for a replay, field by field, flags included. Nothing orders the two inputs for it: the
 * news reaches the reacting tasks through the news-by-ticker topic a commit after it is read, while the trades
 * are read at once, days of event time ahead. Without the news input's progress in the task's time, the news
 * came out late (flagged {@code LATE_NEWS}) and stories read without the news before them.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES) // it took about a minute alone
class ServiceCatchUpIT extends ServiceScenario {

    private static final int PARTITIONS = 2;

    @Test
    void serveOnAFilledMonthWritesTheFinalsOfAReplay() throws Exception {
        SyntheticMarket.Scenario scenario =
                SyntheticMarket.generateLong(3, Integer.getInteger("reactions.catchup.days", 21));
        ScenarioFiles.Written files = ScenarioFiles.write(scenario, dir);
        Prepared p = prepare("catchup.", PARTITIONS, files.aliases(), files.news());
        Topics topics = p.topics();
        long ticks =
                p.publisher().publish(InputFormat.TICKS, files.ticks(), false).published();
        EndMarkers.publish(clients(), topics.ticks.name(), PARTITIONS);

        String appId = "catchup-service";
        try (ServiceProcess service = ServiceProcess.start(
                stack().bootstrapServers(),
                stack().registryUrl(),
                serviceEnv(appId, "catchup.", PARTITIONS, "state"),
                dir.resolve("service.log"))) {
            List<MarketReaction> finals = assertServiceMatches(
                    scenario.description() + ", serve catching up on " + PARTITIONS + " partitions",
                    scenario.reference().reactions(),
                    topics,
                    PARTITIONS,
                    Duration.ofMinutes(4),
                    service);
            System.out.printf(
                    "[catch-up] %s; %d ticks on the topic before the service started; %d FINALs%n",
                    scenario.description(), ticks, finals.size());
            String log = java.nio.file.Files.readString(dir.resolve("service.log"));
            assertTrue(log.contains("; live page at http://127.0.0.1:"), "serve names its live page:\n" + log);
        }
    }
}
