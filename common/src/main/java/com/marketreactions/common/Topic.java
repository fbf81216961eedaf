package com.marketreactions.common;

import org.apache.kafka.common.serialization.Serde;

/**
 * One topic's contract: its name with the serdes of its key and value. Instances come only from
 * {@link Topics}, so a topic name never appears as a literal anywhere else.
 *
 * @param compacted whether the topic is created with cleanup.policy=compact (latest value per key)
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {}
