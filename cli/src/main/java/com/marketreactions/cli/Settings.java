package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.InputLimits;
import com.marketreactions.common.RegistryOptions;
import com.marketreactions.common.TopicRetention;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.reaction.NormalModel;
import com.marketreactions.streams.reaction.SessionConfig;
import com.marketreactions.streams.story.StoryConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Every configuration key of the application, with its default and meaning, in one place. Values come from
 * the defaults here, overridden by a properties file ({@code --config}), overridden by environment variables
 * ({@code REACTIONS_} + the key upper-cased with dots and dashes as underscores, e.g. {@code REACTIONS_GRACE}).
 * Keys under {@code kafka.}, {@code streams.} and {@code registry.} pass through to the Kafka
 * clients, the Streams config and the registry serdes (SASL, TLS, registry auth need no code change).
 */
public final class Settings {

    /** A documented key. */
    public record Key(String name, String dflt, String doc) {}

    public static final Key BOOTSTRAP = new Key(
            "bootstrap.servers",
            "",
            "Kafka bootstrap servers; empty = start the embedded stack (demo, replay) or fail (serve, produce, tail)");
    public static final Key REGISTRY = new Key(
            "registry.url",
            "",
            "Schema registry: the root of its Confluent API (e.g. http://host:8081), or an Apicurio server's root");
    public static final Key CONNECT_TIMEOUT = new Key(
            "connect.timeout",
            "PT5S",
            "How long a command that uses a cluster waits for Kafka's first answer (a description of the cluster) "
                    + "before it stops with one line naming the servers it tried and what a TCP connect to each found; raise it "
                    + "for a far cluster");
    public static final Key APP_ID = new Key("application.id", "market-reactions", "Kafka Streams application id");
    public static final Key TOPIC_PREFIX = new Key("topic.prefix", "", "Prefix of every topic name");
    public static final Key PARTITIONS =
            new Key("topic.partitions", "2", "Partitions of topics the app creates (news and ticks must match)");
    public static final Key RETENTION_BYTES = new Key(
            "topic.retention.bytes",
            Long.toString(10L << 30),
            "Most bytes a partition of news, ticks and dead-letters keeps when the app creates them (setup, serve, "
                    + "produce); the oldest published records go first; -1 = no bound");
    public static final Key RETENTION_TIME = new Key(
            "topic.retention.time",
            "-1",
            "Most record time a partition of news, ticks and dead-letters keeps when the app creates them, counted "
                    + "from each record's event time (history older than this is deleted as soon as its segment "
                    + "closes, read or not); -1 = no bound");
    public static final Key STATE_DIR = new Key("state.dir", "state", "Directory of the local state stores");
    public static final Key HORIZONS = new Key("horizons", "PT5M,PT30M,PT1H,P1D", "Reaction horizons (ISO-8601)");
    public static final Key BENCHMARK = new Key("benchmark", "SPY", "Market proxy symbol");
    public static final Key ESTIMATION =
            new Key("estimation.window", "P5D", "History for the normal-return model and the baseline look-back");
    public static final Key MIN_POINTS = new Key(
            "min.points",
            "30",
            "Fewest estimation points for the market model (fewer: market-adjusted), and for any model's sigma not to be "
                    + "flagged SHORT_ESTIMATION");
    public static final Key MODEL = new Key(
            "reaction.model",
            NormalModel.MARKET.label(),
            "Normal-return model: market (OLS alpha and beta; market-adjusted below min.points or on a constant "
                    + "benchmark), market-adjusted (alpha 0, beta 1) or constant-mean (beta 0: the stock's own mean)");
    public static final Key GRACE = new Key("grace", "PT1M", "How late a tick may arrive and still count");
    public static final Key LATENESS =
            new Key("news.lateness", "PT5M", "How late a news event may arrive and still be computed exactly");
    public static final Key THRESHOLD = new Key("direction.threshold", "0.005", "|return| beyond which UP/DOWN");
    public static final Key IDLE = new Key(
            "idle.timeout",
            "PT30S",
            "Wall time without ticks after which a quiet symbol follows its partition's newest tick, and a wholly "
                    + "silent partition's clock the wall clock");

    public static final Key PROVISIONAL = new Key(
            "provisional.interval",
            "PT1M",
            "Least stream time between PROVISIONAL updates of one reaction; PT0S switches them off");

    public static final Key BENCHMARK_WAIT = new Key(
            "benchmark.wait",
            "PT10M",
            "Wall time reactions wait for a silent benchmark while stocks trade, then close flagged BENCHMARK_STALLED");

