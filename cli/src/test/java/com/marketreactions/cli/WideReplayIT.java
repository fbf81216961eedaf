package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.stack.EmbeddedStack;
import com.marketreactions.streams.differential.ScenarioFiles;
import com.marketreactions.streams.differential.SyntheticMarket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A market as wide as a real one ({@link SyntheticMarket#generateWide}: 1,000 stocks and SPY over 7 trading days,
 * trade rates skewed from about 650 trades a day for the busiest name to a handful for the quietest, news whose
 * tickers are drawn with the same skew, about 3% of it naming 10-50 tickers) replayed twice through the real
 * topology on the embedded stack on 4 partitions: every FINAL reaction must equal the batch reference's field by
 * field, every news impact must agree with those reactions, and the two replays must write the same lines. What the
 * long market's seven busy stocks never meet, the thin names bring: news about a name that has not traded yet
 * (NO_BASELINE, model NONE), windows with no trade (NO_TICKS_IN_WINDOW), too few estimation points for the market
 * model, a thousand keys of state spread over the tasks, and impacts over many tickers whose reactions close on
 * different tasks. Nothing is late, so the stream must agree exactly. System property {@code reactions.wide.symbols}
 * changes the number of stocks. The replays have topics and application ids of their own, so the class runs on the
 * test JVM's shared stack.
 */
@ExtendWith(StackExtension.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES) // 118 s with the market written and computed, 2 cores; 195 s loaded
class WideReplayIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final int PARTITIONS = 4;

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
        scenario = SyntheticMarket.generateWide(1, Integer.getInteger("reactions.wide.symbols", 1000), 7);
        ScenarioFiles.Written files = ScenarioFiles.write(scenario, dir);
        inputs = new Replay.Inputs(files.news(), files.ticks(), files.aliases());
        expected = scenario.reference().reactions();
        Map<String, Integer> met = new TreeMap<>();
        for (MarketReaction r : expected.values()) {
            r.getFlags().forEach(f -> met.merge(f.toString(), 1, Integer::sum));
            met.merge(r.getModel().name(), 1, Integer::sum);
        }
        System.out.printf(
                "[wide-replay] %s; %d reference reactions %s; generated, written and computed in %.1f s%n",
                scenario.description(), expected.size(), met, (System.nanoTime() - t) / 1e9);
    }

    private static Replay.Result replay(String runId) throws Exception {
        ClientConfigs clients = ClientConfigs.of(stack.bootstrapServers(), stack.registryUrl());
        return ReferenceChecks.logged(
                "wide-replay",
                runId,
                PARTITIONS,
                new Replay(clients, scenario.config(), PARTITIONS, RUN_TIMEOUT).run(inputs, runId));
    }

    @Test
    void onFourPartitionsEveryFinalEqualsTheReferenceAndARepeatWritesTheSameLines() throws Exception {
        Replay.Result first = replay("wide-p4-a");
        ReferenceChecks.assertMatchesReference(scenario.description() + ", 4 partitions", expected, first);
        Replay.Result second = replay("wide-p4-b");
        ReferenceChecks.assertMatchesReference(scenario.description() + ", 4 partitions, again", expected, second);
        ReferenceChecks.assertSameLines(first, second);
    }
}
