package com.marketreactions.streams;

import com.marketreactions.streams.history.TickHistoryStore;

/**
 * Names of the topology's stores, repartition topics and processors. They are part of a running
 * deployment (changelog and repartition topics are derived from them), so renaming one breaks its
 * state: {@code TopologyNamesTest} pins them.
 */
public final class TopologyNames {

    /** Repartition topic: news re-keyed by each of its tickers. */
    public static final String NEWS_BY_TICKER = "news-by-ticker";
    /** Repartition topic: the benchmark's ticks to every partition, misrouted ticks to their symbol's. */
    public static final String ROUTED_TICKS = "routed-ticks";

    /**
     * {@link TickHistoryStore}: recent ticks of this partition's symbols and of the benchmark, each stamped
     * with its symbol's clock; kept as long as a pending reaction or a news within the lateness bound needs them.
     */
    public static final String TICK_HISTORY = "tick-history-v3";
    /** Key-value store: reactions waiting for their window to close, ordered by close time. */
    public static final String PENDING = "pending-reactions";
    /**
     * Key-value store: ticks whose time is too far ahead of those before them on their partition, held back until
     * they come within reach, by time ({@code TickHoldBack}).
     */
    public static final String HELD_TICKS = "ticks-held-back";
    /**
     * Key-value store: which inputs of this partition have ended, and the time its ticks were passed on up to
     * (the symbols' clocks live in the tick histories).
     */
    public static final String CLOCK = "reaction-clock";
    /** Window store: the first news event of each id, by its event time; a different one under that id is rejected. */
    public static final String NEWS_IDS = "news-ids";
    /** Window store: (news, ticker) pairs already seen, so a repeated news event is not reacted to twice. */
    public static final String NEWS_SEEN = "news-seen";
    /** Key-value store: every news item about a ticker ({@code TICKER|T0|newsId}) and its story once final. */
    public static final String STORY_ITEMS = "story-items";
    /**
     * Window store, queryable: the latest reaction per (ticker, news, horizon), key {@code TICKER|newsId|HORIZON},
     * window time T0; what the service's {@code /reactions} queries read.
     */
    public static final String RECENT_REACTIONS = "recent-reactions";
    /** Repartition topic: FINAL reactions keyed by news id and horizon, for the per-news impact. */
    public static final String REACTIONS_BY_NEWS = "reactions-by-news";
    /** Key-value store: FINAL reactions of a (news, horizon) collected until all its tickers are in. */
    public static final String IMPACT_PARTS = "news-impact-parts";

    /** Repartition topic: FINAL reactions keyed by event-study group and horizon, one copy per group. */
    public static final String REACTIONS_BY_GROUP = "reactions-by-group";
    /** Key-value store: the running sums of each (group, horizon) of the event study. */
    public static final String STUDY_SUMS = "study-sums";
    /**
     * Key-value store: per (group, horizon, ticker), the T0s of the ticker's recent reactions in the study, for the
     * overlap of their windows (Kolari-Pynnonen); key {@code group|horizon|ticker}.
     */
    public static final String STUDY_OVERLAP = "study-overlap";
    /**
     * Key-value store: per (group, horizon), its recent reactions of every ticker with their residual hours, for the
     * Kolari-Pynnonen adjustment across tickers; key {@code group|horizon|T0 in 13 digits|ticker|newsId}, so that a
     * range of keys is a range of T0.
     */
    public static final String STUDY_RECENT = "study-recent";

    /** Global store of the alias table. */
    public static final String ALIASES = "ticker-aliases-store";

    private TopologyNames() {}
}