    public static final Key NIGHT_RATIO = new Key(
            "night.variance.ratio",
            Double.toString(SessionConfig.defaults().nightRatio()),
            "Variance of a night as a share of a trading day's, that z-scores assume before they count the estimation "
                    + "window's own nights (weighing as ten nights)");

    public static final Key STORIES = new Key(
            "story.enabled",
            "true",
            "Group news items about a ticker into stories (storyId, repeat, novelty on every reaction)");
    public static final Key STORY_THRESHOLD = new Key(
            "story.threshold",
            Double.toString(StoryConfig.defaults().threshold()),
            "Least text similarity (weighted overlap of the items' terms) for a report to repeat an earlier one");
    public static final Key STORY_WINDOW = new Key(
            "story.window", "P1D", "How far back a report links to an earlier report of its story (at most P7D)");

    public static final Key NEWS_MAX_TICKERS = new Key(
            InputLimits.TICKERS,
            Integer.toString(InputLimits.defaults().tickers()),
            "Most tickers a news event may name; a news event naming more is rejected as invalid");
    public static final Key NEWS_MAX_TAGS = new Key(
            InputLimits.TAGS,
            Integer.toString(InputLimits.defaults().tags()),
            "Most tags a news event may carry; more are rejected as invalid");
    public static final Key NEWS_MAX_FIELD_CHARS = new Key(
            InputLimits.FIELD_CHARS,
            Integer.toString(InputLimits.defaults().fieldChars()),
            "Longest id, source, headline, url or tag of a news event, in characters; longer is rejected as invalid");
    public static final Key NEWS_MAX_SUMMARY_CHARS = new Key(
            InputLimits.SUMMARY_CHARS,
            Integer.toString(InputLimits.defaults().summaryChars()),
            "Longest summary of a news event, in characters; longer is rejected as invalid");

    public static final Key MAX_AHEAD = new Key(
            InputLimits.MAX_AHEAD,
            InputLimits.defaults().maxAhead().toString(),
            "How far a tick's or news event's time may be ahead of the clock; further is rejected as invalid");
    public static final Key MAX_JUMP = new Key(
            InputLimits.MAX_JUMP,
            InputLimits.defaults().maxJump().toString(),
            "How far a tick's time may be ahead of the ticks its partition passed on before it; further, it waits "
                    + "until they come within this of it");
    public static final Key ALLOW_WEAKER_GUARANTEE = new Key(
            "serve.allow.weaker.guarantee",
            "false",
            "Let serve run with a streams.processing.guarantee other than exactly_once_v2 (a crash may then "
                    + "duplicate or lose reactions)");

    public static final Key SERVE_END_MARKERS = new Key(
            "serve.end.markers",
            "false",
            "Let serve end its input at end-of-input markers on the ticks and news topics, as a replay does (for a "
                    + "service run over a bounded input that a trusted producer ends); otherwise they are ignored "
                    + "and counted, as any producer can write one");

    public static final Key EXCHANGE_ZONE = new Key(
            "exchange.zone",
            "America/New_York",
            "Time zone of the exchange (an IANA zone id): the clock of the z-score's parts of the day and nights, and "
                    + "of the times the report and the live page show");

    public static final Key HTTP_HOST =
            new Key("http.host", "127.0.0.1", "Interface of the service's health and metrics endpoint");
    public static final Key HTTP_PORT =
            new Key("http.port", "7070", "Port of the health and metrics endpoint; 0 = any free port, -1 = none");

    public static final Key[] KEYS = {
        BOOTSTRAP,
        REGISTRY,
        CONNECT_TIMEOUT,
        APP_ID,
        TOPIC_PREFIX,
        PARTITIONS,
        RETENTION_BYTES,
        RETENTION_TIME,
        STATE_DIR,
        HORIZONS,
        BENCHMARK,
        ESTIMATION,
        MIN_POINTS,
        MODEL,
        GRACE,
        LATENESS,
        THRESHOLD,
        IDLE,
        PROVISIONAL,
        BENCHMARK_WAIT,
        NIGHT_RATIO,
        STORIES,
        STORY_THRESHOLD,
        STORY_WINDOW,
        NEWS_MAX_TICKERS,
        NEWS_MAX_TAGS,
        NEWS_MAX_FIELD_CHARS,
        NEWS_MAX_SUMMARY_CHARS,
        MAX_AHEAD,
        MAX_JUMP,
        ALLOW_WEAKER_GUARANTEE,
        SERVE_END_MARKERS,
        EXCHANGE_ZONE,
        HTTP_HOST,
        HTTP_PORT
    };
    private static final String[] PASS_THROUGH = {"kafka.", "streams.", "registry."};

