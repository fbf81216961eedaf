package com.marketreactions.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka cluster of several nodes on 127.0.0.1, each in a JVM of its own ({@link BrokerProcess}). The
 * first three nodes are brokers and KRaft controllers in one (combined mode: a quorum of three survives the
 * loss of any one), further nodes are brokers only. Topics get three replicas with two in sync for a write.
 *
 * <p>Layout of the data dir: {@code kafka-N/} (node N's logs and metadata) and {@code kafka-N.log} (its
 * output). A cluster started again on the same dir keeps its id, topics and records.
 */
public final class BrokerCluster implements AutoCloseable {

    private static final int MAX_CONTROLLERS = 3;

    private final List<BrokerProcess> nodes;

    private BrokerCluster(List<BrokerProcess> nodes) {
        this.nodes = nodes;
    }

    /**
     * Launches {@code size} nodes and returns once every one serves.
     *
     * @param firstPort the first node's client port, the next ones follow it; 0 picks free ports
     * @throws StackException if a port is taken or a node does not come up in time (the others are stopped)
     */
    public static BrokerCluster start(Path dataDir, int size, int firstPort, Duration timeout) {
        if (size < 2) {
            throw new IllegalArgumentException("a cluster of processes has two nodes or more: " + size);
        }
        String clusterId =
                existingClusterId(dataDir).orElseGet(() -> Uuid.randomUuid().toString());
        int controllers = Math.min(size, MAX_CONTROLLERS);
        int[] controllerPorts = new int[controllers];
        for (int i = 0; i < controllers; i++) {
            controllerPorts[i] = Ports.free();
        }
        String voters = Stream.iterate(0, i -> i + 1)
                .limit(controllers)
                .map(i -> (i + 1) + "@" + Ports.HOST + ":" + controllerPorts[i])
                .collect(Collectors.joining(","));
        List<BrokerProcess> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int port = firstPort == 0 ? Ports.free() : Ports.requireFree(firstPort + i, "Kafka");
            nodes.add(new BrokerProcess(new BrokerSpec(
                    i + 1,
                    port,
                    i < controllers ? controllerPorts[i] : 0,
                    voters,
                    clusterId,
                    size,
                    dataDir.resolve("kafka-" + (i + 1)))));
        }
        BrokerCluster cluster = new BrokerCluster(List.copyOf(nodes));
        try {
            nodes.forEach(BrokerProcess::launch); // together: a node's startup waits for the quorum
            nodes.forEach(n -> n.awaitReady(timeout));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Every node's address, so that a client finds the cluster whichever node is down. */
    public String bootstrapServers() {
        return nodes.stream().map(BrokerProcess::bootstrapServers).collect(Collectors.joining(","));
    }

    /** The node with this id (1 and up). */
    public BrokerProcess node(int nodeId) {
        return nodes.stream()
                .filter(n -> n.nodeId() == nodeId)
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("no node " + nodeId + " in a cluster of " + nodes.size()));
    }

    public List<BrokerProcess> nodes() {
        return nodes;
    }

    /** Stops every node cleanly, together (each bounded in time). */
    @Override
    public void close() {
        List<Thread> stops = nodes.stream()
                .map(n -> Thread.ofPlatform().daemon().start(n::close))
                .toList();
        for (Thread t : stops) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The id node 1 was formatted with, if the dir holds a cluster already: a node new to it joins the same. */
    private static Optional<String> existingClusterId(Path dataDir) {
        Path meta = dataDir.resolve("kafka-1").resolve("meta.properties");
        if (!Files.exists(meta)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(meta)) {
            return lines.filter(l -> l.startsWith("cluster.id="))
                    .map(l -> l.substring("cluster.id=".length()))
                    .findFirst();
        } catch (IOException e) {
            throw new StackException("Cannot read the cluster id from " + meta + ": " + e.getMessage(), e);
        }
    }
}
