package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.RecordJson;
import com.marketreactions.common.Topics;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionStatus;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A consumer of the reactions topic. */
@Command(
        name = "tail",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        header = "Prints the reaction topic as it grows.",
        description = {
            "Subscribes to the reactions topic (read_committed, from the beginning) and prints each reaction."
        },
        footerHeading = "%nExample (with the flags ./reactions stack prints):%n",
        footer = {
            "  ./reactions tail --final-only \\",
            "      --bootstrap-servers 127.0.0.1:9092 \\",
            "      --registry-url http://127.0.0.1:8081"
        })
final class TailCommand implements Callable<Integer> {

    @Option(names = "--ticker", paramLabel = "T", description = "Only this ticker")
    String ticker;

    @Option(names = "--final-only", description = "Only FINAL reactions")
    boolean finalOnly;

    @Option(names = "--significant", description = "Only reactions whose abnormal return is significant (|z| >= 1.96)")
    boolean significant;

    @Option(names = "--json", description = "One JSON object per line instead of text")
    boolean json;

    @Option(names = "--max", paramLabel = "N", defaultValue = "0", description = "Stop after N reactions (0 = never)")
    long max;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() {
        ClusterOptions.Connected c = cluster.connect("tail");
        ClientConfigs clients = c.clients();
        Topics topics = c.topics();
        String want = ticker == null ? null : ticker.toUpperCase(Locale.ROOT);
        AtomicBoolean stopping = new AtomicBoolean();
        long shown = 0;
        try (KafkaConsumer<String, MarketReaction> consumer = new KafkaConsumer<>(
                clients.committedReader(),
                topics.reactions.keySerde().deserializer(),
                topics.reactions.valueSerde().deserializer())) {
            Shutdown.onSignal(
                    () -> {
                        stopping.set(true);
                        consumer.wakeup();
                    },
                    Duration.ofSeconds(5));
            try {
                ClientConfigs.assignAllFromStart(consumer, topics.reactions.name());
            } catch (IllegalArgumentException e) {
                throw new UserError(
                        e.getMessage() + " on " + clients.bootstrapServers() + " (start ./reactions serve first)");
            }
            // on stderr: the reactions on stdout stay the only thing a pipe reads
            System.err.println("subscribed to " + topics.reactions.name() + " on " + clients.bootstrapServers()
                    + "; waiting for reactions (Ctrl-C stops)");
            while (max == 0 || shown < max) {
                for (ConsumerRecord<String, MarketReaction> rec : consumer.poll(Duration.ofMillis(500))) {
                    MarketReaction r = rec.value();
                    if (r == null
                            || (want != null && !want.equals(r.getTicker()))
                            || (finalOnly && r.getStatus() != ReactionStatus.FINAL)
                            || (significant && !Boolean.TRUE.equals(r.getSignificant()))) {
                        continue; // null values are end-of-input markers of replays
                    }
                    System.out.println(json ? RecordJson.toJson(r) : line(r));
                    if (max > 0 && ++shown >= max) {
                        break;
                    }
                }
            }
        } catch (WakeupException e) {
            if (!stopping.get()) {
                throw e;
            }
        }
        return 0;
    }

    static String line(MarketReaction r) {
        return String.format(
                Locale.ROOT,
                "%s %-9s %-6s %-5s %-11s %s -> %s %s %s z=%s %s",
                r.getEventTime(),
                r.getStatus(),
                r.getTicker(),
                r.getHorizon(),
                r.getNewsId(),
                ReactionTable.price(r.getBaselinePrice()),
                ReactionTable.price(r.getEndPrice()),
                ReactionTable.pct(r.getRawReturn()),
                r.getDirection() == null ? "-" : r.getDirection(),
                r.getZScore() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.getZScore()),
                String.join(",", r.getFlags() == null ? List.of() : r.getFlags()));
    }
}
