package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.common.Topics;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.streams.differential.BatchReference;
import com.marketreactions.streams.differential.ScenarioFiles;
import com.marketreactions.streams.differential.SyntheticMarket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancels and corrections in a live run: {@code serve} is running when two weeks of the long synthetic market's
 * trades arrive through the native file reader, a tenth of them with ids and one in 40 of those cancelled or
 * corrected 1-60 s after it, each after its trade. The FINALs are the batch
 * reference's, field by field, and the reference shows that withdrawals changed open windows: a service that
 * ignored them would differ.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES) // about 40 s alone
class ServiceAmendmentIT extends ServiceScenario {

    private static final int PARTITIONS = 2;

    @Test
    void cancelsAndCorrectionsArrivingWhileTheServiceRunsAreAppliedAsTheReferenceSays() throws Exception {
        SyntheticMarket.Scenario scenario = SyntheticMarket.generateLong(7, 10);
        BatchReference reference = scenario.reference();
        Map<String, MarketReaction> expected = reference.reactions();
        // (a cancel after a window of its trade closed is rare here; TopologyMatchesBatchReferenceTest has many)
        for (String k : List.of(
                "trade withdrawn while its window was open", "benchmark trade withdrawn while its window was open")) {
            assertTrue(
                    reference.coverage().getOrDefault(k, 0L) > 0,
                    "no reaction with " + k + ": " + reference.coverage());
        }
        ScenarioFiles.Written files = ScenarioFiles.write(scenario, dir);
        Prepared p = prepare("amend.", PARTITIONS, files.aliases(), files.news());
        Topics topics = p.topics();

        String appId = "amend-service";
        try (ServiceProcess service = ServiceProcess.start(
                stack().bootstrapServers(),
                stack().registryUrl(),
                serviceEnv(appId, "amend.", PARTITIONS, "state"),
                dir.resolve("service.log"))) {
            awaitNewsConsumed(appId, p, service);
            // the trades, cancels and corrections while the service runs
            p.publisher().publish(InputFormat.TICKS, files.ticks(), false);
            EndMarkers.publish(clients(), topics.ticks.name(), PARTITIONS);
            assertServiceMatches(
                    scenario.description() + ", cancels and corrections arriving while serve runs",
                    expected,
                    topics,
                    PARTITIONS,
                    Duration.ofMinutes(3),
                    service);
        }
    }
}
