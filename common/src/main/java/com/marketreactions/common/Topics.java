package com.marketreactions.common;

import com.marketreactions.schema.EventStudy;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.NewsImpact;
import com.marketreactions.schema.StockTick;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The one registry of the application's external topics: names, key and value serdes, cleanup policy.
 * Producers, the topology, the CLI and the tests all take their topics from here.
 *
 * <p>An optional prefix namespaces every name (a replay or a test gets its own topics on a shared broker).
 *
 * <ul>
 *   <li>{@code news}: key = news id, value = {@link NewsEvent}, timestamp = publishedAt.</li>
 *   <li>{@code ticks}: key = symbol, value = {@link StockTick}, timestamp = ts.</li>
 *   <li>{@code ticker-aliases} (compacted): key = alias as written, value = ticker; a null value deletes.</li>
 *   <li>{@code market-reactions} (compacted): key = {@link ReactionKey}, value = {@link MarketReaction}.</li>
 *   <li>{@code news-impact} (compacted): key = {@code newsId|horizon}, value = {@link NewsImpact}.</li>
 *   <li>{@code event-study} (compacted): key = {@code group|horizon}, value = {@link EventStudy}.</li>
 *   <li>{@code dead-letters}: input records the service could not read, original key and value bytes, with
 *       headers naming the error, source topic, partition and offset (Kafka Streams' own dead-letter queue).</li>
 * </ul>
 */
public final class Topics {

    public static final String NEWS = "news";
    public static final String TICKS = "ticks";
    public static final String ALIASES = "ticker-aliases";
    public static final String REACTIONS = "market-reactions";
    public static final String IMPACT = "news-impact";
    public static final String STUDY = "event-study";
    public static final String DEAD_LETTERS = "dead-letters";

    public final Topic<String, NewsEvent> news;
    public final Topic<String, StockTick> ticks;
    public final Topic<String, String> aliases;
    public final Topic<String, MarketReaction> reactions;
    public final Topic<String, NewsImpact> impact;
    public final Topic<String, EventStudy> study;
    public final Topic<byte[], byte[]> deadLetters;
    private final String prefix;
    private final SerdeFactory serdes;

    private Topics(String prefix, SerdeFactory serdes) {
        this.prefix = prefix;
        this.serdes = serdes;
        this.news = new Topic<>(prefix + NEWS, Serdes.String(), serdes.avro(NewsEvent.class), false);
        this.ticks = new Topic<>(prefix + TICKS, Serdes.String(), serdes.avro(StockTick.class), false);
        this.aliases = new Topic<>(prefix + ALIASES, Serdes.String(), Serdes.String(), true);
        this.reactions = new Topic<>(prefix + REACTIONS, Serdes.String(), serdes.avro(MarketReaction.class), true);
        this.impact = new Topic<>(prefix + IMPACT, Serdes.String(), serdes.avro(NewsImpact.class), true);
        this.study = new Topic<>(prefix + STUDY, Serdes.String(), serdes.avro(EventStudy.class), true);
        this.deadLetters = new Topic<>(prefix + DEAD_LETTERS, Serdes.ByteArray(), Serdes.ByteArray(), false);
    }

    public static Topics create(SerdeFactory serdes) {
        return new Topics("", serdes);
    }

    /** @param prefix prepended to every topic name, e.g. {@code "replay-1234."}; may be empty */
    public static Topics create(String prefix, SerdeFactory serdes) {
        return new Topics(prefix == null ? "" : prefix, serdes);
    }

    public String prefix() {
        return prefix;
    }

    /** What made the topics' serdes. */
    public SerdeFactory serdes() {
        return serdes;
    }

    /** The input topics the topology reads: must have the same number of partitions (co-partitioned by ticker). */
    public List<Topic<?, ?>> inputs() {
        return List.of(news, ticks);
    }

    public List<Topic<?, ?>> all() {
        return List.of(news, ticks, aliases, reactions, impact, study, deadLetters);
    }
}
