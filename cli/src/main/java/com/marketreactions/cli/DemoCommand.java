package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.stack.EmbeddedStack;
import com.marketreactions.stack.StackOptions;
import com.marketreactions.streams.ReactionConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The main job: the sample through the real topology on the embedded stack, as a table. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job: the sample through the topology on the embedded stack, as a table.",
            "Starts the embedded Kafka broker and schema registry, replays the sample (the OpenAI-AWS deal",
            "of 2025-11-03) through the topology, prints the final reactions and stops everything."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--sample-dir", paramLabel = "DIR", description = "Sample data (default: data/sample)")
    Path sampleDir;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file overriding the defaults")
    Path config;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write a self-contained HTML report with a chart per news and ticker, e.g. demo.html")
    Path report;

    @Override
    public Integer call() throws Exception {
        Path dir = sampleDir != null ? sampleDir : SampleFiles.defaultDir();
        Replay.Inputs in = SampleFiles.inputs(dir);
        Settings settings = Settings.load(config, System.getenv());
        ReportFile.checkWritable(report);
        ReactionConfig rc = settings.reactionConfig();
        System.out.println("Starting the embedded Kafka broker and schema registry ...");
        long t = System.nanoTime();
        try (EmbeddedStack stack = Stacks.startEmbedded(new StackOptions(0, 0, null, false, Duration.ofSeconds(90)))) {
            Shutdown.onSignal(stack::close, Duration.ofSeconds(30)); // Ctrl-C: stop the children, delete the data
            System.out.printf("Stack up in %.1f s: kafka %s, registry %s%n", (System.nanoTime() - t) / 1e9,
                    stack.bootstrapServers(), stack.registryUrl());
            ClientConfigs clients = settings.clients(stack.bootstrapServers(), stack.registryUrl());
            System.out.println("Replaying " + dir + " through the topology ...");
            Replay.Result r = new Replay(clients, rc, settings.partitions(), Duration.ofMinutes(5))
                    .run(in, "demo");
            ReactionTable.print(r.finals(), System.out);
            ReactionTable.printImpacts(r.impacts(), System.out);
            System.out.printf("%s from %d news and %d ticks in %.1f s. Horizons %s, benchmark %s.%n",
                    Replay.summary(r.finals()), r.newsPublished(), r.ticksPublished(), r.took().toMillis() / 1e3,
                    rc.horizons(), rc.benchmark());
            if (report != null) {
                String title = sampleDir == null ? "Market reactions to the OpenAI-AWS deal (2025-11-03)"
                        : "Market reactions: " + dir;
                int n = ReportFile.write(report, title, r, in.ticks(), rc.benchmark());
                System.out.printf("Report with %d charts written to %s: open it in a browser (works offline).%n", n,
                        report);
            } else {
                System.out.println("For charts: ./reactions demo --report demo.html (one HTML file, opens offline).");
            }
            System.out.println("Stopping the stack.");
        }
        return 0;
    }
}
