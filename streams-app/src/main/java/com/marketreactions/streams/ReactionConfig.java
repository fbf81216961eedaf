package com.marketreactions.streams;

import com.marketreactions.common.InputLimits;
import com.marketreactions.streams.reaction.NormalModel;
import com.marketreactions.streams.reaction.ReactionCalculator;
import com.marketreactions.streams.reaction.SessionConfig;
import com.marketreactions.streams.story.StoryConfig;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The parameters of the reaction semantics (spec, Parameters) plus the topology's operational knobs.
 * Immutable and validated on construction; {@link #defaults()} gives the documented defaults.
 *
 * @param horizons reaction horizons H
 * @param benchmark market proxy symbol m
 * @param estimationWindow E: history for the normal-return model and the baseline look-back
 * @param minPoints fewest estimation points for the market model (at least 3)
 * @param model the normal-return model (docs/method.md#the-normal-return-models)
 * @param grace G: how late a tick may arrive and still count
 * @param newsLateness L: how late (behind stream time) a news event may arrive and still be exact
 * @param directionThreshold |rawReturn| beyond which the direction is UP or DOWN
 * @param idleTimeout wall time without input after which a partition counts as idle and its clock
 *                    follows the wall clock, so reactions are finalized even when data stops
 * @param provisionalInterval least stream time between two PROVISIONAL updates of one reaction while its
 *                    window is open; zero switches provisional updates off
 * @param benchmarkWait wall time a service waits for a silent benchmark while the stocks' ticks go on (a
 *                    benchmark partition restoring or failing over, a lagging broadcast) before it finalizes
 *                    without it and flags the reactions BENCHMARK_STALLED; at least the idle timeout
 * @param stories how news items are grouped into stories
 * @param session the exchange's day: its clock and the night's prior variance, for the z-score
 * @param limits how large a news event may be ({@link InputLimits}); a larger one is rejected as invalid
 * @param endMarkers whether end-of-input markers on the input topics end the input: a replay's own run (its input
 *                    is bounded); a service ignores and counts them ({@link
 *                    com.marketreactions.streams.control.EndMarkerGate})
 */
