package com.marketreactions.streams.topology;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the history stores keep of a tick: price and size in 16 bytes (the symbol is the store key, the
 * time is the window timestamp). Fixed-width and schema-free because it is written once per tick.
 */
final class TickValueSerde implements Serde<TickValueSerde.TickValue> {

    record TickValue(double price, long size) {
    }

    @Override
    public Serializer<TickValue> serializer() {
        return (topic, v) -> v == null ? null : ByteBuffer.allocate(16).putDouble(v.price()).putLong(v.size()).array();
    }

    @Override
    public Deserializer<TickValue> deserializer() {
        return (topic, b) -> {
            if (b == null) {
                return null;
            }
            ByteBuffer buf = ByteBuffer.wrap(b);
            return new TickValue(buf.getDouble(), buf.getLong());
        };
    }
}
