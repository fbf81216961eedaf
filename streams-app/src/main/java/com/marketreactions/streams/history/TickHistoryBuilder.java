package com.marketreactions.streams.history;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** Builds the tick history around a logged RocksDB key-value store; caching is the history's own. */
public final class TickHistoryBuilder implements StoreBuilder<TickHistoryStore> {

    private StoreBuilder<KeyValueStore<Bytes, byte[]>> inner;

    /** A logged, persistent tick history named {@code name}. */
    public TickHistoryBuilder(String name, Map<String, String> changelogConfig) {
        this.inner = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingDisabled()
                .withLoggingEnabled(changelogConfig);
    }

    @Override
    public StoreBuilder<TickHistoryStore> withCachingEnabled() {
        return this;
    }

    @Override
    public StoreBuilder<TickHistoryStore> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<TickHistoryStore> withLoggingEnabled(Map<String, String> config) {
        inner = inner.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<TickHistoryStore> withLoggingDisabled() {
        inner = inner.withLoggingDisabled();
        return this;
    }

    @Override
    public TickHistoryStore build() {
        return new TickHistoryStore(inner.build());
    }

    @Override
    public Map<String, String> logConfig() {
        return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return inner.loggingEnabled();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