public record ReactionConfig(
        List<Horizon> horizons,
        String benchmark,
        Duration estimationWindow,
        int minPoints,
        NormalModel model,
        Duration grace,
        Duration newsLateness,
        double directionThreshold,
        Duration idleTimeout,
        Duration provisionalInterval,
        Duration benchmarkWait,
        StoryConfig stories,
        SessionConfig session,
        InputLimits limits,
        boolean endMarkers) {

    public ReactionConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(stories, "stories");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(horizons, "horizons");
        if (horizons.isEmpty()) {
            throw new IllegalArgumentException("horizons: at least one horizon is required");
        }
        horizons = horizons.stream()
                .distinct()
                .sorted(Comparator.comparing(Horizon::length))
                .toList();
        if (benchmark == null || !benchmark.matches("[A-Z0-9.\\-]{1,12}")) {
            throw new IllegalArgumentException("benchmark: not a ticker symbol: '" + benchmark + "'");
        }
        positive("estimationWindow", estimationWindow);
        if (minPoints < 3) {
            throw new IllegalArgumentException("minPoints: must be at least 3, got " + minPoints);
        }
        notNegative("grace", grace);
        notNegative("newsLateness", newsLateness);
        if (!(directionThreshold >= 0 && directionThreshold < 1)) {
            throw new IllegalArgumentException("directionThreshold: must be in [0, 1), got " + directionThreshold);
        }
        positive("idleTimeout", idleTimeout);
        notNegative("provisionalInterval", provisionalInterval);
        positive("benchmarkWait", benchmarkWait);
        if (benchmarkWait.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException(
                    "benchmarkWait: must be at least the idle timeout (" + idleTimeout + "), got " + benchmarkWait);
        }
    }

    public static ReactionConfig defaults() {
        return new ReactionConfig(
                List.of(Horizon.parse("PT5M"), Horizon.parse("PT30M"), Horizon.parse("PT1H"), Horizon.parse("P1D")),
                "SPY",
                Duration.ofDays(5),
                30,
                NormalModel.MARKET,
                Duration.ofMinutes(1),
                Duration.ofMinutes(5),
                0.005,
                Duration.ofSeconds(30),
                Duration.ofMinutes(1),
                Duration.ofMinutes(10),
                StoryConfig.defaults(),
                SessionConfig.defaults(),
                InputLimits.defaults(),
                false);
    }

    public Duration maxHorizon() {
        return horizons.get(horizons.size() - 1).length();
    }

    /**
     * How long the record of a news event and its latest reactions are kept for de-duplication and queries,
     * behind stream time: the history a news within L needs, for its longest horizon. (Tick history is kept
     * by need instead: as long as a pending reaction or a news within L can use it.)
     */
    public Duration retention() {
        return estimationWindow.plus(maxHorizon()).plus(grace).plus(newsLateness);
    }

    /**
     * Whether reactions over {@code h} carry their story: when stories are on and the window closes no earlier
     * than L after the news ({@code h + G >= L}). A shorter window's FINAL can be out before an earlier report
     * of the same story arrives within L, so its story could not be final; it carries none.
     */
    public boolean storyOn(Horizon h) {
        return storyOn(h.length().toMillis());
    }

    /** As {@link #storyOn(Horizon)}, for a horizon of {@code horizonMs}. */
    public boolean storyOn(long horizonMs) {
        return stories.enabled() && horizonMs + grace.toMillis() >= newsLateness.toMillis();
    }

    public ReactionCalculator calculator() {
        return new ReactionCalculator(estimationWindow.toMillis(), minPoints, model, directionThreshold, session);
    }

    public ReactionConfig withHorizons(List<Horizon> h) {
        Change c = new Change(this);
        c.horizons = h;
        return c.done();
    }

    /** The idle timeout, and the benchmark wait raised to it where it was shorter. */
    public ReactionConfig withIdleTimeout(Duration d) {
        Change c = new Change(this);
        c.idleTimeout = d;
        c.benchmarkWait = benchmarkWait.compareTo(d) < 0 ? d : benchmarkWait;
        return c.done();
    }

    public ReactionConfig withProvisionalInterval(Duration d) {
        Change c = new Change(this);
        c.provisionalInterval = d;
        return c.done();
    }

    public ReactionConfig withMinPoints(int n) {
        Change c = new Change(this);
        c.minPoints = n;
        return c.done();
    }

    public ReactionConfig withModel(NormalModel m) {
        Change c = new Change(this);
        c.model = m;
        return c.done();
    }

    public ReactionConfig withBenchmarkWait(Duration d) {
        Change c = new Change(this);
        c.benchmarkWait = d;
        return c.done();
    }

    public ReactionConfig withStories(StoryConfig s) {
        Change c = new Change(this);
        c.stories = s;
        return c.done();
    }

    public ReactionConfig withSession(SessionConfig s) {
        Change c = new Change(this);
        c.session = s;
        return c.done();
    }

    public ReactionConfig withLimits(InputLimits l) {
        Change c = new Change(this);
        c.limits = l;
        return c.done();
    }

    /** The config of a run whose input ends with end-of-input markers (a replay), or of one that ignores them. */
    public ReactionConfig withEndMarkers(boolean honoured) {
        Change c = new Change(this);
        c.endMarkers = honoured;
        return c.done();
    }

    /** A copy of a config with some parts changed: what every with-method builds (and validates) through. */
    private static final class Change {
        List<Horizon> horizons;
        final String benchmark;
        final Duration estimationWindow;
        int minPoints;
        NormalModel model;
        final Duration grace;
        final Duration newsLateness;
        final double directionThreshold;
        Duration idleTimeout;
        Duration provisionalInterval;
        Duration benchmarkWait;
        StoryConfig stories;
        SessionConfig session;
        InputLimits limits;
        boolean endMarkers;

        Change(ReactionConfig c) {
            horizons = c.horizons;
            benchmark = c.benchmark;
            estimationWindow = c.estimationWindow;
            minPoints = c.minPoints;
            model = c.model;
            grace = c.grace;
            newsLateness = c.newsLateness;
            directionThreshold = c.directionThreshold;
            idleTimeout = c.idleTimeout;
            provisionalInterval = c.provisionalInterval;
            benchmarkWait = c.benchmarkWait;
            stories = c.stories;
            session = c.session;
            limits = c.limits;
            endMarkers = c.endMarkers;
        }

        ReactionConfig done() {
            return new ReactionConfig(
                    horizons,
                    benchmark,
                    estimationWindow,
                    minPoints,
                    model,
                    grace,
                    newsLateness,
                    directionThreshold,
                    idleTimeout,
                    provisionalInterval,
                    benchmarkWait,
                    stories,
                    session,
                    limits,
                    endMarkers);
        }
    }

    public boolean provisionalEnabled() {
        return !provisionalInterval.isZero();
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": must be a positive duration, got " + d);
        }
    }

    private static void notNegative(String name, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + ": must not be negative, got " + d);
        }
    }
}
