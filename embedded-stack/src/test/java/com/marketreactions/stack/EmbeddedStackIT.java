package com.marketreactions.stack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** One real stack for the class; the test that closes it runs last. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES) // each test; the slowest took 3 s in a full build
class EmbeddedStackIT {

    private static EmbeddedStack stack;

    @BeforeAll
    static void startStack() {
        stack = EmbeddedStack.start(StackOptions.defaults());
    }

    @AfterAll
    static void closeStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void readCommittedConsumerSeesCommittedTransactionsOnly() throws Exception {
        String topic = createTopic();
        produce(topic, "aborted", false);
        produce(topic, "committed", true);

        assertEquals(List.of("committed"), readCommitted(topic, 1));
    }

    @Test
    @Order(2)
    void registryAnswersTheConfluentApi() throws Exception {
        assertTrue(stack.registryUrl().startsWith("http://127.0.0.1:"), stack.registryUrl());
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/apis/ccompat/v7/subjects"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
        }
    }

    @Test
    @Order(3)
    void brokerRestartOnTheSameDataKeepsTopicsAndRecords() throws Exception {
        String topic = createTopic();
        produce(topic, "before restart", true);

        stack.kafka().stop();
        assertFalse(stack.kafka().isRunning());
        stack.kafka().start();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            assertTrue(admin.listTopics().names().get().contains(topic));
        }
        produce(topic, "after restart", true); // transactions work again too
        assertEquals(List.of("before restart", "after restart"), readCommitted(topic, 2));
    }

    @Test
    @Order(4)
    void aSecondBrokerOnTheSameDataIsRefusedBeforeItStarts() {
        StackException e = assertThrows(
                StackException.class, () -> new EmbeddedKafka(stack.kafka().logDir(), 0));

        assertEquals(
                "Kafka data directory " + stack.kafka().logDir() + " is in use by another running broker",
                e.getMessage());
        assertTrue(stack.kafka().isRunning());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void closeStopsEverythingAndDeletesTheData() throws Exception {
        long registryPid = stack.registry().pid();
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        assertTrue(children.stream().anyMatch(p -> p.pid() == registryPid), "registry is a child of this JVM");
        int kafkaPort = stack.kafka().port();

        stack.close();

        await().atMost(Duration.ofSeconds(15)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        assertFalse(ProcessHandle.of(registryPid).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(Files.exists(stack.dataDir()), stack.dataDir() + " still exists");
        try (ServerSocket s = new ServerSocket(kafkaPort, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(kafkaPort, s.getLocalPort()); // the broker let go of its port
        }
    }

    private static String createTopic() throws Exception {
        String topic = "stack-it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        return topic;
    }

    private static void produce(String topic, String value, boolean commit) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "stack-it-" + UUID.randomUUID(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                30_000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "key", value));
            producer.flush();
            if (commit) {
                producer.commitTransaction();
            } else {
                producer.abortTransaction();
            }
        }
    }

    /** Values of the first {@code count} committed records, polling with a deadline. */
    private static List<String> readCommitted(String topic, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "stack-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30))
                    .pollInSameThread()
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                            values.add(r.value());
                        }
                        return values.size() >= count;
                    });
        }
        return values;
    }
}
