package com.marketreactions.streams.study;

import com.marketreactions.common.StudyKey;
import com.marketreactions.common.StudyTickerKey;
import com.marketreactions.schema.EventStudy;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.internal.StudyOverlap;
import com.marketreactions.schema.internal.StudySums;
import com.marketreactions.streams.Horizon;
import com.marketreactions.streams.TopologyNames;
import com.marketreactions.streams.control.EndOfInput;
import com.marketreactions.streams.control.OutputEnd;
import com.marketreactions.streams.reaction.ReactionCalculator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The event study of each (group, horizon), updated with every FINAL reaction of the group: its running sums in
 * the {@code study-sums} store (and, per ticker, its recent reactions' times in {@code study-overlap}, and every
 * ticker's recent reactions in {@code study-recent}, for the Kolari-Pynnönen adjustment), its statistics to {@code event-study}. Records arrive keyed {@code group|horizon}
 * ({@link com.marketreactions.streams.study.StudyGroups}); the end-of-input markers of every partition are passed
 * on once all have come, as the per-news impact does.
 *
 * <p>Published at most once a second per group, not on every update: a group's statistics carry a CAAR path of
 * hundreds of points, and with 2,000 news a day each FINAL updates half a dozen groups (publishing each update was
 * a sixth of the stream thread). The topic is compacted and read for its latest value, and the queries read the
 * sums themselves. Nothing is lost on a crash: the sums are stored {@code published = false} with the update, in
 * the same transaction as the input's offsets; those still unpublished after a restart are found in the store.
 * Every pending group is published before an end-of-input marker is passed on, so a replay's study is complete.
 */
public final class StudyAggregator implements Processor<String, MarketReaction, String, EventStudy> {

    static final Duration PUBLISH_EVERY = Duration.ofSeconds(1);

    private final OutputEnd end = new OutputEnd();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private ProcessorContext<String, EventStudy> context;
    private KeyValueStore<String, StudySums> sums;
    private KeyValueStore<String, StudyOverlap> overlaps;
    private CrossTickerOverlap cross;

    private static final long UNKNOWN = -1;

    /** Sums not published yet, and the time of the update that made them (the record's time on the topic). */
    private record Pending(StudySums sums, long timestamp) {}

    @Override
    public void init(ProcessorContext<String, EventStudy> context) {
        this.context = context;
        this.sums = context.getStateStore(TopologyNames.STUDY_SUMS);
        this.overlaps = context.getStateStore(TopologyNames.STUDY_OVERLAP);
        this.cross = new CrossTickerOverlap(context.getStateStore(TopologyNames.STUDY_RECENT));
        pending.clear();
        try (KeyValueIterator<String, StudySums> it = sums.all()) {
            while (it.hasNext()) {
                KeyValue<String, StudySums> kv = it.next();
                if (!kv.value.getPublished()) {
                    pending.put(kv.key, new Pending(kv.value, UNKNOWN)); // its update's time was not kept
                }
            }
        }
        context.schedule(PUBLISH_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> publish());
    }

    @Override
    public void process(Record<String, MarketReaction> record) {
        if (EndOfInput.isMarker(record.value(), record.headers())) {
            publish();
            end.onMarker(record, context);
            return;
        }
        String key = record.key();
        Pending known = pending.get(key);
        StudySums before = known != null ? known.sums() : sums.get(key);
        EventStudyMath.Observation o = EventStudyMath.Observation.of(record.value());
        StudySums after = EventStudyMath.add(before == null ? EventStudyMath.empty() : before, o);
        if (o != null && after.getSameTickerOverlap() != null) {
            // the reaction's windows in common with its ticker's earlier ones (Kolari-Pynnonen); none for sums begun
            // before they were kept
            StudyKey study = StudyKey.decode(key);
            String tickerKey = new StudyTickerKey(study, o.ticker()).encode();
            StudyOverlap times = overlaps.get(tickerKey);
            TickerOverlap.Step step = TickerOverlap.add(
                    times == null ? TickerOverlap.empty() : times,
                    o.eventTime(),
                    Horizon.parse(study.horizon()).millis());
            overlaps.put(tickerKey, step.after());
            after = EventStudyMath.addOverlap(
                    after, step.overlap(), step.overlapSquares(), step.overlapTriangles(), step.late());
            // a late news event's reaction reaches the study out of T0 order, perhaps past what study-recent keeps of
            // its time: it is paired with no other ticker's (the batch reference does the same), rather than make the
            // group's adjusted BMP wait on an order the input chose
            if (!lateNews(record.value()) && !StudyGroups.oneTicker(study.group())) {
                after = EventStudyMath.addCrossOverlap(
                        after,
                        cross.add(
                                key,
                                o.ticker(),
                                record.value().getNewsId(),
                                o.eventTime(),
                                record.value().getResidualHours(),
                                Horizon.parse(study.horizon()).millis(),
                                after.getRecentLatest(),
                                after.getRecentDroppedTo()));
            }
        }
        after.setPublished(false);
        sums.put(key, after);
        pending.put(key, new Pending(after, record.timestamp()));
    }

    private static boolean lateNews(MarketReaction r) {
        return r.getFlags().stream().anyMatch(f -> ReactionCalculator.LATE_NEWS.contentEquals(f));
    }

    /** Writes the statistics of every group updated since the last time, and marks their sums published. */
    private void publish() {
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            String key = e.getKey();
            StudySums s = e.getValue().sums();
            StudyKey study = StudyKey.decode(key);
            context.forward(new Record<>(
                    key,
                    EventStudyMath.result(study.group(), study.horizon(), s),
                    e.getValue().timestamp() != UNKNOWN ? e.getValue().timestamp() : context.currentSystemTimeMs()));
            StudySums done = StudySums.newBuilder(s).setPublished(true).build();
            sums.put(key, done);
        }
        pending.clear();
    }
}
