package com.marketreactions.cli;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * The partitioner of a librdkafka client (C, Python, Go, .NET ...) with its default {@code consistent_random}:
 * CRC32 of the key bytes, unsigned, modulo the partition count; a null or empty key goes to a random
 * partition. Java clients hash with murmur2 instead, so records produced this way land on other partitions
 * than the topology would put them itself.
 */
public final class Crc32Partitioner implements Partitioner {

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionsForTopic(topic).size();
        if (keyBytes == null || keyBytes.length == 0) {
            return ThreadLocalRandom.current().nextInt(partitions);
        }
        return partition(keyBytes, partitions);
    }

    /** CRC32 of {@code keyBytes} (an unsigned 32-bit value) modulo {@code partitions}. */
    static int partition(byte[] keyBytes, int partitions) {
        CRC32 crc = new CRC32();
        crc.update(keyBytes);
        return (int) (crc.getValue() % partitions);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }

    @Override
    public void close() {
        // nothing to release
    }
}
