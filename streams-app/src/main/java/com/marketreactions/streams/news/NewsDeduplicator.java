package com.marketreactions.streams.news;

import com.marketreactions.common.RecordChecks;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.streams.ChangelogOffsets;
import com.marketreactions.streams.ReactionMetrics;
import com.marketreactions.streams.TopologyNames;
import com.marketreactions.streams.control.EndOfInput;
import com.marketreactions.streams.errors.InvalidRecordException;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One news id, one news event: the first record of an id wins. The reaction topic is keyed by news id, so a
 * second event under the same id would silently replace the first one's reactions; instead
 * <ul>
 *   <li>an exact repeat (a producer's retry, a file published twice) is dropped, counted
 *       ({@code duplicate-news}) and logged;</li>
 *   <li>a different event under an id already seen is rejected ({@link InvalidRecordException}: the service
 *       dead-letters it, naming the first), counted the same way.</li>
 * </ul>
 * First wins rather than newest replaces: a FINAL reaction already published cannot be taken back from the
 * consumers that acted on it, and the first is what a replay of the topic sees first, in any consumption order
 * (news are keyed by id, so an id's records are in one partition, in order). Ids are remembered for
 * {@code retention} around their event time.
 */
public final class NewsDeduplicator implements FixedKeyProcessor<String, NewsEvent, NewsEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(NewsDeduplicator.class);

    private final long retentionMs;
    private FixedKeyProcessorContext<String, NewsEvent> context;
    private WindowStore<String, NewsEvent> ids;
    private ChangelogOffsets changelogOffsets;
    private Sensor duplicates;

    public NewsDeduplicator(Duration retention) {
        this.retentionMs = retention.toMillis();
    }

    @Override
    public void init(FixedKeyProcessorContext<String, NewsEvent> context) {
        this.context = context;
        this.ids = context.getStateStore(TopologyNames.NEWS_IDS);
        this.changelogOffsets = new ChangelogOffsets(List.of(ids));
        this.duplicates = context.metrics()
                .addRateTotalSensor(
                        ReactionMetrics.SCOPE,
                        "task-" + context.taskId(),
                        "duplicate-news",
                        Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(FixedKeyRecord<String, NewsEvent> r) {
        changelogOffsets.touch(r.timestamp());
        NewsEvent news = r.value();
        if (news == null || EndOfInput.isMarker(news, r.headers())) {
            context.forward(r);
            return;
        }
        long t = news.getPublishedAt().toEpochMilli();
        NewsEvent first = firstOf(news.getId(), t);
        if (first == null) {
            ids.put(news.getId(), news, t);
            context.forward(r);
            return;
        }
        duplicates.record();
        if (first.equals(news)) {
            LOG.info("news {} published again, unchanged; the repeat is dropped", RecordChecks.quote(news.getId()));
            return;
        }
        // the headlines are the records' own text, and this message is logged and written to a dead-letter header
        throw new InvalidRecordException("news id " + RecordChecks.quote(news.getId()) + " was first published at "
                + first.getPublishedAt() + " (" + RecordChecks.quote(first.getHeadline()) + "); a different event "
                + "under the same id (at " + news.getPublishedAt() + ", " + RecordChecks.quote(news.getHeadline())
                + ") is not reacted to: the first wins");
    }

    private NewsEvent firstOf(String id, long t) {
        try (WindowStoreIterator<NewsEvent> it = ids.fetch(id, Math.max(0, t - retentionMs), t + retentionMs)) {
            return it.hasNext() ? it.next().value : null;
        }
    }

    @Override
    public void close() {
        context.metrics().removeSensor(duplicates);
    }
}
