package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.SchemaRegistration;
import com.marketreactions.common.TopicAdmin;
import com.marketreactions.common.Topics;
import com.marketreactions.common.stack.LocalStack;
import com.marketreactions.common.stack.LocalStackOptions;
import com.marketreactions.producers.files.FilePublisher;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.producers.files.PublishResult;
import com.marketreactions.streams.ReactionConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The main job: the sample through the real topology on the embedded stack, as a table. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        header = "Runs the sample through the topology on the embedded stack.",
        description = {
            "The main job: starts the embedded Kafka broker and schema registry, replays the sample (the OpenAI-AWS"
                    + " deal of 2025-11-03) through the topology, prints the final reactions as a table and stops"
                    + " everything."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  ./reactions demo --report demo.html", "  ./reactions demo --dashboard"})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    LogOptions log;

    @Option(names = "--sample-dir", paramLabel = "DIR", description = "Sample data (default: data/sample)")
    Path sampleDir;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file overriding the defaults")
    Path config;

    @Option(
            names = "--dashboard",
            description = "After the replay, keep the stack up and serve the live page"
                    + " (http.port, default 7070): the sample is published again into a running service; Ctrl-C stops")
    boolean dashboard;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "Also write a self-contained HTML report with a chart per news and ticker, e.g. demo.html")
    Path report;

    @Override
    public Integer call() throws Exception {
        Settings settings = Settings.load(config, System.getenv());
        if (dashboard) {
            ServeCommand.checkHttpPort(settings); // the live page comes after a whole replay: its port first
        }
        Path dir = sampleDir != null ? sampleDir : SampleFiles.defaultDir();
        Replay.Inputs in = SampleFiles.inputs(dir);
        ReportFile.checkWritable(report);
        ReactionConfig rc = settings.reactionConfig();
        // on stderr, so that stdout holds the tables and the summary only; closed last, after the stack stopped
        try (Progress progress = Progress.onStderr()) {
            progress.step(Stacks.STARTING);
            try (LocalStack stack = StackLoader.start(LocalStackOptions.temporary(Duration.ofSeconds(90)))) {
                if (!dashboard) {
                    Shutdown.onSignal(stack::close, Duration.ofSeconds(30)); // Ctrl-C: stop the children, delete data
                } // with the dashboard, Ctrl-C stops the service, then the stack closes below
                ClientConfigs clients = settings.clients(stack.bootstrapServers(), stack.registryUrl());
                Replay.Result r = new Replay(clients, rc, settings.partitions(), Duration.ofMinutes(5))
                        .withProgress(progress)
                        .run(in, "demo");
                progress.clear(); // the tables start at the line's start
                ReactionTable.print(r.finals(), System.out);
                ReactionTable.printImpacts(r.impacts(), System.out);
                // the study across events: all news and first reports against repeats (every group: replay --study)
                StudyTable.print(
                        r.studies().stream()
                                .filter(s -> s.getGroup().equals("all")
                                        || s.getGroup().startsWith("story:"))
                                .toList(),
                        System.out);
                // the one summary: what was read, left out and flagged
                System.out.printf(
                        "%s. Horizons %s, benchmark %s.%n",
                        ReplayCommand.capitalized(Replay.summary(r)), rc.horizons(), rc.benchmark());
                if (report != null) {
                    String title = sampleDir == null
                            ? "Market reactions to the OpenAI-AWS deal (2025-11-03)"
                            : "Market reactions: " + dir;
                    int n = ReportFile.write(report, title, r, in.ticks(), rc.benchmark(), settings.exchangeZone());
                    System.out.printf(
                            "Report with %d charts written to %s: open it in a browser (works offline).%n", n, report);
                } else {
                    System.out.println(
                            "For charts: ./reactions demo --report demo.html (one HTML file, opens offline).");
                }
                if (dashboard) {
                    return dashboard(settings, clients, in);
                }
                progress.step("stopping the embedded stack");
            }
        }
        return 0;
    }

    /** The service on fresh topics of the same stack, its live page up, the sample published into it. */
    private static int dashboard(Settings settings, ClientConfigs clients, Replay.Inputs in) throws Exception {
        Path state = Replay.tempDir("reactions-dashboard-state-");
        String appId = "reactions-demo-dashboard";
        Settings live = settings.with(Settings.APP_ID, appId).with(Settings.STATE_DIR, state.toString());
        Topics topics = Topics.create("dashboard.", clients.serdes());
        TopicAdmin.ensureTopics(clients, topics, settings.partitions(), settings.topicRetention());
        SchemaRegistration.registerAll(clients, topics);
        try {
            return ServeCommand.serve(live, clients, topics, ops -> {
                String url = "http://" + settings.get(Settings.HTTP_HOST) + ":" + ops.port() + "/";
                System.out.println("Live page: " + url + " (Ctrl-C stops the service and the stack)");
                FilePublisher publisher = FilePublisher.create(clients, topics);
                if (in.aliases() != null) {
                    publisher.publish(InputFormat.ALIASES, in.aliases(), false);
                }
                // no end marker after the news: a service ignores them; its news input counts as complete once
                // it has been quiet for idle.timeout
                PublishResult news = publisher.publish(InputFormat.NEWS, in.news(), false);
                try {
                    EndMarkers.awaitConsumed(
                            clients, appId, topics.news.name(), news.lastOffsets(), Duration.ofMinutes(2), () -> {});
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                publisher.publish(InputFormat.TICKS, in.ticks(), false);
                System.out.println("Sample published: the page fills as its reactions are committed; the last windows"
                        + " close once the input has been quiet for idle.timeout (" + live.get(Settings.IDLE) + ").");
            });
        } finally {
            Replay.deleteRecursively(state);
        }
    }
}
