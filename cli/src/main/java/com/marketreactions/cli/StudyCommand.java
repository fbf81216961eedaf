package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.RecordJson;
import com.marketreactions.common.Topics;
import com.marketreactions.schema.EventStudy;
import com.marketreactions.streams.Horizon;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The event study of a running service: the latest value of every group and horizon on {@code event-study}. */
@Command(
        name = "study",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        header = "Prints the event study: CAAR and its tests per group and horizon.",
        description = {
            "Prints the event study across events: CAAR and its significance tests per group and horizon. Reads the"
                    + " event-study topic (read_committed) up to its end and shows the latest result of each group."
        },
        footerHeading = "%nExample (with the flags ./reactions stack prints):%n",
        footer = {
            "  ./reactions study --group ticker:AMZN \\",
            "      --bootstrap-servers 127.0.0.1:9092 \\",
            "      --registry-url http://127.0.0.1:8081"
        })
final class StudyCommand implements Callable<Integer> {

    @Option(
            names = "--group",
            paramLabel = "PREFIX",
            description = "Only groups starting with this, e.g. all, ticker:, ticker:AMZN, source:, story:, tag:")
    String group;

    @Option(names = "--json", description = "One JSON object per line instead of a table")
    boolean json;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() {
        ClusterOptions.Connected c = cluster.connect("study");
        List<EventStudy> studies = latest(c.clients(), c.topics(), group);
        if (json) {
            studies.forEach(s -> System.out.println(RecordJson.toJson(s)));
        } else if (studies.isEmpty()) {
            System.err.println("no event study yet on " + c.topics().study.name()
                    + (group == null ? "" : " for groups starting with '" + group + "'"));
        } else {
            StudyTable.print(studies, System.out);
        }
        return 0;
    }

    /** The latest study of each key up to the topic's current end, by group then horizon. */
    static List<EventStudy> latest(ClientConfigs clients, Topics topics, String groupPrefix) {
        Map<String, EventStudy> latest = new TreeMap<>();
        try (KafkaConsumer<String, EventStudy> consumer = new KafkaConsumer<>(
                clients.committedReader(),
                topics.study.keySerde().deserializer(),
                topics.study.valueSerde().deserializer())) {
            try {
                ClientConfigs.assignAllFromStart(consumer, topics.study.name());
            } catch (IllegalArgumentException e) {
                throw new UserError(
                        e.getMessage() + " on " + clients.bootstrapServers() + " (start ./reactions serve first)");
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new UserError("could not read " + topics.study.name() + " to its end within 60 s");
                }
                for (ConsumerRecord<String, EventStudy> r : consumer.poll(Duration.ofMillis(500))) {
                    EventStudy s = r.value();
                    if (s != null && (groupPrefix == null || s.getGroup().startsWith(groupPrefix))) {
                        latest.put(r.key(), s);
                    }
                }
            }
        }
        return latest.values().stream()
                .sorted(Comparator.comparing(EventStudy::getGroup)
                        .thenComparing(s -> Horizon.parse(s.getHorizon()).length()))
                .toList();
    }
}
