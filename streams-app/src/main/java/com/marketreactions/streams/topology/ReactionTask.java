package com.marketreactions.streams.topology;

import com.marketreactions.schema.MarketReaction;
import com.marketreactions.streams.ChangelogOffsets;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.ReactionConfig;
import com.marketreactions.streams.ReactionMetrics;
import com.marketreactions.streams.TopologyNames;
import com.marketreactions.streams.control.InputEnd;
import com.marketreactions.streams.control.NewsInput;
import com.marketreactions.streams.emit.LiveCommits;
import com.marketreactions.streams.emit.ProvisionalUpdates;
import com.marketreactions.streams.emit.ReactionEmitter;
import com.marketreactions.streams.emit.RecentReactions;
import com.marketreactions.streams.history.BenchmarkTape;
import com.marketreactions.streams.history.TickHistoryStore;
import com.marketreactions.streams.news.SeenNews;
import com.marketreactions.streams.pending.EstimateCache;
import com.marketreactions.streams.pending.PendingIndex;
import com.marketreactions.streams.pending.PendingReactions;
import com.marketreactions.streams.pending.WindowFolder;
import com.marketreactions.streams.story.StoryTracker;
import com.marketreactions.streams.time.Amendments;
import com.marketreactions.streams.time.Lateness;
import com.marketreactions.streams.time.Retention;
import com.marketreactions.streams.time.StreamTime;
import com.marketreactions.streams.time.WindowClose;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The pieces one reacting task's {@link ReactionProcessor} coordinates, wired from its configuration and state
 * stores. Built on every (re)initialization of the task: everything in memory is rebuilt from the stores, nothing
 * carried over from an aborted transaction.
 */
final class ReactionTask {

    final WindowClose close;
    final Lateness lateness;
    final Amendments amendments;
    final Retention retention;
    final TickHistoryStore history;
    /** The benchmark's recent trades in memory, for the benchmark's side of every window. */
    final BenchmarkTape benchmarkTape = new BenchmarkTape();

    final StreamTime time;
    final InputEnd inputEnd;
    final NewsInput newsInput;
    final PendingIndex index = new PendingIndex();
    final PendingReactions pending;
    final SeenNews seen;
    final ChangelogOffsets changelogOffsets;
    /** Null when stories are off. */
    final StoryTracker stories;

    final EstimateCache estimates;
    final WindowFolder windows;
    final LiveCommits live;
    final RecentReactions recent;
    final ReactionEmitter emitter;
    final ProvisionalUpdates provisional;
    final ReactionMetrics metrics;

    /** @param partitions of the ticks topic: every one of them must report quiet before the market counts as closed */
    ReactionTask(ReactionConfig config, int partitions, ProcessorContext<String, MarketReaction> context) {
        String benchmark = config.benchmark();
        close = new WindowClose(config.grace().toMillis());
        lateness = new Lateness(config.grace().toMillis(), config.newsLateness().toMillis());
        amendments = new Amendments(config.estimationWindow().toMillis());
        retention = new Retention(
                config.newsLateness().toMillis(), config.estimationWindow().toMillis());

        history = context.getStateStore(TopologyNames.TICK_HISTORY);
        inputEnd = new InputEnd(context.getStateStore(TopologyNames.CLOCK));
        time = new StreamTime(
                benchmark,
                partitions,
                config.idleTimeout().toMillis(),
                config.benchmarkWait().toMillis(),
                context.currentSystemTimeMs());
        time.restore(history.clock(), history.clock(benchmark), inputEnd.ended());
        newsInput = new NewsInput(context.getStateStore(TopologyNames.CLOCK));
        time.restoreNews(newsInput.restore(partitions));
        pending = new PendingReactions(context.getStateStore(TopologyNames.PENDING), index, close);
        WindowStore<String, Long> seenStore = context.getStateStore(TopologyNames.NEWS_SEEN);
        seen = new SeenNews(seenStore);
        WindowStore<String, MarketReaction> recentStore = context.getStateStore(TopologyNames.RECENT_REACTIONS);
        changelogOffsets = new ChangelogOffsets(List.of(seenStore, recentStore));
        stories = config.stories().enabled()
                ? new StoryTracker(
                        config.stories(),
                        context.getStateStore(TopologyNames.STORY_ITEMS),
                        context.getStateStore(TopologyNames.ALIASES))
                : null;

        estimates = new EstimateCache(
                history,
                config.calculator(),
                close,
                time,
                benchmark,
                config.estimationWindow().toMillis());
        windows = new WindowFolder(index, history, benchmarkTape, benchmark);
        live = new LiveCommits(context);
        recent = new RecentReactions(recentStore);
        Set<String> storyHorizons = config.horizons().stream()
                .filter(config::storyOn)
                .map(Horizon::label)
                .collect(Collectors.toUnmodifiableSet());
        emitter = new ReactionEmitter(
                context,
                new ReactionEmitter.Sources(
                        config.calculator(), estimates, windows, history, time, lateness, stories, storyHorizons),
                benchmark,
                config.benchmarkWait(),
                live,
                recent);
        metrics = new ReactionMetrics(context.metrics(), context.taskId().toString());
        provisional = new ProvisionalUpdates(config.provisionalInterval().toMillis(), close, emitter, metrics);
        pending.restore();
        metrics.openWindows(index.size());
    }
}
