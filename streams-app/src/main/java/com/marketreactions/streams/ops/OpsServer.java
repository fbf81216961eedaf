package com.marketreactions.streams.ops;

import com.marketreactions.streams.app.ReactionApp;
import com.marketreactions.streams.web.ChartJson;
import com.marketreactions.streams.web.ReactionChart;
import com.marketreactions.streams.web.WebAssets;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's small HTTP endpoint (JDK server, loopback unless configured otherwise):
 * <ul>
 *   <li>{@code GET /health/live}: 200 while the Streams client is alive (not failed, not shut down), else 503;</li>
 *   <li>{@code GET /health/ready}: 200 when it is RUNNING and the brokers answer, else 503;</li>
 *   <li>{@code GET /metrics}: Prometheus text format ({@link ServiceMetrics}): every Streams client metric
 *   (including the topology's own sensors), the JVM's, the dead-letter count and the client's state;</li>
 *   <li>{@code GET /reactions/ticker/{T}}: the latest reaction per (news, horizon) of a ticker, answered by the
 *   instance that owns the ticker's partition (another instance forwards the request there);</li>
 *   <li>{@code GET /reactions/news/{id}}: every reaction of a news event, gathered from all instances;</li>
 *   <li>both cut to the newest {@link ReactionQueries#MAX_REACTIONS} and {@link Answer#MAX_LIST_BYTES} per instance,
 *   said by the header {@value Answer#TRUNCATED}{@code : true};</li>
 *   <li>{@code GET /}: the live page; {@code /assets/*} its files; {@code /events} the reactions as server-sent
 *   events ({@link ReactionFeed}); {@code /chart/{newsId}/{ticker}} a chart's JSON from the owner's tick
 *   history ({@link ChartQuery}, forwarded like the ticker query).</li>
 * </ul>
 * Read-only: methods other than GET and HEAD are 405; a path that is not valid percent-encoding is 400, unknown paths
 * 404. An error's reply is a fixed text that names the problem: it never repeats the request, nor what another
 * instance answered (that goes to the log).
 * It is bound before the Streams client is created, because the client must be told its own address
 * ({@code application.server}) for the queries to find each other; {@link #attach} then hands it the client.
 */
public final class OpsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final HttpServer server;
    private final ServiceMetrics metrics = new ServiceMetrics();
    private final BooleanSupplier brokersReachable;
    private final Peers peers = new Peers();
    private volatile ReactionApp app;
    private volatile HostInfo self;
    private volatile ReactionFeed feed;
    private volatile ZoneId zone = ZoneId.of("America/New_York");
    private static final int MAX_STREAMS = 32;
    /** Threads for requests other than the event streams. */
    private static final int WORKERS = 8;
    /** Requests that may wait for a thread. */
    private static final int WAITING = 64;

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private OpsServer(HttpServer server, BooleanSupplier brokersReachable) {
        this.server = server;
        this.brokersReachable = brokersReachable;
    }

    /** Why {@code host:port} cannot be served, in one line. */
    public static String cannotBind(String host, int port, IOException e) {
        return "cannot serve HTTP on " + host + ":" + port + ": " + e.getMessage()
                + (e instanceof BindException ? " (is another instance running? set http.port)" : "");
    }

    /**
     * Binds the endpoint; until {@link #attach} it answers 503.
     *
     * @param port 0 for any free port
     * @param brokersReachable asked on each readiness probe (should be cheap or cached)
     * @throws IllegalStateException with one readable line when the port is taken
     */
    public static OpsServer bind(String host, int port, BooleanSupplier brokersReachable) {
        HttpServer s;
        try {
            s = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new IllegalStateException(cannotBind(host, port, e));
        }
        OpsServer ops = new OpsServer(s, brokersReachable);
        s.createContext("/health/live", endpoint(ex -> ops.health(ex, false)));
        s.createContext("/health/ready", endpoint(ex -> ops.health(ex, true)));
        s.createContext("/metrics", endpoint(ops::metrics));
        s.createContext("/reactions/ticker/", endpoint(ops::byTicker));
        s.createContext("/reactions/news/", endpoint(ops::byNews));
        s.createContext("/", endpoint(ops::page));
        s.createContext("/assets/", endpoint(ops::asset));
        s.createContext("/events", endpoint(ops::events));
        s.createContext("/chart/", endpoint(ops::chart));
        s.createContext("/study", endpoint(ops::study));
        s.setExecutor(executor());
        s.start();
        LOG.info("health, metrics and queries on http://{}:{}/", host, ops.port());
        return ops;
    }

    /** Every endpoint: read-only, and a path that does not decode is the client's error, not a dropped connection. */
    private static HttpHandler endpoint(HttpHandler handler) {
        return ex -> {
            if (!readOnly(ex)) {
                return;
            }
            try {
                handler.handle(ex);
            } catch (BadPath e) {
                respond(ex, 400, "text/plain; charset=utf-8", "bad request: the path is not valid percent-encoding\n");
            }
        };
    }

    /**
     * A bounded pool: the live page's event streams hold a thread each (at most {@link #MAX_STREAMS}), the other
     * requests share {@link #WORKERS} more, and at most {@link #WAITING} wait for one. A request beyond that is
     * refused, and the server closes its connection: a flood of requests costs threads and memory up to these
     * bounds, never more.
     */
    private static ThreadPoolExecutor executor() {
        int threads = MAX_STREAMS + WORKERS;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads,
                threads,
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(WAITING),
                r -> {
                    Thread t = new Thread(r, "ops-http");
                    t.setDaemon(true);
                    return t;
                },
                (r, p) -> {
                    throw new RejectedExecutionException(
                            "all " + threads + " HTTP threads busy and " + WAITING + " requests waiting");
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Starts answering for {@code app}; {@code advertised} is this endpoint as other instances reach it. */
    public void attach(ReactionApp app, HostInfo advertised) {
        this.self = advertised;
        this.app = app;
        metrics.attach(app);
    }

    /** The live page's reactions: the page shows what {@code feed} reads. */
    public void feed(ReactionFeed feed) {
        this.feed = feed;
    }

    /** The exchange's time zone, in which the live page shows times. */
    public void zone(ZoneId zone) {
        this.zone = zone;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void health(HttpExchange ex, boolean readiness) throws IOException {
        ReactionApp a = app;
        KafkaStreams.State st = a == null ? KafkaStreams.State.CREATED : a.state();
        boolean alive = a != null
                && switch (st) {
                    case ERROR, PENDING_ERROR, NOT_RUNNING, PENDING_SHUTDOWN -> false;
                    default -> true;
                };
        boolean ok = readiness ? st == KafkaStreams.State.RUNNING && brokersReachable.getAsBoolean() : alive;
        String body = (ok ? "" : "not ") + (readiness ? "ready" : "alive") + ", streams " + st
                + (readiness && !ok && st == KafkaStreams.State.RUNNING ? ", brokers unreachable" : "");
        respond(ex, ok ? 200 : 503, "text/plain; charset=utf-8", body + "\n");
    }

    private void metrics(HttpExchange ex) throws IOException {
        respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
    }

    private void byTicker(HttpExchange ex) throws IOException {
        String ticker = lastSegment(ex).toUpperCase(java.util.Locale.ROOT);
        query(ex, q -> {
            Optional<HostInfo> owner = Peers.isLocal(ex) ? Optional.empty() : q.ownerOf(ticker, self);
            if (owner.isPresent()) {
                return peers.forward(owner.get(), "/reactions/ticker/" + Peers.encode(ticker));
            }
            return list(q.localByTicker(ticker, ReactionQueries.MAX_REACTIONS));
        });
    }

    private void byNews(HttpExchange ex) throws IOException {
        String newsId = lastSegment(ex);
        query(ex, q -> {
            Answer mine = list(q.localByNews(newsId));
            return peers.gathered(ex, q, self, mine, "/reactions/news/" + Peers.encode(newsId));
        });
    }

    private static Answer list(ReactionQueries.Newest reactions) {
        return Answer.list(reactions.reactions(), reactions.truncated());
    }

    /**
     * {@code GET /study}: the event study of every group and horizon (each held by the instance of its partition),
     * gathered from all instances; {@code /study/{prefix}} only the groups that start with it.
     */
    private void study(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String prefix = path.length() > "/study/".length() ? decoded(path.substring("/study/".length())) : "";
        query(ex, q -> {
            List<com.marketreactions.schema.EventStudy> mine = new ArrayList<>(q.localStudies());
            mine.removeIf(st -> !st.getGroup().startsWith(prefix));
            return peers.gathered(ex, q, self, Answer.list(mine, false), "/study/" + Peers.encode(prefix));
        });
    }

    /** {@code GET /}: the live page. Any other path no context claims is 404. */
    private void page(HttpExchange ex) throws IOException {
        if (!ex.getRequestURI().getRawPath().equals("/")) {
            respond(ex, 404, "text/plain; charset=utf-8", "no such page\n");
            return;
        }
        respond(
                ex,
                200,
                "text/html; charset=utf-8",
                WebAssets.page("dashboard.html").replace("{{ZONE}}", zone.getId()));
    }

    /** {@code GET /assets/NAME}: uPlot and the page's script and style, shipped in the jar. */
    private void asset(HttpExchange ex) throws IOException {
        String name = lastSegment(ex);
        String body = WebAssets.asset(name);
        if (body == null) {
            respond(ex, 404, "text/plain; charset=utf-8", "no such asset\n");
            return;
        }
        respond(ex, 200, (name.endsWith(".js") ? "text/javascript" : "text/css") + "; charset=utf-8", body);
    }

    /**
     * {@code GET /events}: server-sent events, one {@code data:} line per reaction (its JSON), first the latest
     * ones so far, then each as it is read from the reaction topic; a comment every 15 s keeps it open.
     */
    private void events(HttpExchange ex) throws IOException {
        ReactionFeed f = feed;
        if (f == null || f.subscribers() >= MAX_STREAMS) {
            respond(
                    ex,
                    503,
                    "text/plain; charset=utf-8",
                    f == null ? "no reaction feed here\n" : "too many live pages open (" + MAX_STREAMS + ")\n");
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        ReactionFeed.Subscriber s = f.subscribe();
        java.util.concurrent.BlockingQueue<String> q = s.queue;
        try (OutputStream out = ex.getResponseBody()) {
            while (!s.dropped()) {
                String json = q.poll(KEEP_ALIVE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                out.write((json == null ? ": keep-alive\n\n" : "data: " + json + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                if (q.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            LOG.debug("a live page went away: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            f.unsubscribe(s);
        }
    }

    /** {@code GET /chart/{newsId}/{ticker}}: the chart's JSON, answered by the instance that owns the ticker. */
    private void chart(HttpExchange ex) throws IOException {
        String[] parts =
                ex.getRequestURI().getRawPath().substring("/chart/".length()).split("/");
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            respond(ex, 404, "text/plain; charset=utf-8", "use /chart/{newsId}/{ticker}\n");
            return;
        }
        String newsId = decoded(parts[0]);
        String ticker = decoded(parts[1]).toUpperCase(java.util.Locale.ROOT);
        ReactionApp a = app;
        query(ex, q -> {
            Optional<HostInfo> owner = Peers.isLocal(ex) ? Optional.empty() : q.ownerOf(ticker, self);
            if (owner.isPresent()) {
                return peers.forward(owner.get(), "/chart/" + Peers.encode(newsId) + "/" + Peers.encode(ticker));
            }
            Optional<ReactionChart> c = ChartQuery.local(a.streams(), q, newsId, ticker, a.config());
            return c.isEmpty() ? null : Answer.of(JSON.writeValueAsString(ChartJson.of(c.get(), 0, zone)));
        });
    }

    /** Only GET and HEAD: the endpoint is read-only. */
    private static boolean readOnly(HttpExchange ex) throws IOException {
        String m = ex.getRequestMethod();
        if (m.equals("GET") || m.equals("HEAD")) {
            return true;
        }
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(ex, 405, "text/plain; charset=utf-8", "read-only: use GET or HEAD\n");
        return false;
    }

    private interface Query {
        /** The answer, or null when there is nothing here (404). */
        Answer answer(ReactionQueries q) throws IOException, InterruptedException;
    }

    private void query(HttpExchange ex, Query query) throws IOException {
        ReactionApp a = app;
        if (a == null || a.state() != KafkaStreams.State.RUNNING) {
            respond(
                    ex,
                    503,
                    "text/plain; charset=utf-8",
                    "not ready to answer queries, streams " + (a == null ? "not started" : a.state()) + "\n");
            return;
        }
        try {
            Answer answer = query.answer(new ReactionQueries(a.streams()));
            if (answer == null) {
                respond(ex, 404, "text/plain; charset=utf-8", "nothing here\n");
                return;
            }
            if (answer.truncated()) {
                ex.getResponseHeaders().set(Answer.TRUNCATED, "true");
            }
            respond(ex, 200, "application/json", answer.json());
        } catch (InvalidStateStoreException e) {
            respond(ex, 503, "text/plain; charset=utf-8", "the store is moving (rebalance); try again\n");
        } catch (IOException | InterruptedException e) {
            // another instance's failure: its address, status and answer are for this log, not for the client
            LOG.warn("a query for another instance's data failed: {}", e.toString());
            // its 503 is this one's: the data is there, not yet answerable
            respond(ex, e instanceof Peers.NotReady ? 503 : 502, "text/plain; charset=utf-8", peerFailure(e));
        }
    }

    /** The reply when another instance fails a query: fixed, naming the problem only. */
    static String peerFailure(Exception e) {
        return e instanceof Peers.NotReady
                ? "the instance that holds the data is not ready; try again\n"
                : "the instance that holds the data did not answer; try again\n";
    }

    private static String lastSegment(HttpExchange ex) {
        String path = ex.getRequestURI().getRawPath();
        return decoded(path.substring(path.lastIndexOf('/') + 1));
    }

    /**
     * A path segment decoded, or {@link BadPath}. The JDK server already refuses a request whose path is not a valid
     * URI (400), so this is the second line: a bad escape must never drop the connection.
     */
    private static String decoded(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadPath();
        }
    }

    /** A path that is not valid percent-encoding ({@code %zz}): answered 400 by {@link #endpoint}. */
    private static final class BadPath extends RuntimeException {
        BadPath() {
            super("not valid percent-encoding", null, false, false);
        }
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        // a reply to HEAD has no body: the server sends none and refuses to be given one
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        metrics.close();
    }
}
