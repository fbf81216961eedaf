package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.SchemaRegistration;
import com.marketreactions.common.TopicAdmin;
import com.marketreactions.common.Topics;
import com.marketreactions.producers.files.BadInputException;
import com.marketreactions.producers.files.FilePublisher;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.producers.files.Pacer;
import com.marketreactions.producers.files.PublishResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Publishes a file to its topic, all or nothing unless --skip-bad. */
@Command(
        name = "produce",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        header = "Publishes a news, ticks or aliases file to its topic.",
        description = {
            "Publishes news (JSON lines), ticks (CSV symbol,ts,price,size) or aliases (CSV alias,ticker) to their"
                    + " topic. A file with bad lines is reported line by line and nothing is published, unless"
                    + " --skip-bad."
        },
        footerHeading = "%nExample (with the flags ./reactions stack prints):%n",
        footer = {
            "  ./reactions produce ticks \\",
            "      --file data/sample/ticks.csv \\",
            "      --bootstrap-servers 127.0.0.1:9092 \\",
            "      --registry-url http://127.0.0.1:8081"
        })
final class ProduceCommand implements Callable<Integer> {

    enum Kind {
        news,
        ticks,
        aliases
    }

    @Parameters(index = "0", paramLabel = "news|ticks|aliases", description = "What the file holds")
    Kind kind;

    @Option(
            names = "--file",
            required = true,
            paramLabel = "FILE",
            description = "The file to publish (its layout: see --format)")
    Path file;

    @Option(names = "--skip-bad", description = "Publish the good lines and report the bad ones")
    boolean skipBad;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "auto",
            description = "Layout of a ticks or news file: auto (default: told by its first line), native, massive, "
                    + "databento, alpaca (ticks); native, massive, alpaca, benzinga (news). See docs/data-formats.md")
    String layout;

    @Option(
            names = "--from-line",
            paramLabel = "N",
            defaultValue = "1",
            description = "Publish from line N on (every line is still checked): where a failed publish said to resume")
    long fromLine;

    @Mixin
    InputOptions input;

    @Option(
            names = "--speed",
            paramLabel = "max|N",
            defaultValue = "max",
            converter = SpeedConverter.class,
            description = "max (default), or N times real time by the records' event times")
    Pacer speed;

    @Option(
            names = "--end-input",
            description =
                    "After the file, mark the topic's input as ended (an end-of-input marker on every"
                            + " partition), so a serve run with serve.end.markers=true finalizes every window, as a replay does")
    boolean endInput;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() {
        if (fromLine < 1) {
            throw new UserError("--from-line: a line number >= 1, got " + fromLine);
        }
        InputFormat<?, ?> format = switch (kind) {
            case news -> input.news(layout);
            case ticks -> input.ticks(layout);
            case aliases -> InputFormat.ALIASES;
        };
        if (endInput && kind == Kind.aliases) {
            throw new UserError(
                    "--end-input: the aliases are a table, not an input that ends; use it with news or ticks");
        }
        try {
            format.file(file); // fail fast on a missing file, before touching the cluster
        } catch (BadInputException e) {
            throw new UserError(e.getMessage());
        }
        ClusterOptions.Connected c = cluster.connect("produce");
        Settings s = c.settings();
        ClientConfigs clients = c.clients();
        Topics topics = c.topics();
        long started = System.nanoTime();
        PublishResult r;
        try (Progress progress = Progress.onStderr()) {
            progress.step("creating the topics and registering the schemas");
            TopicAdmin.ensureTopics(clients, topics, s.partitions(), s.topicRetention());
            SchemaRegistration.registerAll(clients, topics);
            r = FilePublisher.create(clients, topics)
                    .withPacing(speed)
                    .withProgress(Progress.EVERY, progress.publishing(file))
                    .publish(format, file, skipBad, fromLine);
        } catch (BadInputException e) {
            throw new UserError(e.getMessage());
        }
        r.report().forEach(System.err::println);
        System.err.println(summary(r, fromLine, Duration.ofNanos(System.nanoTime() - started)));
        if (endInput) {
            int partitions = EndMarkers.publish(clients, r.topic());
            System.err.printf("%s: input ended (an end-of-input marker on its %d partitions)%n", r.topic(), partitions);
        }
        return 0;
    }

    /**
     * The one line after a publish: what was published where and how long it took, then what was skipped or left
     * out, e.g. {@code 111,150 records published to ticks in 3.1 s; 3 bad lines skipped; 2 lines left out by the
     * format's rules (...)}.
     */
    static String summary(PublishResult r, long fromLine, Duration took) {
        return String.format(
                Locale.ROOT,
                "%,d records published to %s%s in %.1f s%s%s",
                r.published(),
                r.topic(),
                fromLine > 1 ? " from line " + fromLine : "",
                took.toMillis() / 1e3,
                r.badLines() == 1
                        ? "; 1 bad line skipped"
                        : r.badLines() > 1 ? String.format(Locale.ROOT, "; %,d bad lines skipped", r.badLines()) : "",
                r.leftOutSummary().isEmpty() ? "" : "; " + r.leftOutSummary());
    }
}
