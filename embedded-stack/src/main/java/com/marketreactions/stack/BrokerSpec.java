package com.marketreactions.stack;

import com.marketreactions.common.Replication;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One KRaft node of an embedded cluster: who it is, where it listens and keeps its data, and the cluster it
 * belongs to. Every node of a cluster is given the same quorum and cluster id; the replication of the
 * internal topics follows the cluster's size (three copies, two in sync, from three brokers on).
 *
 * @param nodeId the node's id, 1 and up
 * @param port client port on 127.0.0.1
 * @param controllerPort controller port on 127.0.0.1, or 0 for a node that is only a broker
 * @param voters the controller quorum, {@code id@host:port,...}
 * @param clusterId the id every node is formatted with
 * @param clusterSize how many brokers the cluster has
 * @param logDir the node's data, formatted on its first start
 * @param security null for a plaintext listener; else clients (and the broker itself) connect with SASL/PLAIN over TLS
 */
public record BrokerSpec(
        int nodeId,
        int port,
        int controllerPort,
        String voters,
        String clusterId,
        int clusterSize,
        Path logDir,
        StackSecurity security) {

    static final String CONTROLLER = "CONTROLLER";

    public BrokerSpec {
        logDir = logDir.toAbsolutePath();
    }

    /** A node with a plaintext listener. */
    public BrokerSpec(
            int nodeId, int port, int controllerPort, String voters, String clusterId, int clusterSize, Path logDir) {
        this(nodeId, port, controllerPort, voters, clusterId, clusterSize, logDir, null);
    }

    boolean isController() {
        return controllerPort != 0;
    }

    String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    /** The node's broker settings. */
    Map<String, String> properties() {
        Map<String, String> p = new TreeMap<>();
        p.put("process.roles", isController() ? "broker,controller" : "broker");
        p.put("node.id", String.valueOf(nodeId));
        p.put("controller.quorum.voters", voters);
        p.put("controller.listener.names", CONTROLLER);
        // Kafka binds every interface unless told otherwise.
        String listener = security == null ? "PLAINTEXT" : "SASL_SSL";
        p.put(
                "listeners",
                listener + "://" + bootstrapServers()
                        + (isController() ? "," + CONTROLLER + "://" + Ports.HOST + ":" + controllerPort : ""));
        p.put("advertised.listeners", listener + "://" + bootstrapServers());
        p.put("listener.security.protocol.map", listener + ":" + listener + "," + CONTROLLER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", listener);
        if (security != null) {
            secure(p, security);
        }
        p.put("log.dirs", logDir.toString());
        // The cluster's own topics (offsets, transactions) like every other: on one node one replica, or
        // transactions never start; from three on three, two in sync.
        Replication replication = Replication.forBrokers(clusterSize);
        String factor = String.valueOf(replication.factor());
        String minInsync = String.valueOf(replication.minInsync());
        p.put("offsets.topic.replication.factor", factor);
        p.put("transaction.state.log.replication.factor", factor);
        p.put("transaction.state.log.min.isr", minInsync);
        p.put("share.coordinator.state.topic.replication.factor", factor);
        p.put("share.coordinator.state.topic.min.isr", minInsync);
        p.put("default.replication.factor", factor);
        p.put("min.insync.replicas", minInsync);
        // Fewer internal partitions than the production default of 50: faster first group join and first transaction.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        // The default 128 MiB heap buffer is sized for production compaction, not for changelogs of a demo.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        if (clusterSize > 1) {
            // A killed broker is fenced, and dropped from its partitions' in-sync replicas, after 3 s rather
            // than 9: writes with acks=all wait that long for it.
            p.put("broker.heartbeat.interval.ms", "500");
            p.put("broker.session.timeout.ms", "3000");
        }
        return p;
    }

    /**
     * SASL/PLAIN over TLS on the client listener, which the broker also uses to reach itself (transaction markers):
     * one user for clients, and the broker's own. The controller's listener stays plaintext on 127.0.0.1.
     */
    private static void secure(Map<String, String> p, StackSecurity s) {
        String prefix = "listener.name.sasl_ssl.";
        p.put("sasl.enabled.mechanisms", "PLAIN");
        p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        p.put(
                prefix + "plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"broker\" password=\""
                        + s.storePassword() + "\" user_broker=\"" + s.storePassword() + "\" user_" + s.user() + "=\""
                        + s.password() + "\";");
        p.put("ssl.keystore.location", s.keyStore().toString());
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.password", s.storePassword());
        p.put("ssl.key.password", s.storePassword());
        p.put("ssl.truststore.location", s.trustStore().toString());
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.password", s.storePassword());
    }

    /** The spec as a child process's arguments; {@link #fromArgs} reads them back. */
    List<String> toArgs() {
        if (security != null) {
            throw new StackException("a secured stack runs one broker, in this JVM");
        }
        return List.of(
                String.valueOf(nodeId),
                String.valueOf(port),
                String.valueOf(controllerPort),
                voters,
                clusterId,
                String.valueOf(clusterSize),
                logDir.toString());
    }

    static BrokerSpec fromArgs(String[] a) {
        if (a.length != 7) {
            throw new IllegalArgumentException("expected 7 arguments (node id, port, controller port, voters, "
                    + "cluster id, cluster size, log dir), got " + a.length);
        }
        return new BrokerSpec(
                Integer.parseInt(a[0]),
                Integer.parseInt(a[1]),
                Integer.parseInt(a[2]),
                a[3],
                a[4],
                Integer.parseInt(a[5]),
                Path.of(a[6]));
    }
}
