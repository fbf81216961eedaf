package com.marketreactions.streams.emit;

import com.marketreactions.common.ReactionKey;
import com.marketreactions.common.RecordChecks;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.Novelty;
import com.marketreactions.schema.ReactionStatus;
import com.marketreactions.streams.history.TickHistoryStore;
import com.marketreactions.streams.pending.EstimateCache;
import com.marketreactions.streams.pending.Estimated;
import com.marketreactions.streams.pending.PendingKey;
import com.marketreactions.streams.pending.PendingReaction;
import com.marketreactions.streams.pending.WindowFolder;
import com.marketreactions.streams.reaction.CarPath;
import com.marketreactions.streams.reaction.ReactionCalculator;
import com.marketreactions.streams.reaction.WindowStats;
import com.marketreactions.streams.story.Story;
import com.marketreactions.streams.story.StoryTracker;
import com.marketreactions.streams.time.Lateness;
import com.marketreactions.streams.time.StreamTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one reaction from its estimate and the statistics of its window so far (all of it, for a FINAL), flags it,
 * and sends it: to the reaction topic with its status header, to the queryable store, committed at once when live.
 */
public final class ReactionEmitter {

    private static final Logger LOG = LoggerFactory.getLogger(ReactionEmitter.class);

    /** What a reaction is built from besides its window: the task's pieces it reads. */
    public record Sources(
            ReactionCalculator calculator,
            EstimateCache estimates,
            WindowFolder windows,
            TickHistoryStore history,
            StreamTime time,
            Lateness lateness,
            /* null when stories are off */ StoryTracker stories,
            Set<String> storyHorizons) {}

    private final ProcessorContext<String, MarketReaction> context;
    private final Sources from;
    private final String benchmark;
    private final Duration benchmarkWait;
    private final LiveCommits live;
    private final RecentReactions recent;

    public ReactionEmitter(
            ProcessorContext<String, MarketReaction> context,
            Sources from,
            String benchmark,
            Duration benchmarkWait,
            LiveCommits live,
            RecentReactions recent) {
        this.context = context;
        this.from = from;
        this.benchmark = benchmark;
        this.benchmarkWait = benchmarkWait;
        this.live = live;
        this.recent = recent;
    }

    /**
     * Emits {@code e} with {@code status} at record time {@code timestamp}. A FINAL whose close the benchmark has
     * not reached while it stalls is flagged {@code BENCHMARK_STALLED}; one that the end of the input closed, its
     * window ending after the benchmark's last trade, {@code INPUT_ENDED_EARLY}.
     */
    public void emit(PendingReaction e, ReactionStatus status, long timestamp, long wall) {
        PendingKey key = e.key();
        NewsEvent news = e.news();
        String ticker = key.ticker();
        boolean isBenchmark = benchmark.equals(ticker);
        boolean isFinal = status == ReactionStatus.FINAL;
        Estimated est = from.estimates().of(e, wall);
        WindowStats window = from.windows().window(e);
        MarketReaction.Builder b = from.calculator().compute(est.estimate(), window, MarketReaction.newBuilder());
        boolean stalled = isFinal
                && !isBenchmark
                && from.time().benchmarkStalled(wall)
                && from.history().clock(benchmark) <= key.closeTime();
        flag(b, key, est, stalled, isFinal && !stalled && endedEarly(e));
        b.setNewsId(news.getId())
                .setTicker(ticker)
                .setHorizon(key.horizon())
                .setStatus(status)
                .setBenchmark(benchmark)
                .setHeadline(news.getHeadline())
                .setSource(news.getSource())
                .setSentiment(sentiment(news, ticker))
                .setNewsTickers(news.getTickers())
                .setTags(news.getTags());
        if (isFinal && est.estimate().fit() != null && !isBenchmark) {
            // the event study's input; a reaction on the benchmark has model NONE, no abnormal return
            List<Double> path = CarPath.of(est.estimate(), window); // the window's statistics keep what it needs
            if (!path.isEmpty()) {
                b.setCarAt(CarPath.grid(e.horizonMs())).setCar(path);
            }
            if (b.getZScore() != null) {
                b.setResidualHours(est.estimate().hours());
            }
        }
        if (from.stories() != null && from.storyHorizons().contains(key.horizon())) {
            story(b, e, isFinal, wall);
        }
        MarketReaction reaction = b.build();
        String k = new ReactionKey(news.getId(), ticker, key.horizon()).encode();
        context.forward(new Record<>(k, reaction, timestamp, StatusHeader.of(status)));
        live.emitted(isFinal ? key.closeTime() : timestamp, wall);
        recent.put(reaction, isFinal, e.t0());
    }

    /**
     * The input has ended before the data reached the window's end: the benchmark, whose trades every task sees,
     * traded last before it. Only the end of the input closes such a window (a replay's markers): stream time
     * passing it would have taken a benchmark trade past it. A service's quiet market, closed by the wall clock, is
     * no end of the data and is not flagged.
     */
    private boolean endedEarly(PendingReaction e) {
        long benchmarkLast = from.history().clock(benchmark);
        return from.time().ended() && benchmarkLast != StreamTime.NONE && e.t0() + e.horizonMs() > benchmarkLast;
    }

    private void flag(MarketReaction.Builder b, PendingKey key, Estimated est, boolean stalled, boolean endedEarly) {
        if (!key.lateNews() && !est.truncated() && !stalled && !endedEarly) {
            return;
        }
        List<String> f = new ArrayList<>(b.getFlags());
        if (key.lateNews()) {
            f.add(ReactionCalculator.LATE_NEWS);
        }
        if (est.truncated()) {
            f.add(ReactionCalculator.HISTORY_TRUNCATED);
        }
        if (stalled) {
            f.add(ReactionCalculator.BENCHMARK_STALLED);
            LOG.warn(
                    "{} {} {}: finalized without waiting longer for the benchmark {}, silent for more than {}; "
                            + "flagged {}",
                    RecordChecks.quote(key.newsId()),
                    key.ticker(),
                    key.horizon(),
                    benchmark,
                    benchmarkWait,
                    ReactionCalculator.BENCHMARK_STALLED);
        }
        if (endedEarly) {
            f.add(ReactionCalculator.INPUT_ENDED_EARLY);
        }
        b.setFlags(f);
    }

    /**
     * The story fields. A story is final once no earlier item can still arrive in time ({@link
     * Lateness#noEarlierNewsInTime}), or for a FINAL (its window closed at least L after T0, see {@code
     * ReactionConfig#storyOn}); a PROVISIONAL before that carries the story as far as it is known.
     */
    private void story(MarketReaction.Builder b, PendingReaction e, boolean isFinal, long wall) {
        boolean fin = isFinal
                || from.lateness().noEarlierNewsInTime(e.t0(), from.time().taskTime(wall));
        Story s = from.stories().story(e.key().ticker(), e.news(), e.key().lateNews(), fin);
        List<Integer> n = s.novelty();
        b.setStoryId(s.storyId())
                .setRepeat(s.repeatOf(e.key().newsId()))
                .setStorySimilarity(s.similarity())
                .setNovelty(new Novelty(n.get(0), n.get(1), n.get(2), n.get(3), n.get(4)));
    }

    /** The news event's sentiment for {@code ticker}: its own where the vendor gave one, else the article's. */
    static Double sentiment(NewsEvent news, String ticker) {
        Double own = news.getTickerSentiment() == null
                ? null
                : news.getTickerSentiment().get(ticker);
        return own != null ? own : news.getSentiment();
    }
}
