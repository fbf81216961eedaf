package com.marketreactions.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicationTest {

    @Test
    void threeReplicasTwoInSyncFromThreeBrokersOn() {
        assertEquals(new Replication((short) 1, 1), Replication.forBrokers(1));
        assertEquals(new Replication((short) 2, 1), Replication.forBrokers(2));
        assertEquals(new Replication((short) 3, 2), Replication.forBrokers(3));
        assertEquals(new Replication((short) 3, 2), Replication.forBrokers(7));
        assertEquals(
                Map.of("min.insync.replicas", "2"), Replication.forBrokers(3).topicConfig());
    }

    @Test
    void aClusterHasABroker() {
        assertThrows(IllegalArgumentException.class, () -> Replication.forBrokers(0));
    }
}
