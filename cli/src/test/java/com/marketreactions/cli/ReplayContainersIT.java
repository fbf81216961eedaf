package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same replay scenarios against a Kafka container and an Apicurio Registry container. Skipped where no
 * Docker engine runs (as on the development machine), so the embedded-stack run is the one that counts there.
 */
@Testcontainers(disabledWithoutDocker = true)
class ReplayContainersIT extends ReplayScenarios {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.1"));

    @Container
    static final GenericContainer<?> REGISTRY = new GenericContainer<>(
                    DockerImageName.parse("apicurio/apicurio-registry:3.3.3"))
            .withExposedPorts(8080)
            .waitingFor(Wait.forHttp("/apis/ccompat/v7/subjects").forStatusCode(200));

    @Override
    ClientConfigs clients() {
        return ClientConfigs.of(
                KAFKA.getBootstrapServers(), "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8080));
    }
}
