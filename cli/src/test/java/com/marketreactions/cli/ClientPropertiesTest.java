package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client properties file as Confluent Cloud's console writes it for a Java client, taken as it is. */
class ClientPropertiesTest {

    private static final String CLOUD = """
            # Required connection configs for Kafka producer, consumer, and admin
            bootstrap.servers=pkc-00000.us-east-1.aws.confluent.cloud:9092
            security.protocol=SASL_SSL
            sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username='KEY' password='SECRET';
            sasl.mechanism=PLAIN
            # Required for correctness in Apache Kafka clients prior to 2.6
            client.dns.lookup=use_all_dns_ips
            # Best practice for higher availability in Apache Kafka clients prior to 3.0
            session.timeout.ms=45000
            # Best practice for Kafka producer to prevent data loss
            acks=all
            # Required connection configs for Confluent Cloud Schema Registry
            schema.registry.url=https://psrc-00000.us-east-2.aws.confluent.cloud
            basic.auth.credentials.source=USER_INFO
            basic.auth.user.info=SR_KEY:SR_SECRET
            sasl.mechanisms=PLAIN
            """;

    @TempDir
    Path dir;

    @Test
    void aConfluentCloudFileBecomesTheClusterSettings() throws Exception {
        ClientProperties c = ClientProperties.read(Files.writeString(dir.resolve("client.properties"), CLOUD));
        Settings s = Settings.load(c, null, Map.of());
        assertEquals("pkc-00000.us-east-1.aws.confluent.cloud:9092", s.get(Settings.BOOTSTRAP));
        assertEquals("https://psrc-00000.us-east-2.aws.confluent.cloud", s.get(Settings.REGISTRY));
        Map<String, String> kafka = s.withPrefix("kafka.");
        assertEquals("SASL_SSL", kafka.get("security.protocol"));
        assertEquals("PLAIN", kafka.get("sasl.mechanism"));
        assertTrue(kafka.get("sasl.jaas.config").contains("username='KEY'"));
        assertEquals("all", kafka.get("acks"));
        assertEquals("SR_KEY:SR_SECRET", s.withPrefix("registry.").get("basic.auth.user.info"));
        // librdkafka's name of sasl.mechanism: named in a warning, its value never
        assertEquals(List.of("sasl.mechanisms"), c.ignored());
        // the registry client accepts what the file gave it
        s.clients(s.get(Settings.BOOTSTRAP), s.get(Settings.REGISTRY));
    }

    @Test
    void theProjectsConfigTheEnvironmentAndFlagsComeAfterIt() throws Exception {
        ClientProperties c = ClientProperties.read(Files.writeString(dir.resolve("client.properties"), CLOUD));
        Path mine = Files.writeString(dir.resolve("app.properties"), "bootstrap.servers=127.0.0.1:9092\n");
        Settings s = Settings.load(c, mine, Map.of("REACTIONS_REGISTRY_URL", "http://127.0.0.1:8080"));
        assertEquals("127.0.0.1:9092", s.get(Settings.BOOTSTRAP));
        assertEquals("http://127.0.0.1:8080", s.get(Settings.REGISTRY));
        assertEquals("SASL_SSL", s.withPrefix("kafka.").get("security.protocol"));
    }

    @Test
    void aCredentialsSourceTheClientDoesNotReadIsOneClearLine() throws Exception {
        Path f = Files.writeString(
                dir.resolve("url.properties"),
                "schema.registry.url=https://u:p@registry\nbasic.auth.credentials.source=URL\n");
        UserError e = assertThrows(UserError.class, () -> ClientProperties.read(f));
        assertTrue(
                e.getMessage().contains("basic.auth.credentials.source=URL is not supported: use USER_INFO"),
                e.getMessage());
        UserError missing =
                assertThrows(UserError.class, () -> ClientProperties.read(dir.resolve("absent.properties")));
        assertTrue(missing.getMessage().contains("no such client config file"), missing.getMessage());
    }
}
