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

    /** News JSON lines to {@code topics.news}: key = id, timestamp = publishedAt. */
    public static final InputFormat<NewsEvent, NewsEvent> NEWS = new InputFormat<>("news", new NewsLines(),
            t -> t.news, NewsEvent::getId, Function.identity(), n -> n.getPublishedAt().toEpochMilli());

    /** Tick CSV to {@code topics.ticks}: key = symbol, timestamp = ts. */
    public static final InputFormat<StockTick, StockTick> TICKS = new InputFormat<>("ticks", new TickLines(),
            t -> t.ticks, StockTick::getSymbol, Function.identity(), k -> k.getTs().toEpochMilli());

    /** Alias CSV to the compacted {@code topics.aliases}: key = alias, value = ticker, no event time. */
    public static final InputFormat<Alias, String> ALIASES = new InputFormat<>("aliases", new AliasLines(),
            t -> t.aliases, Alias::alias, Alias::ticker, a -> null);

    private final String name;
    private final LineParser<T> parser;
    private final Function<Topics, Topic<String, V>> topic;
    private final Function<T, String> key;
    private final Function<T, V> value;
    private final Function<T, Long> timestamp;

    private InputFormat(String name, LineParser<T> parser, Function<Topics, Topic<String, V>> topic,
                        Function<T, String> key, Function<T, V> value, Function<T, Long> timestamp) {
        this.name = name;
        this.parser = parser;
        this.topic = topic;
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
    }

    public String name() {
        return name;
    }

    public LineParser<T> parser() {
        return parser;
    }

    public Topic<String, V> topic(Topics topics) {
        return topic.apply(topics);
    }

    public RecordFile<T> file(Path path) {
        return new RecordFile<>(path, parser);
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