    private final Map<String, String> values;
    private final Map<String, String> origin;

    private Settings(Map<String, String> values, Map<String, String> origin) {
        this.values = values;
        this.origin = origin;
    }

    /** Defaults, then {@code file} (may be null), then the environment. */
    public static Settings load(Path file, Map<String, String> env) {
        return load(null, file, env);
    }

    /**
     * Defaults, then a Kafka client properties file as Confluent's clients take it ({@code clientConfig}, may be
     * null: {@link ClientProperties}), then {@code file} (may be null), then the environment.
     */
    public static Settings load(ClientProperties clientConfig, Path file, Map<String, String> env) {
        Map<String, String> v = new LinkedHashMap<>();
        Map<String, String> o = new LinkedHashMap<>();
        for (Key k : KEYS) {
            v.put(k.name(), k.dflt());
            o.put(k.name(), "default");
        }
        if (clientConfig != null) {
            clientConfig.settings().forEach((name, value) -> put(v, o, name, value, "--client-config"));
        }
        if (file != null) {
            if (!Files.isReadable(file)) {
                throw new UserError(file + ": no such config file");
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new UserError(file + ": cannot read config: " + e.getMessage());
            }
            for (String name : new TreeMap<>(toMap(p)).keySet()) {
                put(v, o, name, p.getProperty(name).trim(), file.toString());
            }
        }
        env.forEach((name, value) -> {
            if (name.startsWith("REACTIONS_")) {
                put(v, o, keyOfEnv(name.substring("REACTIONS_".length())), value.trim(), "environment " + name);
            }
        });
        Settings s = new Settings(v, o);
        s.reactionConfig(); // validate now, with the origin of a bad value in the message
        s.partitions();
        s.topicRetention();
        s.exchangeZone();
        s.connectTimeout();
        return s;
    }

    private static Map<String, String> toMap(Properties p) {
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(n -> m.put(n, p.getProperty(n)));
        return m;
    }

    private static void put(Map<String, String> v, Map<String, String> o, String name, String value, String from) {
        boolean known = Arrays.stream(KEYS).anyMatch(k -> k.name().equals(name))
                || Arrays.stream(PASS_THROUGH).anyMatch(name::startsWith);
        if (!known) {
            throw new UserError(from + ": unknown config key '" + name + "' (see ./reactions serve --help)");
        }
        v.put(name, value);
        o.put(name, from);
    }

    /** Maps {@code GRACE} to {@code grace}, {@code NEWS_LATENESS} to {@code news.lateness}. */
    static String keyOfEnv(String env) {
        String lower = env.toLowerCase(Locale.ROOT);
        for (Key k : KEYS) {
            if (k.name().replace('.', '_').replace('-', '_').equals(lower)) {
                return k.name();
            }
        }
        return lower.replace('_', '.');
    }

    public String get(Key k) {
        return values.get(k.name());
    }

