package com.marketreactions.streams.app;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.Replication;
import com.marketreactions.common.Topics;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.errors.DeadLetters;
import com.marketreactions.streams.topology.ReactionTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running analyzer: one {@link KafkaStreams} client executing {@link ReactionTopology} with exactly-once
 * processing. Scale-out is Kafka's own: start more instances with the same application id.
 */
public final class ReactionApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReactionApp.class);

    private final KafkaStreams streams;
    private final ReactionConfig config;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Throwable failure;
    private final List<Runnable> onRunning = new CopyOnWriteArrayList<>();

    /** Reads the ticks topic's partitions and the cluster's size, then builds the topology for them. */
    public ReactionApp(ReactionConfig config, Topics topics, Properties streamsProps) {
        this.config = config;
        ClusterFacts cluster = ClusterFacts.read(streamsProps, topics.ticks.name());
        this.streams = new KafkaStreams(
                ReactionTopology.build(config, topics, cluster.partitions()), cluster.withReplication(streamsProps));
        streams.setStateListener((now, before) -> {
            LOG.debug("streams state {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
                onRunning.forEach(Runnable::run);
            }
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                running.countDown();
                stopped.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            failure = e;
            LOG.error("stream thread failed, shutting the client down: {}", e.toString(), e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }

    /**
     * Streams settings of this application: exactly-once v2, the given id and state directory, and any
     * {@code overrides} (already stripped of their {@code streams.} prefix) on top. A record that cannot be
     * read stops the application unless {@link #deadLetterSettings} are among the overrides: a bounded run
     * must fail loudly rather than report numbers computed without some of its input.
     */
    public static Properties properties(
            ClientConfigs clients, String applicationId, Path stateDir, Map<String, String> overrides) {
        Properties p = new Properties();
        p.putAll(clients.common());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailExceptionHandler.class.getName());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // files are published in transactions (FilePublisher): an aborted one must stay unseen even when a
        // deployment runs at_least_once, whose consumers would otherwise read uncommitted
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        // Never wait for an empty input partition. The processor keeps a clock per input, so the interleaving
        // of ticks, benchmark ticks and news does not change a result; and with idling enabled (0, the default)
        // Streams 4.3.1 formats log strings for every record while one partition of a task is empty (10% of
        // the stream thread in the benchmark's profile).
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // A commit that follows the previous one closely finds its transaction's markers still being written:
        // the coordinator answers CONCURRENT_TRANSACTIONS and the producer retries after retry.backoff.ms,
        // 100 ms by default, which was the live page's and the benchmark's worst latency (JFR: 100-111 ms in
        // sendOffsetsToTransaction). 10 ms, growing as usual up to retry.backoff.max.ms on repeated failures.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
        // Commit every second, not every 100 ms (exactly-once's default): live records request their commit at once
        // (LiveCommits), so only a service catching up or a replay commits at the interval, and there each commit
        // flushes a record per symbol touched since the last one. With a whole market's symbols a second's commit
        // took a fifth less CPU per tick and a quarter less time than ten (issue 23).
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        p.putAll(overrides);
        return p;
    }

    /**
     * For the long-running service: an input record that cannot be decoded or fails validation is logged,
     * written with its original bytes to the dead-letter topic (headers name the error, topic, partition and
     * offset) and skipped; see {@link DeadLetters}.
     */
    public static Map<String, String> deadLetterSettings(Topics topics) {
        return Map.of(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetters.class.getName(),
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetters.class.getName(),
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                topics.deadLetters.name());
    }

    /**
     * What the application reads from the cluster before it starts: the partition count of the ticks topic (the
     * topology routes each symbol to one of them) and the {@link Replication} its internal topics get, unless the
     * settings name one ({@code streams.replication.factor}, {@code streams.topic.min.insync.replicas}).
     */
    private record ClusterFacts(int partitions, Replication replication) {

        static ClusterFacts read(Properties streamsProps, String topic) {
            Map<String, Object> admin = new StreamsConfig(streamsProps).getAdminConfigs("market-reactions-metadata");
            try (Admin a = Admin.create(admin)) {
                TopicDescription d = a.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(30, TimeUnit.SECONDS)
                        .get(topic);
                return new ClusterFacts(d.partitions().size(), Replication.of(a, 30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the metadata of " + topic, e);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new IllegalStateException(
                        "cannot read the partitions of topic " + topic + ": "
                                + (cause instanceof UnknownTopicOrPartitionException
                                        ? "it does not exist"
                                        : String.valueOf(cause)),
                        e);
            }
        }

        Properties withReplication(Properties streamsProps) {
            Properties p = new Properties();
            p.putAll(streamsProps);
            p.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(replication.factor()));
            replication.topicConfig().forEach((k, v) -> p.putIfAbsent(StreamsConfig.topicPrefix(k), v));
            return p;
        }
    }

    public void start() {
        streams.start();
    }

    /** @return true once running; false if the client failed or the time ran out */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)
                && streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Blocks until the client stops by itself (failure or external close). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** Runs {@code r} on the Streams client's thread each time it becomes RUNNING (after every rebalance). */
    public void onRunning(Runnable r) {
        onRunning.add(r);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The exception that stopped a stream thread, if any. */
    public Throwable failure() {
        return failure;
    }

    public ReactionConfig config() {
        return config;
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        if (!streams.close(Duration.ofSeconds(30))) {
            LOG.warn("streams did not close within 30 s");
        }
    }
}
