package com.marketreactions.producers.files;

import com.marketreactions.common.Topic;
import com.marketreactions.common.Topics;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One kind of input file: how its lines parse, which topic its records go to, and their key, value and
 * record timestamp.
 *
 * @param <T> the parsed record
 * @param <V> the value published
 */
public final class InputFormat<T, V> {

    /** News JSON lines (any {@link FileLayout}, detected) to {@code topics.news}: key = id, timestamp = publishedAt. */
    public static final InputFormat<NewsEvent, NewsEvent> NEWS = news(FileLayout.AUTO, TimeRules.defaults());

    /** Ticks (any {@link FileLayout}, detected) to {@code topics.ticks}: key = symbol, timestamp = ts. */
    public static final InputFormat<StockTick, StockTick> TICKS = ticks(FileLayout.AUTO, TimeRules.defaults());

    /** Alias CSV to the compacted {@code topics.aliases}: key = alias, value = ticker, no event time. */
    public static final InputFormat<Alias, String> ALIASES = new InputFormat<>(
            "aliases", first -> new AliasLines(), t -> t.aliases, Alias::alias, Alias::ticker, a -> null, false);

    /** News in {@code layout}, times read by {@code time}; a news id may appear once in a file. */
    public static InputFormat<NewsEvent, NewsEvent> news(FileLayout layout, TimeRules time) {
        return new InputFormat<>(
                "news",
                first -> layout.news(first, time),
                t -> t.news,
                NewsEvent::getId,
                Function.identity(),
                n -> n.getPublishedAt().toEpochMilli(),
                true);
    }

    /** Ticks in {@code layout}, times read by {@code time}. */
    public static InputFormat<StockTick, StockTick> ticks(FileLayout layout, TimeRules time) {
        return ticks(layout, time, null);
    }

    /**
     * Ticks in {@code layout}, times read by {@code time}; {@code symbol} (or null) for trades that do not name their
     * own (Alpaca REST rows saved without the response that names it).
     */
    public static InputFormat<StockTick, StockTick> ticks(FileLayout layout, TimeRules time, String symbol) {
        return new InputFormat<>(
                "ticks",
                first -> layout.ticks(first, time, symbol),
                t -> t.ticks,
                StockTick::getSymbol,
                Function.identity(),
                k -> k.getTs().toEpochMilli(),
                false);
    }

    private final String name;
    private final Function<String, LineParser<T>> parser;
    private final boolean uniqueKeys;
    private final Function<Topics, Topic<String, V>> topic;
    private final Function<T, String> key;
    private final Function<T, V> value;
    private final Function<T, Long> timestamp;

    private InputFormat(
            String name,
            Function<String, LineParser<T>> parser,
            Function<Topics, Topic<String, V>> topic,
            Function<T, String> key,
            Function<T, V> value,
            Function<T, Long> timestamp,
            boolean uniqueKeys) {
        this.name = name;
        this.parser = parser;
        this.uniqueKeys = uniqueKeys;
        this.topic = topic;
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
    }

    public String name() {
        return name;
    }

    /** The parser for a file whose first non-blank line is {@code firstLine} (its layout may depend on it). */
    public LineParser<T> parser(String firstLine) {
        return parser.apply(firstLine);
    }

    public Topic<String, V> topic(Topics topics) {
        return topic.apply(topics);
    }

    public RecordFile<T> file(Path path) {
        return new RecordFile<>(path, parser, uniqueKeys ? key : null);
    }

    /** The Kafka record of one parsed record; a null timestamp lets the producer stamp it. */
    public ProducerRecord<String, V> toRecord(String topicName, T record) {
        return new ProducerRecord<>(topicName, null, timestamp.apply(record), key.apply(record), value.apply(record));
    }

    @Override
    public String toString() {
        return name;
    }
}
