package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine here, so the deployment files are checked for structure: pinned images, the start order
 * (broker healthy, then topics and schemas, then the service), separate listeners for containers and the
 * host, ports on loopback, and only configuration keys the application knows.
 */
class DeploymentFilesTest {

    private static final Path DOCKER = Path.of(System.getProperty("reactions.docker.dir", "../docker"));
    private static final Pattern PINNED = Pattern.compile("[a-z0-9./-]+:[0-9][A-Za-z0-9.\\-]*");

    private final JsonNode compose = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory())
                    .readTree(DOCKER.resolve("compose.yaml").toFile());
        } catch (Exception e) {
            throw new AssertionError("docker/compose.yaml does not parse: " + e.getMessage(), e);
        }
    }

    @Test
    void everyImageIsPinnedToAVersion() throws Exception {
        List<String> images = new ArrayList<>();
        compose.get("services").forEach(s -> {
            if (s.has("image")) {
                images.add(s.get("image").asText());
            }
        });
        Files.readAllLines(DOCKER.resolve("Dockerfile")).stream()
                .filter(l -> l.startsWith("FROM "))
                .map(l -> l.split("\\s+")[1])
                .forEach(images::add);
        assertTrue(images.size() >= 5, images.toString());
        images.forEach(i -> assertTrue(PINNED.matcher(i).matches(), i + " is not pinned to a version"));
    }

    @Test
    void theServiceStartsAfterTheTopicsWhichStartAfterAHealthyBroker() {
        JsonNode s = compose.get("services");
        assertEquals(
                "service_healthy", s.at("/setup/depends_on/kafka/condition").asText());
        assertEquals(
                "service_completed_successfully",
                s.at("/analyzer/depends_on/setup/condition").asText());
        assertEquals("setup", s.at("/setup/command/0").asText());
        assertEquals("serve", s.at("/analyzer/command/0").asText());
        assertFalse(s.at("/kafka/healthcheck/test").isMissingNode(), "the broker needs a health check");
    }

    @Test
    void containersAndTheHostHaveSeparateListenersAndPortsStayOnLoopback() {
        JsonNode env = compose.at("/services/kafka/environment");
        String advertised = env.get("KAFKA_ADVERTISED_LISTENERS").asText();
        assertTrue(advertised.contains("//kafka:9092"), advertised);
        assertTrue(advertised.contains("//localhost:29092"), advertised);
        compose.get("services")
                .forEach(s -> s.path("ports")
                        .forEach(p -> assertTrue(
                                p.asText().startsWith("127.0.0.1:"), p.asText() + " is published beyond loopback")));
        assertEquals(
                "kafka:9092",
                compose.at("/services/analyzer/environment/REACTIONS_BOOTSTRAP_SERVERS")
                        .asText());
    }

    @Test
    void theApplicationKnowsEveryConfigKeyTheFileSets() {
        List<String> known =
                Arrays.stream(Settings.KEYS).map(Settings.Key::name).toList();
        for (String service : List.of("setup", "analyzer")) {
            compose.at("/services/" + service + "/environment").fieldNames().forEachRemaining(name -> {
                assertTrue(name.startsWith("REACTIONS_"), name);
                String key = Settings.keyOfEnv(name.substring("REACTIONS_".length()));
                assertTrue(known.contains(key), service + ": " + name + " maps to unknown key " + key);
            });
        }
    }
}
