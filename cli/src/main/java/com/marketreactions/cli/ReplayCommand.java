package com.marketreactions.cli;

import com.marketreactions.common.RecordJson;
import com.marketreactions.common.Topics;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.producers.files.Pacer;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.ReactionConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Historical files through the real topology, every FINAL reaction as one JSON line. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        header = "Replays historical files; writes FINAL reactions as JSON lines.",
        description = {
            "Replays news and tick files through the real topology (on the embedded stack unless"
                    + " --bootstrap-servers and --registry-url are given; fresh topics and application id per run)"
                    + " and writes every FINAL reaction as one JSON object per line. The same input gives the same"
                    + " lines."
        },
        footerHeading = "%nExample:%n",
        footer = {
            "  ./reactions replay --news data/sample/news.jsonl \\",
            "      --ticks data/sample/ticks.csv \\",
            "      --aliases data/sample/aliases.csv \\",
            "      --out reactions.jsonl --report report.html"
        })
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    LogOptions log;

    @Option(names = "--news", required = true, paramLabel = "FILE", description = "News, JSON lines")
    Path news;

    @Option(names = "--ticks", required = true, paramLabel = "FILE", description = "Ticks, CSV symbol,ts,price,size")
    Path ticks;

    @Option(names = "--aliases", paramLabel = "FILE", description = "Alias table, CSV alias,ticker")
    Path aliases;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the JSON lines")
    Path out;

    @Option(names = "--impacts", paramLabel = "FILE", description = "Also write the per-news impacts as JSON lines")
    Path impacts;

    @Option(
            names = "--study",
            paramLabel = "FILE",
            description = "Also write the event study (every group and horizon, after the last reaction) as JSON lines")
    Path study;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "Also write a self-contained HTML report: a table and a chart per news and ticker")
    Path report;

    @Option(
            names = "--ticks-format",
            paramLabel = "FORMAT",
            defaultValue = "auto",
            description = "Layout of the ticks file: auto (default), native, massive, databento, alpaca")
    String ticksFormat;

    @Option(
            names = "--news-format",
            paramLabel = "FORMAT",
            defaultValue = "auto",
            description = "Layout of the news file: auto (default), native, massive, alpaca, benzinga")
    String newsFormat;

    @Option(
            names = "--topic-prefix",
            paramLabel = "PREFIX",
            description = "Name the run's topics PREFIX + name (default: replay-<run>.); they are kept after the run")
    String topicPrefix;

    @Mixin
    InputOptions input;

    @Option(
            names = "--speed",
            paramLabel = "max|N",
            defaultValue = "max",
            converter = SpeedConverter.class,
            description = "Publish the ticks as fast as possible (max, default) or at N times real time")
    Pacer speed;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "PT30M",
            description = "Give up after this long (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Mixin
    ClusterOptions cluster;

    /** The settings' reaction config; event times the files may hold (--max-ahead) pass the topology's check too. */
    private ReactionConfig replayConfig(Settings settings) {
        ReactionConfig rc = settings.reactionConfig();
        if (input.maxAhead.compareTo(rc.limits().maxAhead()) <= 0) {
            return rc;
        }
        return rc.withLimits(rc.limits().withMaxAhead(input.maxAhead));
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = cluster.settings();
        Replay.Inputs in = new Replay.Inputs(news, ticks, aliases);
        in.requireFiles(); // the files first: a missing one is the same line with or without a cluster
        ReportFile.checkWritable(out);
        ReportFile.checkWritable(impacts);
        ReportFile.checkWritable(study);
        ReportFile.checkWritable(report);
        InputFormat<NewsEvent, NewsEvent> newsLayout = input.news(newsFormat);
        InputFormat<StockTick, StockTick> ticksLayout = input.ticks(ticksFormat);
        Replay.Result r;
        // closed in reverse: the stack stops while the line says so, then the line is cleared for the summary
        try (Progress progress = Progress.onStderr();
                Stacks stacks = Stacks.open(settings, progress)) {
            String runId = Long.toString(System.currentTimeMillis(), 36);
            Replay replay = new Replay(stacks.clients(), replayConfig(settings), settings.partitions(), timeout)
                    .withPacing(speed)
                    .withFormats(newsLayout, ticksLayout)
                    .withProgress(progress);
            if (topicPrefix != null) {
                replay.withTopicPrefix(topicPrefix);
            }
            r = replay.run(in, runId);
            progress.step("writing " + out.getFileName());
            write(r.finals(), out);
            if (impacts != null) {
                write(r.impacts(), impacts);
            }
            if (study != null) {
                write(r.studies(), study);
            }
            if (!stacks.external()) {
                progress.step("stopping the embedded stack");
            }
        }
        if (ClusterOptions.external(settings)) {
            System.err.println("Topics of this run (kept; delete them with kafka-topics.sh --delete when done):");
            Topics t = r.topics();
            for (String[] row : new String[][] {
                {t.news.name(), "news in, NewsEvent"},
                {t.ticks.name(), "ticks in, StockTick"},
                {t.reactions.name(), "reactions out, key newsId|ticker|horizon, MarketReaction"},
                {t.impact.name(), "per-news impact out, NewsImpact"},
                {t.study.name(), "event study out, key group|horizon, EventStudy"}
            }) {
                System.err.printf("  %s  %s (Avro, subject %s-value)%n", row[0], row[1], row[0]);
            }
        }
        if (study != null) {
            System.err.printf(
                    "Event study of %d groups and horizons written to %s%n",
                    r.studies().size(), study);
        }
        if (report != null) {
            int n = ReportFile.write(
                    report,
                    "Market reactions: " + news.getFileName(),
                    r,
                    ticks,
                    settings.reactionConfig().benchmark(),
                    settings.exchangeZone());
            System.err.printf("Report with %d charts written to %s (open it in a browser)%n", n, report);
        }
        // the one summary, last: what was read, left out and flagged, and where the reactions are
        System.err.println(capitalized(Replay.summary(r)) + "; written to " + out);
        return 0;
    }

    static String capitalized(String line) {
        return line.isEmpty() ? line : Character.toUpperCase(line.charAt(0)) + line.substring(1);
    }

    static void write(List<? extends SpecificRecord> records, Path out) {
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            for (SpecificRecord m : records) {
                w.write(RecordJson.toJson(m));
                w.newLine();
            }
        } catch (IOException e) {
            throw new UserError(out + ": cannot write: " + e.getMessage());
        }
    }
}
