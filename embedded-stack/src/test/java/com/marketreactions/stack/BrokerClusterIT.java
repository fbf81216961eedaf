package com.marketreactions.stack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Three broker processes: replicated by default, and a cluster stopped and started again on its data keeps it. */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // each test; it took 53 s in a full build
class BrokerClusterIT {

    @TempDir
    Path dir;

    @Test
    void threeNodesReplicateAndKeepTheirDataAcrossARestart() throws Exception {
        try (BrokerCluster cluster = BrokerCluster.start(dir, 3, 0, Duration.ofSeconds(90))) {
            assertEquals(3, cluster.bootstrapServers().split(",").length);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                assertEquals(3, admin.describeCluster().nodes().get().size());
                admin.createTopics(List.of(new NewTopic("t", Optional.of(1), Optional.empty())))
                        .all()
                        .get();
                TopicDescription d =
                        admin.describeTopics(List.of("t")).allTopicNames().get().get("t");
                assertEquals(3, d.partitions().get(0).replicas().size(), "the brokers' default replication");
            }
            try (KafkaProducer<String, String> p = new KafkaProducer<>(
                    Map.of("bootstrap.servers", cluster.bootstrapServers(), "acks", "all"),
                    new StringSerializer(),
                    new StringSerializer())) {
                p.send(new ProducerRecord<>("t", "k", "kept")).get();
            }
        }
        try (BrokerCluster again = BrokerCluster.start(dir, 3, 0, Duration.ofSeconds(90))) {
            assertEquals(List.of("kept"), read(again.bootstrapServers()));
        }
    }

    private static List<String> read(String bootstrap) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(
                Map.of("bootstrap.servers", bootstrap), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition("t", 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            await("a record read back within 30 s")
                    .atMost(Duration.ofSeconds(30))
                    .pollInSameThread()
                    .pollInterval(Duration.ZERO) // the consumer's poll is the interval
                    .until(() -> {
                        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                            values.add(r.value());
                        }
                        return !values.isEmpty();
                    });
        }
        return values;
    }
}
