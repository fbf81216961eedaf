package com.marketreactions.streams.differential;

import com.marketreactions.common.InputLimits;
import com.marketreactions.schema.Direction;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionModel;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.reaction.NormalModel;
import com.marketreactions.streams.reaction.SessionConfig;
import com.marketreactions.streams.story.StoryConfig;
import com.marketreactions.streams.story.StoryTerms;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * A second, independent implementation of the reaction contract (docs/reactions.md; Definitions 1-10, the Output
 * field list, the alias table) plus the decided lateness rules: a batch computation over the whole input,
 * with plain lists and loops, so that each rule reads like the spec.
 *
 * <p>Lateness, as the stream sees it:
 * <ul>
 *   <li>Each symbol has its own clock. {@code clockBefore(t)} = the largest ts among the ticks of t's symbol
 *       that arrived before t (minus infinity for its first tick). A tick is <em>visible as of A</em> when
 *       {@code clockBefore(t) <= A}.</li>
 *   <li>Everything computed from the history before T0 (baseline, estimation points, estimation volume, the
 *       benchmark's B0 and r_m) uses the ticks visible as of {@code T0 + G}; everything about the window of
 *       horizon h (W, P1, B1, market minutes, window minutes) the ticks visible as of {@code T0 + h + G};
 *       each symbol by its own clock. B1 = B0 when the benchmark has no visible tick in the window.</li>
 *   <li>Equal ts are ordered by arrival.</li>
 *   <li>A news event arriving at input position i is late when {@code T0 < C_i - L}, with C_i = the smallest of
 *       the largest ts of the non-benchmark ticks, of the benchmark's ticks, and of the T0 of the news events
 *       that arrived before it (undefined, so not late, while any of the three has none): late means behind the
 *       trades and behind the news that came before it. A late news gets LATE_NEWS on every reaction; its
 *       numbers follow the same rules.</li>
 *   <li>A CANCEL or CORRECTION withdraws the trade of its symbol and venue whose id it names: of the trades that
 *       arrived before it and are not withdrawn, with ts at least min(1 day, E) before the symbol's clock, the last in
 *       (ts, arrival) order; none such: nothing happens. The trade stays visible as of every A before the symbol's
 *       clock at the withdrawal's arrival, and is invisible from that clock on. A CORRECTION also adds the corrected
 *       trade (its price, size and id) at the withdrawn trade's ts, arriving at the correction's place. Neither moves
 *       a clock or counts as a trade for the news rule.</li>
 *   <li>"Arrived" means passed on: a tick more than J ({@code event.max.jump}) ahead of every tick passed on before
 *       it waits for the ticks to come within J of it ({@link #passedOn}), and arrives then.</li>
 * </ul>
 *
 * <p>It never emits HISTORY_TRUNCATED: it has the whole input. Deliberately naive; it shares no code with
 * the topology's math.
 */
public final class BatchReference {

    static final long BUCKET_MS = 60_000L;
    static final double SIGNIFICANCE = 1.96;

    /** The spec's parameters, in epoch-ms units. */
    public record Params(
            List<HorizonSpec> horizons,
            String benchmark,
            long estimationMs,
            int minPoints,
            double directionThreshold,
            long graceMs,
            long newsLatenessMs,
            StoryConfig stories,
            long maxJumpMs,
            SessionConfig session,
            NormalModel model) {

        /** Without stories, and no tick too far ahead to wait; the market model. */
        public Params(
                List<HorizonSpec> horizons,
                String benchmark,
                long estimationMs,
                int minPoints,
                double directionThreshold,
                long graceMs,
                long newsLatenessMs) {
            this(
                    horizons,
                    benchmark,
                    estimationMs,
                    minPoints,
                    directionThreshold,
                    graceMs,
                    newsLatenessMs,
                    new StoryConfig(false, 0.5, java.time.Duration.ofDays(1)),
                    Long.MAX_VALUE / 4,
                    SessionConfig.defaults(),
                    NormalModel.MARKET);
        }

        /** The same, with another normal-return model. */
        public Params withModel(NormalModel m) {
            return new Params(
                    horizons,
                    benchmark,
                    estimationMs,
                    minPoints,
                    directionThreshold,
                    graceMs,
                    newsLatenessMs,
                    stories,
                    maxJumpMs,
                    session,
                    m);
        }

        public static Params of(ReactionConfig config) {
            List<HorizonSpec> hs = new ArrayList<>();
            for (Horizon h : config.horizons()) {
                hs.add(new HorizonSpec(h.label(), h.millis()));
            }
            return new Params(
                    hs,
                    config.benchmark(),
                    config.estimationWindow().toMillis(),
                    config.minPoints(),
                    config.directionThreshold(),
                    config.grace().toMillis(),
                    config.newsLateness().toMillis(),
                    config.stories(),
                    config.limits().maxJump().toMillis(),
                    config.session(),
                    config.model());
        }
    }

    public record HorizonSpec(String label, long millis) {}

    /**
     * A tick with its position in the input (the tie-break for equal ts) and its symbol's clock when it
     * arrived ({@link Long#MIN_VALUE} for the symbol's first tick).
     */
    record SeqTick(
            String symbol,
            long ts,
            double price,
            double size,
            int position,
            long clockBefore,
            String venue,
            String tradeId,
            Long withdrawnAt,
            boolean correction) {

        /** Arrived by {@code asOf}, and not withdrawn by then. */
        boolean visibleAsOf(long asOf) {
            return clockBefore <= asOf && (withdrawnAt == null || withdrawnAt > asOf);
        }

        SeqTick withdrawn(long clock) {
            return new SeqTick(symbol, ts, price, size, position, clockBefore, venue, tradeId, clock, correction);
        }

        /** More than G behind its symbol's clock on arrival (a correction is not): late for the windows closed. */
        boolean lateBy(long graceMs) {
            return !correction && clockBefore != Long.MIN_VALUE && ts < clockBefore - graceMs;
        }
    }

    /**
     * The input in the order the ticks are passed on (rule 5): a tick more than J ahead of every tick passed on
     * before it waits, unless a waiting tick is at most J after it (then it bears the waiting ones out). The waiting
     * ticks, in (ts, arrival) order, are passed on when a tick arrives that is passed on: first those at or before
     * its time, then, after it, those it brings within J; at the end of the input the rest. News keep their places.
     */
    static List<MarketInput> passedOn(List<MarketInput> arrivals, long jumpMs) {
        List<MarketInput> out = new ArrayList<>();
        List<MarketInput.Tick> waiting = new ArrayList<>();
        Long passed = null;
        for (MarketInput in : arrivals) {
            if (!(in instanceof MarketInput.Tick t)) {
                out.add(in);
                continue;
            }
            boolean borneOut = !waiting.isEmpty() && t.ts() >= waiting.get(0).ts() - jumpMs;
            if (passed != null && t.ts() - jumpMs > passed && !borneOut) {
                int at = 0;
                while (at < waiting.size() && waiting.get(at).ts() <= t.ts()) {
                    at++;
                }
                waiting.add(at, t);
                continue;
            }
            while (!waiting.isEmpty()
                    && (waiting.get(0).ts() <= t.ts() || waiting.get(0).ts() - jumpMs <= passed)) {
                MarketInput.Tick w = waiting.remove(0);
                out.add(w);
                passed = Math.max(passed, w.ts());
            }
            out.add(t);
            passed = passed == null ? t.ts() : Math.max(passed, t.ts());
            while (!waiting.isEmpty() && waiting.get(0).ts() - jumpMs <= passed) {
                MarketInput.Tick w = waiting.remove(0);
                out.add(w);
                passed = Math.max(passed, w.ts());
            }
        }
        out.addAll(waiting);
        return out;
    }

    /** A news event at the position it arrived, and whether it arrived late (rule 4). */
    private record ArrivedNews(MarketInput.News news, boolean late) {}

    private final Params params;
    private final Map<String, String> aliases;
    /** Ticks per symbol, ordered by (ts, input position). */
    private final Map<String, List<SeqTick>> ticksBySymbol = new LinkedHashMap<>();

    private final List<ArrivedNews> news = new ArrayList<>();
    private final Map<String, Long> coverage = new TreeMap<>();
    private long unmatchedAmendments;
    /** The benchmark's last trade in the whole input, or null without any: where the market's data ends. */
    private final Long benchmarkLast;

    /** No alias table. */
    public BatchReference(Params params, List<MarketInput> inputsInArrivalOrder) {
        this(params, inputsInArrivalOrder, Map.of());
    }

    /** @param aliases the alias table, alias as written to ticker */
    public BatchReference(Params params, List<MarketInput> inputsInArrivalOrder, Map<String, String> aliases) {
        this.params = params;
        this.aliases = new LinkedHashMap<>(aliases);
        Map<String, Long> clock = new HashMap<>();
        Long maxStockTs = null;
        Long maxBenchmarkTs = null;
        Long maxNewsT0 = null;
        int position = 0;
        for (MarketInput in : passedOn(inputsInArrivalOrder, params.maxJumpMs())) {
            if (in instanceof MarketInput.Tick t && !t.isTrade()) {
                amend(t, position, clock.get(t.symbol()));
            } else if (in instanceof MarketInput.Tick t) {
                long before = clock.getOrDefault(t.symbol(), Long.MIN_VALUE);
                ticksBySymbol
                        .computeIfAbsent(t.symbol(), k -> new ArrayList<>())
                        .add(new SeqTick(
                                t.symbol(),
                                t.ts(),
                                t.price(),
                                t.size(),
                                position,
                                before,
                                t.venue(),
                                t.tradeId(),
                                null,
                                false));
                clock.put(t.symbol(), Math.max(before, t.ts()));
                if (t.symbol().equals(params.benchmark())) {
                    maxBenchmarkTs = maxBenchmarkTs == null ? t.ts() : Math.max(maxBenchmarkTs, t.ts());
                } else {
                    maxStockTs = maxStockTs == null ? t.ts() : Math.max(maxStockTs, t.ts());
                }
            } else if (in instanceof MarketInput.News n) {
                boolean late = false;
                if (maxStockTs != null && maxBenchmarkTs != null && maxNewsT0 != null) {
                    long c = Math.min(Math.min(maxStockTs, maxBenchmarkTs), maxNewsT0);
                    late = n.t0() < c - params.newsLatenessMs();
                }
                news.add(new ArrivedNews(n, late));
                maxNewsT0 = maxNewsT0 == null ? n.t0() : Math.max(maxNewsT0, n.t0());
            }
            position++;
        }
        for (List<SeqTick> list : ticksBySymbol.values()) {
            list.sort(Comparator.comparingLong(SeqTick::ts).thenComparingInt(SeqTick::position));
        }
        this.benchmarkLast = maxBenchmarkTs;
    }

    /** A cancel or correction at input position {@code position}, its symbol's clock then {@code clock} (or null). */
    private void amend(MarketInput.Tick a, int position, Long clock) {
        List<SeqTick> list = ticksBySymbol.getOrDefault(a.symbol(), List.of());
        int found = -1;
        for (int i = 0; clock != null && i < list.size(); i++) {
            SeqTick t = list.get(i);
            boolean named = a.amends().equals(t.tradeId()) && java.util.Objects.equals(a.venue(), t.venue());
            boolean reached = t.ts() >= clock - Math.min(86_400_000L, params.estimationMs());
            if (named && reached && t.withdrawnAt() == null) {
                SeqTick best = found < 0 ? null : list.get(found);
                if (best == null || t.ts() > best.ts() || (t.ts() == best.ts() && t.position() > best.position())) {
                    found = i;
                }
            }
        }
        if (found < 0) {
            unmatchedAmendments++;
            return;
        }
        SeqTick old = list.get(found);
        list.set(found, old.withdrawn(clock));
        if (a.action().equals("CORRECTION")) {
            list.add(new SeqTick(
                    a.symbol(), old.ts(), a.price(), a.size(), position, clock, a.venue(), a.tradeId(), null, true));
        }
    }

    public static String key(String newsId, String ticker, String horizon) {
        return newsId + "|" + ticker + "|" + horizon;
    }

    /** Every FINAL reaction, by {@link #key}. */
    public Map<String, MarketReaction> reactions() {
        coverage.clear();
        if (unmatchedAmendments > 0) {
            coverage.put("amendment naming no trade", unmatchedAmendments);
        }
        Map<String, MarketReaction> out = new LinkedHashMap<>();
        Set<String> seenNews = new HashSet<>();
        List<Map.Entry<MarketInput.News, Boolean>> first = new ArrayList<>();
        for (ArrivedNews an : news) {
            if (seenNews.add(an.news().id())) {
                first.add(Map.entry(an.news(), an.late()));
            }
        }
        seenNews.clear();
        Map<String, ReferenceStories.Fields> stories =
                ReferenceStories.of(first, params.stories(), n -> tickersOf(n, aliases), this::namesOf);
        for (ArrivedNews an : news) {
            MarketInput.News n = an.news();
            if (!seenNews.add(n.id())) {
                continue; // a repeated news id is reacted to once: its first arrival
            }
            List<String> tickers = tickersOf(n, aliases);
            List<String> explicit = tickersOf(n, Map.of());
            if (an.late()) {
                count("late news");
            }
            for (String s : tickers) {
                if (!explicit.contains(s)) {
                    count("alias-resolved ticker");
                }
                for (HorizonSpec h : params.horizons()) {
                    MarketReaction r = reaction(n, an.late(), tickers, s, h);
                    // a story on a reaction whose window closes at least L after the news (docs/stories.md)
                    if (params.stories().enabled() && h.millis() + params.graceMs() >= params.newsLatenessMs()) {
                        ReferenceStories.Fields f = stories.get(n.id() + "|" + s);
                        r.setStoryId(f.storyId());
                        r.setRepeat(f.repeat());
                        r.setStorySimilarity(f.similarity());
                        r.setNovelty(f.novelty());
                    }
                    out.put(key(n.id(), s, h.label()), r);
                }
            }
        }
        return out;
    }

    /** The names left out of a ticker's comparisons: the ticker, and every alias and ticker of the alias table. */
    private Set<String> namesOf(String ticker) {
        List<String> names = new ArrayList<>();
        names.add(ticker);
        aliases.forEach((alias, t) -> {
            if (t != null && !t.isBlank()) {
                names.add(alias);
                names.add(t.trim().toUpperCase(Locale.ROOT));
            }
        });
        return StoryTerms.namesOf(names);
    }

    /**
     * What the last {@link #reactions()} met, for the generators' coverage checks: "late news" (per news),
     * "alias-resolved ticker" (per (news, ticker)), and per reaction "late tick counted in an open window",
     * "late tick left out of a closed window", "late tick left out of the history before T0", and the same
     * for the benchmark ("benchmark ...").
     */
    public Map<String, Long> coverage() {
        return Map.copyOf(coverage);
    }

    /** The ids of the news events that arrived late (rule 4), first arrival of each id. */
    public Set<String> lateNewsIds() {
        Set<String> out = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        for (ArrivedNews an : news) {
            if (seen.add(an.news().id()) && an.late()) {
                out.add(an.news().id());
            }
        }
        return out;
    }

    private void count(String feature) {
        coverage.merge(feature, 1L, Long::sum);
    }

    /**
     * The tickers of a news event: its explicit tickers (trimmed, upper case), then the ticker of every alias
     * mentioned in the headline or the summary; each once, in first-seen order. More than {@code news.max.tickers}:
     * the explicit ones, then those of the aliases in the aliases' order (as the alias table's store iterates
     * them), up to the limit.
     */
    public static List<String> tickersOf(MarketInput.News n, Map<String, String> aliases) {
        List<String> all = tickersInOrder(n, aliases);
        int max = InputLimits.defaults().tickers();
        return all.size() <= max
                ? all
                : tickersInOrder(n, new TreeMap<>(aliases)).subList(0, max);
    }

    private static List<String> tickersInOrder(MarketInput.News n, Map<String, String> aliases) {
        LinkedHashSet<String> set = new LinkedHashSet<>();
        for (String t : n.tickers()) {
            String u = t.trim().toUpperCase(Locale.ROOT);
            if (!u.isEmpty()) {
                set.add(u);
            }
        }
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            if (a.getValue() == null) {
                continue;
            }
            if (mentions(n.headline(), a.getKey()) || mentions(n.summary(), a.getKey())) {
                String u = a.getValue().trim().toUpperCase(Locale.ROOT);
                if (!u.isEmpty()) {
                    set.add(u);
                }
            }
        }
        return List.copyOf(set);
    }

    /**
     * Whether {@code text} mentions {@code alias} (trimmed) case-insensitively as a whole word: the characters
     * just before and just after the occurrence, where there are any, are neither letters nor digits. So "AWS"
     * is found in "AWS deal", "(AWS)" and "AWS-based" but not in "LAWS" or "AWS2". An empty alias is never
     * mentioned.
     */
    static boolean mentions(String text, String alias) {
        if (text == null || alias == null) {
            return false;
        }
        String a = alias.trim();
        if (a.isEmpty()) {
            return false;
        }
        for (int i = 0; i + a.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, a, 0, a.length())) {
                boolean startsWord = i == 0 || !isWordChar(text.charAt(i - 1));
                boolean endsWord = i + a.length() == text.length() || !isWordChar(text.charAt(i + a.length()));
                if (startsWord && endsWord) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A letter or a number of any script (the regex classes \p{L} and \p{N}). */
    private static boolean isWordChar(char c) {
        if (Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private List<SeqTick> ticks(String symbol) {
        return ticksBySymbol.getOrDefault(symbol, List.of());
    }

    /**
     * Ticks of {@code symbol} with {@code from <= ts <= to} (inclusive both ends) that are visible as of
     * {@code asOf}, in (ts, arrival) order.
     */
    private List<SeqTick> visible(String symbol, long from, long to, long asOf) {
        List<SeqTick> r = new ArrayList<>();
        for (SeqTick t : inRange(symbol, from, to)) {
            if (t.visibleAsOf(asOf)) {
                r.add(t);
            }
        }
        return r;
    }

    /** All ticks of {@code symbol} with {@code from <= ts <= to}, visible or not, in (ts, arrival) order. */
    private List<SeqTick> inRange(String symbol, long from, long to) {
        List<SeqTick> all = ticks(symbol);
        // the first index with ts >= from (binary search only to keep long data sets fast)
        int lo = 0;
        int hi = all.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (all.get(mid).ts() < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        List<SeqTick> r = new ArrayList<>();
        for (int i = lo; i < all.size() && all.get(i).ts() <= to; i++) {
            r.add(all.get(i));
        }
        return r;
    }

    /** The minutes of consecutive closes one night apart (from the end of the one minute to the end of the other). */
    private static List<long[]> nightPairs(ReferenceVariance rv, NavigableMap<Long, Double> closes) {
        List<long[]> pairs = new ArrayList<>();
        Long previous = null;
        for (long k : closes.keySet()) {
            if (previous != null && rv.nights((previous + 1) * BUCKET_MS, (k + 1) * BUCKET_MS) == 1) {
                pairs.add(new long[] {previous, k});
            }
            previous = k;
        }
        return pairs;
    }

    private static SeqTick last(List<SeqTick> list) {
        return list.isEmpty() ? null : list.get(list.size() - 1);
    }

    private static Set<Long> buckets(List<SeqTick> list) {
        Set<Long> b = new HashSet<>();
        for (SeqTick t : list) {
            b.add(Math.floorDiv(t.ts(), BUCKET_MS));
        }
        return b;
    }

    /** close(k) = price of the last tick in bucket k (ticks iterated in order, later overwrite). */
    private static NavigableMap<Long, Double> closes(List<SeqTick> list) {
        NavigableMap<Long, Double> c = new TreeMap<>();
        for (SeqTick t : list) {
            c.put(Math.floorDiv(t.ts(), BUCKET_MS), t.price());
        }
        return c;
    }

    private static Instant instant(SeqTick t) {
        return t == null ? null : Instant.ofEpochMilli(t.ts());
    }

    private static Double price(SeqTick t) {
        return t == null ? null : t.price();
    }

    MarketReaction reaction(MarketInput.News n, boolean lateNews, List<String> newsTickers, String s, HorizonSpec h) {
        String m = params.benchmark();
        long t0 = n.t0();
        long from = t0 - params.estimationMs();
        long to = t0 + h.millis();
        // what the history before T0 is made of: the ticks visible as of T0 + G (each symbol by its own clock)
        long historyAsOf = t0 + params.graceMs();
        // what the window of h is made of: the ticks visible as of T0 + h + G
        long windowAsOf = to + params.graceMs();
        List<String> flags = new ArrayList<>();
        noteLateness(s, "", from, t0, to, historyAsOf, windowAsOf);
        if (!s.equals(m)) {
            noteLateness(m, "benchmark ", from, t0, to, historyAsOf, windowAsOf);
        }

        // 1. baseline: last tick of s with T0 - E <= ts <= T0
        List<SeqTick> history = visible(s, from, t0, historyAsOf);
        SeqTick base = last(history);
        // 2. window: T0 < ts <= T0 + h (ts are whole ms)
        List<SeqTick> window = visible(s, t0 + 1, to, windowAsOf);
        long tickCount = window.size();
        BigDecimal volume = BigDecimal.ZERO;
        Double high = null;
        Double low = null;
        for (SeqTick t : window) {
            volume = volume.add(shares(t));
            high = high == null ? t.price() : Math.max(high, t.price());
            low = low == null ? t.price() : Math.min(low, t.price());
        }
        SeqTick first = window.isEmpty() ? null : window.get(0);
        // 3. end: last tick of s with T0 - E <= ts <= T0 + h: the last of W, the baseline itself when W is empty
        SeqTick end = window.isEmpty() ? base : last(window);

        if (base == null) {
            flags.add("NO_BASELINE");
        }
        if (window.isEmpty()) {
            flags.add("NO_TICKS_IN_WINDOW");
        }
        // 5. benchmark: rules 1 and 3 applied to m, by m's clock
        SeqTick b0 = last(visible(m, from, t0, historyAsOf));
        List<SeqTick> benchmarkWindow = visible(m, t0 + 1, to, windowAsOf);
        SeqTick b1 = benchmarkWindow.isEmpty() ? b0 : last(benchmarkWindow);
        if (b0 == null) {
            flags.add("NO_BENCHMARK");
        }
        boolean isBenchmark = s.equals(m);
        if (isBenchmark) {
            flags.add("IS_BENCHMARK");
        }
        if (lateNews) {
            flags.add("LATE_NEWS");
        }

        // 4. returns (price-derived: only with a baseline)
        Double rawReturn = null;
        Double maxRunup = null;
        Double maxDrawdown = null;
        Direction direction = null;
        if (base != null) {
            double p0 = base.price();
            rawReturn = end.price() / p0 - 1;
            maxRunup = high == null ? null : high / p0 - 1;
            maxDrawdown = low == null ? null : low / p0 - 1;
            // 10. direction
            if (rawReturn > params.directionThreshold()) {
                direction = Direction.UP;
            } else if (rawReturn < -params.directionThreshold()) {
                direction = Direction.DOWN;
            } else {
                direction = Direction.FLAT;
            }
        }

        // 9. volume: the estimation range is [T0 - E, T0)
        List<SeqTick> est = visible(s, from, t0 - 1, historyAsOf);
        BigDecimal estVolume = BigDecimal.ZERO;
        for (SeqTick t : est) {
            estVolume = estVolume.add(shares(t));
        }
        long estMinutes = buckets(est).size();
        long winMinutes = buckets(window).size();
        Double abnormalVolumeRatio = null;
        if (volume.signum() != 0 && winMinutes != 0 && estVolume.signum() != 0 && estMinutes != 0) {
            abnormalVolumeRatio = (volume.doubleValue() / winMinutes) / (estVolume.doubleValue() / estMinutes);
        }

        // 7. model
        ReactionModel model = ReactionModel.NONE;
        Double benchmarkReturn = null;
        Double alpha = null;
        Double beta = null;
        Double sigma = null;
        Integer points = null;
        Integer marketMinutes = null;
        Double varianceMinutes = null;
        List<Double> varianceWeights = List.of();
        Double expectedReturn = null;
        Double abnormalReturn = null;
        Double zScore = null;
        Boolean significant = null;
        Double positiveShare = null;
        Double generalizedRank = null;
        com.marketreactions.schema.ResidualHours residualHours = null;
        List<Long> carAt = List.of();
        List<Double> car = List.of();
        if (base != null && b0 != null && !isBenchmark) {
            benchmarkReturn = b1.price() / b0.price() - 1;

            // 6. estimation points
            NavigableMap<Long, Double> cs = closes(est);
            NavigableMap<Long, Double> cm = closes(visible(m, from, t0 - 1, historyAsOf));
            List<Double> rs = new ArrayList<>();
            List<Double> rm = new ArrayList<>();
            for (long k : cs.keySet()) {
                if (cs.containsKey(k - 1) && cm.containsKey(k) && cm.containsKey(k - 1)) {
                    rs.add(cs.get(k) / cs.get(k - 1) - 1);
                    rm.add(cm.get(k) / cm.get(k - 1) - 1);
                }
            }
            int np = rs.size();
            points = np;
            boolean rmConstant = true;
            for (double x : rm) {
                if (x != rm.get(0)) {
                    rmConstant = false;
                    break;
                }
            }
            // the chosen model (docs/method.md#the-normal-return-models); `market` falls back to market-adjusted
            if (params.model() == NormalModel.CONSTANT_MEAN) {
                // r_s = mu + e: beta 0, alpha the mean, sigma the sample standard deviation of r_s
                model = ReactionModel.CONSTANT_MEAN;
                beta = 0.0;
                if (np >= 1) {
                    alpha = mean(rs);
                }
                if (np >= 2) {
                    double ss = 0;
                    for (double x : rs) {
                        ss += (x - alpha) * (x - alpha);
                    }
                    sigma = Math.sqrt(ss / (np - 1));
                }
            } else if (params.model() == NormalModel.MARKET && np >= params.minPoints() && !rmConstant) {
                model = ReactionModel.MARKET_MODEL;
                double mx = mean(rm);
                double my = mean(rs);
                double sxx = 0;
                double sxy = 0;
                for (int i = 0; i < np; i++) {
                    sxx += (rm.get(i) - mx) * (rm.get(i) - mx);
                    sxy += (rm.get(i) - mx) * (rs.get(i) - my);
                }
                beta = sxy / sxx;
                alpha = my - beta * mx;
                double sse = 0;
                for (int i = 0; i < np; i++) {
                    double e = rs.get(i) - alpha - beta * rm.get(i);
                    sse += e * e;
                }
                sigma = Math.sqrt(sse / (np - 2));
            } else {
                // chosen, or the market model's fallback: r_s - r_m = e, sigma its sample standard deviation
                model = ReactionModel.MARKET_ADJUSTED;
                alpha = 0.0;
                beta = 1.0;
                if (np >= 2) {
                    List<Double> d = new ArrayList<>();
                    for (int i = 0; i < np; i++) {
                        d.add(rs.get(i) - rm.get(i));
                    }
                    double md = mean(d);
                    double ss = 0;
                    for (double x : d) {
                        ss += (x - md) * (x - md);
                    }
                    sigma = Math.sqrt(ss / (np - 1));
                }
            }

            // 8. market clock, expected and abnormal return, z-score against the variance of the interval the
            // stock's return covers: from the trade of P0 to the trade of P1
            marketMinutes = buckets(benchmarkWindow).size();
            expectedReturn = beta * benchmarkReturn;
            abnormalReturn = rawReturn - expectedReturn;
            if (sigma != null && sigma != 0.0) {
                ReferenceVariance rv = new ReferenceVariance(
                        params.session().zone(), params.session().nightRatio());
                List<Long> pointMinutes = new ArrayList<>();
                List<Double> residuals = new ArrayList<>();
                // the deviations sigma was taken from: about OLS's line, about the mean of r_s - r_m, about mu
                double center = alpha;
                if (model == ReactionModel.MARKET_ADJUSTED) {
                    double d = 0;
                    for (int i = 0; i < np; i++) {
                        d += rs.get(i) - rm.get(i);
                    }
                    center = d / np;
                }
                int i = 0;
                for (long k : cs.keySet()) {
                    if (cs.containsKey(k - 1) && cm.containsKey(k) && cm.containsKey(k - 1)) {
                        pointMinutes.add(k * BUCKET_MS);
                        residuals.add(rs.get(i) - center - beta * rm.get(i));
                        i++;
                    }
                }
                // the nights, from the minute closes: a pair of closes one night apart, each at its minute's end
                List<ReferenceVariance.Night> nights = new ArrayList<>();
                for (long[] pair : nightPairs(rv, cs)) {
                    Map.Entry<Long, Double> ma = cm.floorEntry(pair[0]);
                    Map.Entry<Long, Double> mb = cm.floorEntry(pair[1]);
                    if (ma != null) {
                        nights.add(new ReferenceVariance.Night(
                                (pair[0] + 1) * BUCKET_MS,
                                cs.get(pair[0]),
                                (pair[1] + 1) * BUCKET_MS,
                                cs.get(pair[1]),
                                ma.getValue(),
                                mb.getValue()));
                    }
                }
                List<ReferenceVariance.Night> benchNights = new ArrayList<>();
                for (long[] pair : nightPairs(rv, cm)) {
                    benchNights.add(new ReferenceVariance.Night(
                            (pair[0] + 1) * BUCKET_MS,
                            cm.get(pair[0]),
                            (pair[1] + 1) * BUCKET_MS,
                            cm.get(pair[1]),
                            0,
                            0));
                }
                ReferenceVariance.Profile profile =
                        rv.estimate(pointMinutes, residuals, sigma, beta, cm, nights, benchNights);
                varianceMinutes = rv.abnormalVariance(profile, base.ts(), end.ts(), b0.ts(), b1.ts());
                varianceWeights = profile.asList();
                if (varianceMinutes != 0 && !window.isEmpty()) { // no trade of s: nothing of s to test
                    zScore = abnormalReturn / (sigma * Math.sqrt(varianceMinutes));
                    significant = Math.abs(zScore) >= SIGNIFICANCE;
                    List<Integer> parts = pointMinutes.stream().map(rv::part).toList();
                    generalizedRank = ReferenceRank.centeredRank(zScore, residuals, parts, profile.weights(), sigma);
                    double b = beta;
                    double sd = sigma;
                    residualHours = ReferenceHours.of(
                            visible(s, from, t0 - 1, historyAsOf),
                            visible(m, from, t0 - 1, historyAsOf),
                            from,
                            t0,
                            b,
                            sd,
                            (s0, s1, m0, m1) -> rv.abnormalVariance(profile, s0, s1, m0, m1));
                }
            }
            // the generalized sign test's p: estimation points whose r_s - beta r_m is above zero
            if (np > 0) {
                int up = 0;
                for (int i = 0; i < np; i++) {
                    if (rs.get(i) - beta * rm.get(i) > 0) {
                        up++;
                    }
                }
                positiveShare = (double) up / np;
            }
            // the CAR path: at each point k, the abnormal return of (T0, T0 + k] (docs/event-study.md)
            carAt = carPoints(h.millis());
            car = new ArrayList<>();
            for (long k : carAt) {
                SeqTick pk = null;
                for (SeqTick t : window) {
                    if (t.ts() <= t0 + k) {
                        pk = t;
                    }
                }
                SeqTick bk = null;
                for (SeqTick t : benchmarkWindow) {
                    if (t.ts() <= t0 + k) {
                        bk = t;
                    }
                }
                double pp = pk == null ? base.price() : pk.price();
                double bp = bk == null ? b0.price() : bk.price();
                car.add((pp / base.price() - 1) - beta * (bp / b0.price() - 1));
            }
            // the missing-data flags (docs/reactions.md#flags): too few points for the model
            if (np < params.minPoints()) {
                flags.add("SHORT_ESTIMATION");
            }
        }
        // a normal volume from fewer minutes than the model needs points
        if (abnormalVolumeRatio != null && estMinutes < params.minPoints()) {
            flags.add("FEW_VOLUME_MINUTES");
        }
        // the input ended before the window's end: the benchmark's last trade is before it
        if (benchmarkLast != null && to > benchmarkLast) {
            flags.add("INPUT_ENDED_EARLY");
        }

        return MarketReaction.newBuilder()
                .setNewsId(n.id())
                .setTicker(s)
                .setHorizon(h.label())
                .setStatus(ReactionStatus.FINAL)
                .setEventTime(Instant.ofEpochMilli(t0))
                .setBaselinePrice(price(base))
                .setBaselineTime(instant(base))
                .setEndPrice(price(end))
                .setEndTime(instant(end))
                .setFirstPrice(price(first))
                .setFirstTime(instant(first))
                .setRawReturn(rawReturn)
                .setHigh(high)
                .setLow(low)
                .setMaxRunup(maxRunup)
                .setMaxDrawdown(maxDrawdown)
                .setTickCount(tickCount)
                .setVolume(volume.doubleValue())
                .setBenchmark(m)
                .setBenchmarkReturn(benchmarkReturn)
                .setModel(model)
                .setAlpha(alpha)
                .setBeta(beta)
                .setSigma(sigma)
                .setEstimationPoints(points)
                .setMarketMinutes(marketMinutes)
                .setVarianceMinutes(varianceMinutes)
                .setVarianceWeights(varianceWeights)
                .setExpectedReturn(expectedReturn)
                .setAbnormalReturn(abnormalReturn)
                .setZScore(zScore)
                .setSignificant(significant)
                .setAbnormalVolumeRatio(abnormalVolumeRatio)
                .setDirection(direction)
                .setFlags(flags)
                .setHeadline(n.headline())
                .setSource(n.source())
                .setSentiment(
                        n.tickerSentiment().containsKey(s) ? n.tickerSentiment().get(s) : n.sentiment())
                .setNewsTickers(newsTickers)
                .setEstimationPositiveShare(positiveShare)
                .setGeneralizedRank(generalizedRank)
                .setResidualHours(residualHours)
                .setCarAt(carAt)
                .setCar(car)
                .build();
    }

    /** Every minute while at most 390 minutes, then every half hour, then the horizon's end itself. */
    static List<Long> carPoints(long horizonMs) {
        List<Long> at = new ArrayList<>();
        long minute = 60_000L;
        for (long m = 1; m * minute < horizonMs; m++) {
            if (m <= 390 || (m - 390) % 30 == 0) {
                at.add(m * minute);
            }
        }
        at.add(horizonMs);
        return at;
    }

    /** Coverage only: how late ticks of {@code symbol} met this reaction. */
    private void noteLateness(
            String symbol, String prefix, long from, long t0, long to, long historyAsOf, long windowAsOf) {
        boolean countedInOpen = false;
        boolean leftOutOfClosed = false;
        boolean leftOutOfHistory = false;
        boolean withdrawnFromOpen = false;
        boolean keptByClosed = false;
        for (SeqTick t : inRange(symbol, from, to)) {
            if (t.withdrawnAt() != null && t.clockBefore() <= (t.ts() > t0 ? windowAsOf : historyAsOf)) {
                if (t.visibleAsOf(t.ts() > t0 ? windowAsOf : historyAsOf)) {
                    keptByClosed = true;
                } else {
                    withdrawnFromOpen = true;
                }
            } else if (t.ts() > t0) {
                if (!t.visibleAsOf(windowAsOf)) {
                    leftOutOfClosed = true;
                } else if (t.lateBy(params.graceMs())) {
                    countedInOpen = true;
                }
            } else if (!t.visibleAsOf(historyAsOf)) {
                leftOutOfHistory = true;
            }
        }
        if (countedInOpen) {
            count(prefix + "late tick counted in an open window");
        }
        if (leftOutOfClosed) {
            count(prefix + "late tick left out of a closed window");
        }
        if (leftOutOfHistory) {
            count(prefix + "late tick left out of the history before T0");
        }
        if (withdrawnFromOpen) {
            count(prefix + "trade withdrawn while its window was open");
        }
        if (keptByClosed) {
            count(prefix + "trade withdrawn after its window closed, kept");
        }
    }

    private static double mean(List<Double> xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.size();
    }

    /** A tick's size as the contract counts it: its decimal value rounded half up to a millionth of a share. */
    private static BigDecimal shares(SeqTick t) {
        return BigDecimal.valueOf(t.size()).setScale(6, RoundingMode.HALF_UP);
    }
}
