package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.SchemaRegistration;
import com.marketreactions.common.StudyKey;
import com.marketreactions.common.TopicAdmin;
import com.marketreactions.common.Topics;
import com.marketreactions.producers.files.BadInputException;
import com.marketreactions.producers.files.FilePublisher;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.producers.files.LineErrors;
import com.marketreactions.producers.files.Pacer;
import com.marketreactions.producers.files.PublishResult;
import com.marketreactions.schema.EventStudy;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.NewsImpact;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.app.ReactionApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays historical files through the real topology on a real cluster and returns every FINAL reaction.
 *
 * <p>Deterministic by construction: each run gets fresh topics and a fresh application id; the news is
 * published and fully consumed by the topology before the first tick is published, so no news can arrive
 * "late" by accident of timing; the ticks end with an end-of-input marker on every partition, so every
 * window is finalized without waiting for data that will never come; and the run ends when every task has
 * announced the end on the reactions topic (read with read_committed).
 */
public final class Replay {

    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);

    /** @param aliases may be null */
    public record Inputs(Path news, Path ticks, Path aliases) {

        /** Fails with one line naming the first file given that does not exist. */
        void requireFiles() {
            for (Path p : new Path[] {news, ticks, aliases}) {
                if (p != null && !Files.isRegularFile(p)) {
                    throw new UserError(p + ": no such file");
                }
            }
        }
    }

    /**
     * @param reactions every reaction record read, PROVISIONAL and FINAL, in topic order per partition
     * @param finals the FINAL ones, in {@link #ORDER}
     * @param studies the event study of every group and horizon once all reactions are in, by group then horizon
     */
    public record Result(
            List<MarketReaction> reactions,
            List<MarketReaction> finals,
            List<NewsImpact> impacts,
            long newsPublished,
            long ticksPublished,
            Duration took,
            Topics topics,
            String ticksLeftOut,
            List<EventStudy> studies) {}

    private final ClientConfigs clients;
    private final ReactionConfig config;
    private final int partitions;
    private final Duration timeout;
    private Pacer pacer = Pacer.MAX;
    private InputFormat<NewsEvent, NewsEvent> newsFormat = InputFormat.NEWS;
    private InputFormat<StockTick, StockTick> ticksFormat = InputFormat.TICKS;
    private String topicPrefix;
    private Progress progress = Progress.off();

    /** Reads the files in these formats (layouts, time rules) instead of the detected defaults. */
    public Replay withFormats(InputFormat<NewsEvent, NewsEvent> news, InputFormat<StockTick, StockTick> ticks) {
        this.newsFormat = news;
        this.ticksFormat = ticks;
        return this;
    }

    /** Names the run's topics {@code prefix + name} instead of {@code replay-<run>.name}. */
    public Replay withTopicPrefix(String prefix) {
        this.topicPrefix = prefix;
        return this;
    }

    /** Shows the run's steps (publishing, the topology's share of the ticks read) on this progress line. */
    Replay withProgress(Progress progress) {
        this.progress = progress;
        return this;
    }

    /** Publishes the ticks at this pace (by event time) instead of as fast as possible. */
    public Replay withPacing(Pacer pacer) {
        this.pacer = pacer;
        return this;
    }

    public Replay(ClientConfigs clients, ReactionConfig config, int partitions, Duration timeout) {
        this.clients = clients;
        // the end-of-input marker finalizes a replay; the wall clock must play no part in its results
        this.config = config.withIdleTimeout(Duration.ofDays(3650)).withEndMarkers(true);
        this.partitions = partitions;
        this.timeout = timeout;
    }

    public Result run(Inputs in, String runId) throws InterruptedException {
        long started = System.nanoTime();
        in.requireFiles();
        Topics topics = Topics.create(topicPrefix != null ? topicPrefix : "replay-" + runId + ".", clients.serdes());
        progress.step("creating the topics and registering the schemas");
        if (topicPrefix != null) {
            requireEmpty(topics);
        }
        TopicAdmin.ensureTopics(clients, topics, partitions);
        SchemaRegistration.registerAll(clients, topics);
        FilePublisher publisher = FilePublisher.create(clients, topics);
        PublishResult news;
        try {
            // validate everything before publishing anything
            progress.step("checking " + in.ticks().getFileName());
            checkFile(ticksFormat, in.ticks());
            if (in.aliases() != null) {
                publisher.publish(InputFormat.ALIASES, in.aliases(), false);
            }
            news = publisher
                    .withProgress(Progress.EVERY, progress.publishing(in.news()))
                    .publish(newsFormat, in.news(), false);
            EndMarkers.publish(clients, topics.news.name(), partitions); // all the news there is, before any tick
        } catch (BadInputException e) {
            throw new UserError(e.getMessage());
        }
        String appId = "reactions-replay-" + runId;
        Path stateDir = tempDir("reactions-replay-state-");
        try (ReactionApp app = new ReactionApp(
                config,
                topics,
                ReactionApp.properties(clients, appId, stateDir, Map.of("commit.interval.ms", "100")))) {
            progress.step("starting the topology; it reads the news first");
            app.start();
            EndMarkers.awaitConsumed(
                    clients, appId, topics.news.name(), news.lastOffsets(), timeout, () -> failIfStopped(app));
            PublishResult ticks = publisher
                    .withPacing(pacer)
                    .withProgress(Progress.EVERY, progress.publishing(in.ticks()))
                    .publish(ticksFormat, in.ticks(), false);
            EndMarkers.publish(clients, topics.ticks.name(), partitions);
            progress.step("the topology at work");
            List<MarketReaction> all = new ArrayList<>();
            try (TopologyProgress shown = new TopologyProgress(
                    progress, clients, appId, topics.ticks.name(), ticks.lastOffsets(), all::size)) {
                Runnable healthShown = () -> {
                    failIfStopped(app);
                    shown.run();
                };
                EndMarkers.readUntilEnded(clients, topics.reactions, partitions, timeout, healthShown, all::add);
            }
            progress.step("reading the impacts and the event study");
            Runnable health = () -> failIfStopped(app);
            List<NewsImpact> impacts = new ArrayList<>();
            List<EventStudy> updates = new ArrayList<>();
            EndMarkers.readUntilEnded(clients, topics.impact, partitions, timeout, health, impacts::add);
            EndMarkers.readUntilEnded(clients, topics.study, partitions, timeout, health, updates::add);
            List<MarketReaction> finals = all.stream()
                    .filter(r -> r.getStatus() == ReactionStatus.FINAL)
                    .sorted(ORDER)
                    .toList();
            impacts.sort(Comparator.comparing(NewsImpact::getEventTime)
                    .thenComparing(NewsImpact::getNewsId)
                    .thenComparing(i -> Horizon.parse(i.getHorizon()).length()));
            // the study's topic holds an update per FINAL of a group: the last of each key is its result
            Map<String, EventStudy> latest = new java.util.TreeMap<>();
            updates.forEach(st -> latest.put(new StudyKey(st.getGroup(), st.getHorizon()).encode(), st));
            List<EventStudy> studies = latest.values().stream()
                    .sorted(Comparator.comparing(EventStudy::getGroup)
                            .thenComparing(st -> Horizon.parse(st.getHorizon()).length()))
                    .toList();
            return new Result(
                    all,
                    finals,
                    List.copyOf(impacts),
                    news.published(),
                    ticks.published(),
                    Duration.ofNanos(System.nanoTime() - started),
                    topics,
                    ticks.leftOutSummary(),
                    studies);
        } catch (BadInputException e) {
            throw new UserError(e.getMessage());
        } finally {
            deleteRecursively(stateDir);
        }
    }

    /** A replay is exact only on topics of its own: named ones must be new or empty. */
    private void requireEmpty(Topics topics) {
        List<String> names = List.of(topics.news.name(), topics.ticks.name(), topics.reactions.name());
        try (org.apache.kafka.clients.admin.Admin admin =
                org.apache.kafka.clients.admin.Admin.create(clients.common())) {
            java.util.Set<String> existing = admin.listTopics().names().get(30, java.util.concurrent.TimeUnit.SECONDS);
            for (String name : names) {
                if (!existing.contains(name)) {
                    continue;
                }
                Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> ends =
                        new HashMap<>();
                admin.describeTopics(List.of(name))
                        .allTopicNames()
                        .get(30, java.util.concurrent.TimeUnit.SECONDS)
                        .get(name)
                        .partitions()
                        .forEach(p -> ends.put(
                                new org.apache.kafka.common.TopicPartition(name, p.partition()),
                                org.apache.kafka.clients.admin.OffsetSpec.latest()));
                long records =
                        admin.listOffsets(ends).all().get(30, java.util.concurrent.TimeUnit.SECONDS).values().stream()
                                .mapToLong(o -> o.offset())
                                .sum();
                if (records > 0) {
                    throw new UserError("topic " + name + " already holds " + records + " records: a replay needs "
                            + "topics of its own (another --topic-prefix, or delete them)");
                }
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new UserError("cannot check the replay's topics " + names + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while checking the replay's topics");
        }
    }

    private static void checkFile(InputFormat<?, ?> format, Path file) {
        LineErrors errors = format.file(file).validate();
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
    }

    /** Output order of a replay: by news time, news id, ticker, then horizon length. */
    public static final Comparator<MarketReaction> ORDER = Comparator.comparing(MarketReaction::getEventTime)
            .thenComparing(MarketReaction::getNewsId)
            .thenComparing(MarketReaction::getTicker)
            .thenComparing(r -> Horizon.parse(r.getHorizon()).length());

    static void failIfStopped(ReactionApp app) {
        if (app.failure() != null) {
            throw new IllegalStateException(
                    "the topology failed: " + app.failure().getMessage(), app.failure());
        }
        switch (app.state()) {
            case ERROR, NOT_RUNNING, PENDING_SHUTDOWN, PENDING_ERROR ->
                throw new IllegalStateException("the topology stopped (state " + app.state() + ")");
            default -> {}
        }
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }

    /**
     * What a run read, left out and found, in one line: {@code read 5 news and 111,151 ticks in 22.7 s; 60 final
     * reactions for 7 tickers, 23 flagged (NO_BASELINE 8, NO_TICKS_IN_WINDOW 15)}, with the lines the ticks' layout
     * left out by its rules when there are any. A reaction with two flags counts once in all and once for each.
     */
    static String summary(Result r) {
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "read %,d news and %,d ticks in %.1f s",
                r.newsPublished(),
                r.ticksPublished(),
                r.took().toMillis() / 1e3));
        if (r.ticksLeftOut() != null && !r.ticksLeftOut().isEmpty()) {
            b.append(", ").append(r.ticksLeftOut());
        }
        List<MarketReaction> finals = r.finals();
        long tickers = finals.stream().map(MarketReaction::getTicker).distinct().count();
        b.append(String.format(Locale.ROOT, "; %,d final reactions for %d tickers", finals.size(), tickers));
        long flagged = finals.stream()
                .filter(f -> f.getFlags() != null && !f.getFlags().isEmpty())
                .count();
        if (flagged > 0) {
            Map<String, Long> byFlag = finals.stream()
                    .filter(f -> f.getFlags() != null)
                    .flatMap(f -> f.getFlags().stream().map(Object::toString).distinct())
                    .collect(Collectors.groupingBy(f -> f, java.util.TreeMap::new, Collectors.counting()));
            b.append(String.format(Locale.ROOT, ", %,d flagged (", flagged))
                    .append(byFlag.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append(')');
        }
        return b.toString();
    }
}
