package com.marketreactions.streams.ops;

import com.marketreactions.streams.ReactionApp;
import com.marketreactions.streams.errors.DeadLetters;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's small HTTP endpoint (JDK server, one thread, loopback unless configured otherwise):
 * <ul>
 *   <li>{@code GET /health/live}: 200 while the Streams client is alive (not failed, not shut down), else 503;</li>
 *   <li>{@code GET /health/ready}: 200 when it is RUNNING and the brokers answer, else 503;</li>
 *   <li>{@code GET /metrics}: Prometheus text format, every Streams client metric (including the
 *   topology's own sensors) and the dead-letter count.</li>
 * </ul>
 */
public final class OpsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);

    private final HttpServer server;
    private final ReactionApp app;
    private final BooleanSupplier brokersReachable;

    private OpsServer(HttpServer server, ReactionApp app, BooleanSupplier brokersReachable) {
        this.server = server;
        this.app = app;
        this.brokersReachable = brokersReachable;
    }

    /**
     * @param port 0 for any free port
     * @param brokersReachable asked on each readiness probe (should be cheap or cached)
     * @throws IllegalStateException with one readable line when the port is taken
     */
    public static OpsServer start(ReactionApp app, String host, int port, BooleanSupplier brokersReachable) {
        HttpServer s;
        try {
            s = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (BindException e) {
            throw new IllegalStateException("cannot serve HTTP on " + host + ":" + port + ": " + e.getMessage()
                    + " (is another instance running? set http.port)");
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve HTTP on " + host + ":" + port + ": " + e.getMessage());
        }
        OpsServer ops = new OpsServer(s, app, brokersReachable);
        s.createContext("/health/live", ex -> ops.health(ex, ops.live()));
        s.createContext("/health/ready", ex -> ops.health(ex, ops.ready()));
        s.createContext("/metrics", ops::metrics);
        s.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ops-http");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        LOG.info("health and metrics on http://{}:{}/ (health/live, health/ready, metrics)", host, ops.port());
        return ops;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private String live() {
        KafkaStreams.State st = app.state();
        return switch (st) {
            case ERROR, PENDING_ERROR, NOT_RUNNING, PENDING_SHUTDOWN -> null;
            default -> "alive, streams " + st;
        };
    }

    private String ready() {
        KafkaStreams.State st = app.state();
        if (st != KafkaStreams.State.RUNNING) {
            return null;
        }
        return brokersReachable.getAsBoolean() ? "ready, streams RUNNING" : null;
    }

    private void health(HttpExchange ex, String ok) throws IOException {
        String body = ok != null ? ok : "not " + (ex.getRequestURI().getPath().endsWith("ready") ? "ready" : "alive")
                + ", streams " + app.state() + (app.state() == KafkaStreams.State.RUNNING ? ", brokers unreachable" : "");
        respond(ex, ok != null ? 200 : 503, "text/plain; charset=utf-8", body + "\n");
    }

    private void metrics(HttpExchange ex) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("# TYPE market_reactions_dead_lettered_total counter\n");
        b.append("market_reactions_dead_lettered_total ").append(DeadLetters.count()).append('\n');
        b.append("# TYPE market_reactions_streams_state gauge\n");
        b.append("market_reactions_streams_state{state=\"").append(app.state()).append("\"} 1\n");
        for (Map.Entry<MetricName, ? extends Metric> e : app.streams().metrics().entrySet()) {
            Object v = e.getValue().metricValue();
            if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                b.append(PrometheusNames.of(e.getKey())).append(' ').append(n.doubleValue()).append('\n');
            }
        }
        respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", b.toString());
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** How long an answer of {@link BrokerProbe} is reused. */
    static final Duration PROBE_CACHE = Duration.ofSeconds(2);
}
