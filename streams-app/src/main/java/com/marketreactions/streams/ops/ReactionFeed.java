package com.marketreactions.streams.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.ReactionKey;
import com.marketreactions.common.Topic;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.streams.web.ChartJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live page's source: the reaction topic read as any consumer reads it (read_committed, every partition,
 * from the start), so every instance's page shows the whole deployment's reactions without asking the others.
 * Keeps the latest reaction per (news, ticker, horizon), the newest {@value #KEEP} of them, for a page that
 * connects later; each subscriber gets those, then every reaction as it is read.
 */
public final class ReactionFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReactionFeed.class);
    static final int KEEP = 20_000;
    /** How far a live page may fall behind the feed (beyond the latest it starts with) before it is disconnected. */
    static final int BEHIND = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, MarketReaction> consumer;
    private final Map<String, String> latest = new LinkedHashMap<>(16, 0.75f, false);
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    public ReactionFeed(ClientConfigs clients, Topic<String, MarketReaction> reactions) {
        consumer = new KafkaConsumer<>(
                clients.committedReader(),
                reactions.keySerde().deserializer(),
                reactions.valueSerde().deserializer());
        ClientConfigs.assignAllFromStart(consumer, reactions.name());
        thread = new Thread(this::run, "reaction-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!closed) {
                for (ConsumerRecord<String, MarketReaction> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null) {
                        publish(r.value());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("the live page's feed of the reaction topic stopped: {}", e.toString(), e);
        } finally {
            consumer.close();
        }
    }

    private void publish(MarketReaction r) {
        String json;
        try {
            json = JSON.writeValueAsString(ChartJson.reaction(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String key = new ReactionKey(r.getNewsId(), r.getTicker(), r.getHorizon()).encode();
        synchronized (latest) {
            latest.remove(key);
            latest.put(key, json);
            if (latest.size() > KEEP) {
                latest.remove(latest.keySet().iterator().next());
            }
        }
        for (Subscriber s : subscribers) {
            if (!s.offer(json)) {
                subscribers.remove(s);
                LOG.info(
                        "a live page fell {} reactions behind and was disconnected (it reconnects from the latest)",
                        BEHIND);
            }
        }
    }

    /**
     * A live page's queue: bounded, so a page that stops reading (or reads slowly) costs at most {@link #KEEP} +
     * {@link #BEHIND} reactions of memory; one that falls that far behind is {@link #dropped} and its stream closed.
     */
    static final class Subscriber {
        final BlockingQueue<String> queue;
        private volatile boolean dropped;

        Subscriber(int capacity) {
            queue = new LinkedBlockingQueue<>(capacity);
        }

        /** Queues a reaction; false (and dropped from then on) when the queue is full. */
        boolean offer(String json) {
            if (dropped || !queue.offer(json)) {
                dropped = true;
                return false;
            }
            return true;
        }

        boolean dropped() {
            return dropped;
        }
    }

    /** A new subscriber: the latest reactions so far are in its queue already, then every new one. */
    Subscriber subscribe() {
        Subscriber s = new Subscriber(KEEP + BEHIND);
        synchronized (latest) {
            s.queue.addAll(latest.values());
            subscribers.add(s);
        }
        return s;
    }

    void unsubscribe(Subscriber s) {
        subscribers.remove(s);
    }

    int subscribers() {
        return subscribers.size();
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** For tests and the page's first paint: the latest reactions, oldest first. */
    List<String> snapshot() {
        synchronized (latest) {
            return new ArrayList<>(latest.values());
        }
    }
}
