package com.marketreactions.streams.news;

import com.marketreactions.common.InputLimits;
import com.marketreactions.common.RecordChecks;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.streams.TopologyNames;
import com.marketreactions.streams.control.EndOfInput;
import com.marketreactions.streams.control.QuietHeartbeat;
import com.marketreactions.streams.emit.LiveCommits;
import com.marketreactions.streams.time.StreamTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one news event (key = news id) into one record per ticker (key = ticker), with the event's
 * {@code tickers} replaced by the full resolved list so every partition knows the whole set.
 * News that resolves to no ticker is logged and produces nothing. After them, and at the end-of-input marker, the
 * partition's progress to every reacting task; while quiet, a heartbeat ({@link NewsProgress}, {@link QuietHeartbeat}).
 */
public final class NewsTickerResolver implements Processor<String, NewsEvent, String, NewsEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(NewsTickerResolver.class);

    private final AliasMatcher matcher = new AliasMatcher();
    private ProcessorContext<String, NewsEvent> context;
    /** A live news item is committed at once: the reacting tasks read it from a repartition topic. */
    private LiveCommits live;

    private KeyValueStore<String, ValueAndTimestamp<String>> aliases;
    private final long idleMs;
    private final int maxTickers;
    private NewsProgress<NewsEvent> progress;
    private QuietHeartbeat<NewsEvent> heartbeat;

    /**
     * @param idleMs the idle timeout: a partition without a record for this long says it is quiet
     * @param maxTickers most tickers a news event resolves to ({@code news.max.tickers}): its explicit ones, then
     *     those its text names, by alias order
     */
    public NewsTickerResolver(long idleMs, int maxTickers) {
        this.idleMs = idleMs;
        this.maxTickers = maxTickers;
    }

    @Override
    public void init(ProcessorContext<String, NewsEvent> context) {
        this.context = context;
        this.aliases = context.getStateStore(TopologyNames.ALIASES);
        this.live = new LiveCommits(context);
        this.progress = new NewsProgress<>(context);
        this.heartbeat = new QuietHeartbeat<>(context, idleMs);
        context.schedule(QuietHeartbeat.interval(idleMs), PunctuationType.WALL_CLOCK_TIME, wall -> {
            heartbeat.beat(wall);
            live.commitIfDue(wall);
        });
    }

    @Override
    public void process(Record<String, NewsEvent> record) {
        long wall = context.currentSystemTimeMs();
        live.commitIfDue(wall); // a live item sent within the gap of the last commit
        heartbeat.arrived(wall);
        NewsEvent news = record.value();
        if (news == null) {
            if (EndOfInput.isMarker(null, record.headers())) {
                progress.passedOn(StreamTime.END, record.timestamp());
            } else {
                LOG.warn("news record with key {} has no value; ignored", RecordChecks.quote(record.key()));
            }
            return;
        }
        long t0 = news.getPublishedAt().toEpochMilli();
        List<String> tickers = new ArrayList<>(
                matcher.resolve(news.getTickers(), news.getHeadline(), news.getSummary(), aliasEntries()));
        if (tickers.size() > maxTickers) {
            LOG.warn(
                    "news {} names {} tickers with those its text mentions; reacting for the first {} (setting {})",
                    RecordChecks.quote(news.getId()),
                    tickers.size(),
                    maxTickers,
                    InputLimits.TICKERS);
            tickers = tickers.subList(0, maxTickers);
        }
        if (tickers.isEmpty()) {
            LOG.info("news {} mentions no known ticker; no reactions", RecordChecks.quote(news.getId()));
        } else {
            NewsEvent resolved = NewsEvent.newBuilder(news)
                    .setTickers(new ArrayList<>(tickers))
                    .build();
            for (String ticker : tickers) {
                context.forward(record.withKey(ticker).withValue(resolved));
            }
        }
        progress.passedOn(t0, record.timestamp());
        live.emitted(t0, wall);
    }

    private List<Map.Entry<String, String>> aliasEntries() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<String>> it = aliases.all()) {
            while (it.hasNext()) {
                KeyValue<String, ValueAndTimestamp<String>> kv = it.next();
                if (kv.value != null && kv.value.value() != null) {
                    out.add(Map.entry(kv.key, kv.value.value()));
                }
            }
        }
        return out;
    }
}
