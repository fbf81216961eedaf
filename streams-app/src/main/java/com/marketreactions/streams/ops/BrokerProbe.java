package com.marketreactions.streams.ops;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether the brokers answer: a cluster description with a short timeout, reused for a couple of seconds so
 * that frequent probes do not turn into load. Streams stays RUNNING for a while when the brokers go away;
 * this is what makes readiness drop.
 */
public final class BrokerProbe implements BooleanSupplier, AutoCloseable {

    private static final int TIMEOUT_MS = 2000;
    /** How long an answer is reused. */
    private static final Duration CACHE = Duration.ofSeconds(2);

    private final Admin admin;
    private long checkedAt;
    private boolean reachable;

    public BrokerProbe(Map<String, Object> clientConfig) {
        Map<String, Object> c = new java.util.HashMap<>(clientConfig);
        c.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.admin = Admin.create(c);
    }

    @Override
    public synchronized boolean getAsBoolean() {
        long now = System.nanoTime();
        if (checkedAt != 0 && now - checkedAt < CACHE.toNanos()) {
            return reachable;
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes()
                    .get(TIMEOUT_MS + 500, TimeUnit.MILLISECONDS);
            reachable = true;
        } catch (Exception e) {
            reachable = false;
        }
        checkedAt = System.nanoTime();
        return reachable;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
