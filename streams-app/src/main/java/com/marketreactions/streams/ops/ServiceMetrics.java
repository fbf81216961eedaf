package com.marketreactions.streams.ops;

import com.marketreactions.streams.app.ReactionApp;
import com.marketreactions.streams.errors.DeadLetters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What {@code GET /metrics} shows, through Micrometer into a Prometheus registry: every metric of the Streams
 * client (Micrometer's Kafka Streams binder: threads, tasks, stores, its consumers and producers, and the
 * topology's own sensors, {@code ReactionMetrics}), the JVM's and the process's, and the service's own (records
 * dead-lettered, the client's state). Chosen over formatting the client's metrics by hand: the binder names and
 * types them as JVM services do (counters as counters, one tag set per name), and the JVM's come with it.
 *
 * <p>The binder looks for new client metrics once a minute; tasks and their sensors appear after each rebalance,
 * so it is bound again each time the client becomes RUNNING.
 */
final class ServiceMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Object lock = new Object();
    private KafkaStreamsMetrics streams;
    private ReactionApp app;

    ServiceMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        FunctionCounter.builder("market.reactions.dead.lettered", this, m -> DeadLetters.count())
                .description("Records written to the dead-letter topic, by every client of this process")
                .register(registry);
        for (KafkaStreams.State s : KafkaStreams.State.values()) {
            Gauge.builder("market.reactions.streams.state", this, m -> m.isIn(s) ? 1 : 0)
                    .description("1 for the Streams client's current state")
                    .tag("state", s.name())
                    .register(registry);
        }
    }

    /** Shows {@code a}'s metrics from now on, bound again whenever it becomes RUNNING. */
    void attach(ReactionApp a) {
        synchronized (lock) {
            app = a;
        }
        bindStreams(a);
        a.onRunning(() -> bindStreams(a));
    }

    private void bindStreams(ReactionApp a) {
        synchronized (lock) {
            if (app != a) {
                return;
            }
            if (streams != null) {
                streams.close();
            }
            streams = new KafkaStreamsMetrics(a.streams());
            streams.bindTo(registry);
        }
    }

    private boolean isIn(KafkaStreams.State s) {
        ReactionApp a = app;
        return a != null && a.state() == s;
    }

    /** The Prometheus text exposition of every meter. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (streams != null) {
                streams.close();
            }
            app = null;
        }
        gc.close();
        registry.close();
    }
}
