package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.Topic;
import com.marketreactions.streams.control.EndOfInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The two ends of a bounded run of the topology: the end-of-input markers written after the input, and the
 * reading of an output topic until every task has announced its end there (see {@link EndOfInput}).
 */
public final class EndMarkers {

    private EndMarkers() {}

    /** Writes the end-of-input marker to every partition of a bounded input topic, after its last record. */
    public static void publish(ClientConfigs clients, String topic, int partitions) {
        publish(clients, topic, OptionalInt.of(partitions));
    }

    /** As {@link #publish(ClientConfigs, String, int)}, on as many partitions as the topic has. */
    public static int publish(ClientConfigs clients, String topic) {
        return publish(clients, topic, OptionalInt.empty());
    }

    private static int publish(ClientConfigs clients, String topic, OptionalInt count) {
        Map<String, Object> p = clients.producer();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            int partitions = count.orElseGet(() -> producer.partitionsFor(topic).size());
            for (int i = 0; i < partitions; i++) {
                producer.send(new ProducerRecord<>(topic, i, null, new byte[0], null, EndOfInput.headers(partitions)));
            }
            producer.flush();
            return partitions;
        }
    }

    /**
     * Reads a topic the topology writes until every task has announced its end on it, then to the end of every
     * partition (read_committed), and returns the non-marker values.
     */
    public static <V> List<V> readUntilEnded(
            ClientConfigs clients, Topic<String, V> topic, int partitions, Duration timeout, Runnable healthCheck) {
        List<V> values = new ArrayList<>();
        readUntilEnded(clients, topic, partitions, timeout, healthCheck, values::add);
        return values;
    }

    /** As {@link #readUntilEnded(ClientConfigs, Topic, int, Duration, Runnable)}, handing each value on, keeping none. */
    public static <V> void readUntilEnded(
            ClientConfigs clients,
            Topic<String, V> topic,
            int partitions,
            Duration timeout,
            Runnable healthCheck,
            java.util.function.Consumer<V> each) {
        readUntilEnded(clients.committedReader(), topic, partitions, timeout, healthCheck, each);
    }

    /** As above with a reader of these settings (e.g. read_uncommitted, to see what aborted transactions left). */
    public static <V> void readUntilEnded(
            Map<String, Object> reader,
            Topic<String, V> topic,
            int partitions,
            Duration timeout,
            Runnable healthCheck,
            java.util.function.Consumer<V> each) {
        long[] read = {0};
        Set<Integer> ended = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> uncommitted = new java.util.HashMap<>(reader);
        uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
                        reader,
                        topic.keySerde().deserializer(),
                        topic.valueSerde().deserializer());
                KafkaConsumer<byte[], byte[]> ends =
                        new KafkaConsumer<>(uncommitted, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = ClientConfigs.assignAllFromStart(consumer, topic.name());
            while (true) {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null) {
                        each.accept(r.value());
                        read[0]++;
                    } else if (EndOfInput.sourcePartition(r.headers()) >= 0) {
                        ended.add(EndOfInput.sourcePartition(r.headers()));
                    }
                }
                if (ended.size() >= partitions && complete(consumer, ends, tps)) {
                    return;
                }
                healthCheck.run();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the topology did not finish within " + timeout + " (" + ended.size()
                                    + " of " + partitions + " partitions of " + topic.name() + " ended, " + read[0]
                                    + " records so far)");
                }
            }
        }
    }

    /**
     * Whether the reader has everything: no transaction is open on any partition (the committed end, the last stable
     * offset, is the log's end) and its position is there. The markers alone do not say so: a transaction's commit
     * becomes visible partition by partition, so the end markers on one partition can be readable while the FINALs
     * the same transaction wrote to another are not yet.
     */
    private static boolean complete(KafkaConsumer<?, ?> consumer, KafkaConsumer<?, ?> ends, List<TopicPartition> tps) {
        Map<TopicPartition, Long> stable = consumer.endOffsets(tps);
        Map<TopicPartition, Long> logEnd = ends.endOffsets(tps);
        return tps.stream()
                .allMatch(tp -> stable.get(tp).equals(logEnd.get(tp)) && consumer.position(tp) >= stable.get(tp));
    }

    /** Waits until the application has committed its consumption of every published news record. */
    public static void awaitConsumed(
            ClientConfigs clients,
            String appId,
            String topic,
            Map<Integer, Long> lastOffsets,
            Duration timeout,
            Runnable healthCheck)
            throws InterruptedException {
        if (lastOffsets.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(clients.common())) {
            while (true) {
                healthCheck.run();
                Map<TopicPartition, OffsetAndMetadata> committed;
                try {
                    committed = admin.listConsumerGroupOffsets(appId)
                            .partitionsToOffsetAndMetadata()
                            .get(10, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    committed = Map.of();
                }
                Map<TopicPartition, OffsetAndMetadata> c = committed;
                boolean done = lastOffsets.entrySet().stream().allMatch(e -> {
                    OffsetAndMetadata o = c.get(new TopicPartition(topic, e.getKey()));
                    return o != null && o.offset() > e.getValue();
                });
                if (done) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the topology did not consume the news within " + timeout);
                }
                Thread.sleep(50); // polling interval against a deadline, not a wait for a fixed time
            }
        }
    }
}