    /** Overrides a value from a command-line flag. */
    public Settings with(Key k, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> v = new LinkedHashMap<>(values);
        Map<String, String> o = new LinkedHashMap<>(origin);
        v.put(k.name(), value);
        o.put(k.name(), "flag");
        return new Settings(v, o);
    }

    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, val) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), val);
            }
        });
        return out;
    }

    public int partitions() {
        try {
            int n = Integer.parseInt(get(PARTITIONS));
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(PARTITIONS, "a positive integer");
        }
    }

    /** The retention of the topics the service creates that are not compacted. */
    public TopicRetention topicRetention() {
        long bytes;
        try {
            bytes = Long.parseLong(get(RETENTION_BYTES).trim());
            if (bytes < -1 || bytes == 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw bad(RETENTION_BYTES, "a positive number of bytes, or -1 (no bound)");
        }
        long ms = -1;
        if (!get(RETENTION_TIME).trim().equals("-1")) {
            try {
                ms = Duration.parse(get(RETENTION_TIME).trim().toUpperCase(Locale.ROOT))
                        .toMillis();
                if (ms <= 0) {
                    throw new DateTimeParseException("not positive", get(RETENTION_TIME), 0);
                }
            } catch (DateTimeParseException | ArithmeticException e) {
                throw bad(RETENTION_TIME, "a positive ISO-8601 duration such as P7D, or -1 (no bound)");
            }
        }
        return new TopicRetention(bytes, ms);
    }

    /** The zone the report and the live page show times in. */
    public ZoneId exchangeZone() {
        try {
            return ZoneId.of(get(EXCHANGE_ZONE).trim());
        } catch (DateTimeException e) {
            throw bad(EXCHANGE_ZONE, "a time zone id such as America/New_York or Europe/London");
        }
    }

    /** How long a command waits for the cluster's first answer ({@link #CONNECT_TIMEOUT}). */
    public Duration connectTimeout() {
        try {
            Duration d = Duration.parse(get(CONNECT_TIMEOUT).trim().toUpperCase(Locale.ROOT));
            if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
                throw new DateTimeParseException("out of range", get(CONNECT_TIMEOUT), 0);
            }
            return d;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw bad(CONNECT_TIMEOUT, "a positive ISO-8601 duration such as PT5S");
        }
    }

    /** The health and metrics port, or -1 for none. */
    public int httpPort() {
        try {
            int p = Integer.parseInt(get(HTTP_PORT).trim());
            if (p < -1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw bad(HTTP_PORT, "a port number, 0 (any free port) or -1 (none)");
        }
    }

    public ReactionConfig reactionConfig() {
        try {
            return new ReactionConfig(
                    Arrays.stream(get(HORIZONS).split(","))
                            .map(String::trim)
                            .filter(s -> !s.isEmpty())
                            .map(Horizon::parse)
                            .toList(),
                    get(BENCHMARK).trim().toUpperCase(Locale.ROOT),
                    duration(ESTIMATION),
                    integer(MIN_POINTS),
                    model(),
                    duration(GRACE),
                    duration(LATENESS),
                    number(THRESHOLD),
                    duration(IDLE),
                    duration(PROVISIONAL),
                    duration(BENCHMARK_WAIT),
                    new StoryConfig(bool(STORIES), number(STORY_THRESHOLD), duration(STORY_WINDOW)),
                    new SessionConfig(exchangeZone(), number(NIGHT_RATIO)),
                    new InputLimits(
                            integer(NEWS_MAX_TICKERS),
                            integer(NEWS_MAX_TAGS),
                            integer(NEWS_MAX_FIELD_CHARS),
                            integer(NEWS_MAX_SUMMARY_CHARS),
                            duration(MAX_AHEAD),
                            duration(MAX_JUMP)),
                    bool(SERVE_END_MARKERS));
        } catch (IllegalArgumentException e) {
            throw new UserError("invalid configuration: " + e.getMessage());
        }
    }

    public ClientConfigs clients(String bootstrap, String registry) {
        Map<String, String> registrySettings = withPrefix("registry.");
        registrySettings.remove(REGISTRY.name().substring("registry.".length())); // the URL is a setting of its own
        try {
            RegistryOptions.of(registrySettings);
        } catch (IllegalArgumentException e) {
            throw new UserError("invalid configuration: " + e.getMessage());
        }
        return new ClientConfigs(bootstrap, registry, withPrefix("kafka."), registrySettings);
    }

    /** The normal-return model ({@link #MODEL}). */
    public NormalModel model() {
        try {
            return NormalModel.parse(get(MODEL));
        } catch (IllegalArgumentException e) {
            throw bad(MODEL, NormalModel.labels());
        }
    }

    private Duration duration(Key k) {
        try {
            return Duration.parse(get(k).toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw bad(k, "an ISO-8601 duration such as PT1M or P5D");
        }
    }

    /**
     * Refuses a Streams processing guarantee other than exactly-once unless {@code serve.allow.weaker.guarantee}
     * says the user means it: the contract's "every FINAL exactly once" holds only with it.
     */
    void checkGuarantee() {
        String g = withPrefix("streams.").get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        if (g != null && !g.trim().equals(StreamsConfig.EXACTLY_ONCE_V2) && !bool(ALLOW_WEAKER_GUARANTEE)) {
            throw new UserError("streams." + StreamsConfig.PROCESSING_GUARANTEE_CONFIG + "=" + g.trim()
                    + ": the service runs " + StreamsConfig.EXACTLY_ONCE_V2 + ", so that a crash neither repeats nor "
                    + "loses a reaction; set " + ALLOW_WEAKER_GUARANTEE.name() + "=true if you mean it");
        }
    }

    private boolean bool(Key k) {
        String v = get(k).trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw bad(k, "true or false");
        }
        return v.equals("true");
    }

    private int integer(Key k) {
        try {
            return Integer.parseInt(get(k));
        } catch (NumberFormatException e) {
            throw bad(k, "an integer");
        }
    }

    private double number(Key k) {
        try {
            return Double.parseDouble(get(k));
        } catch (NumberFormatException e) {
            throw bad(k, "a number");
        }
    }

    private UserError bad(Key k, String expected) {
        return new UserError(
                "config " + k.name() + " = '" + get(k) + "' (from " + origin.get(k.name()) + "): expected " + expected);
    }
}
