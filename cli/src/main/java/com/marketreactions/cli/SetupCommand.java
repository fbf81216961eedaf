package com.marketreactions.cli;

import com.marketreactions.common.SchemaRegistration;
import com.marketreactions.common.SchemaRegistryClient;
import com.marketreactions.common.TopicAdmin;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Creates the topics and registers the schemas, then exits: a deployment's step before the service starts. */
@Command(
        name = "setup",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        header = "Creates every topic and registers the schemas, then exits.",
        description = {
            "Creates every topic (topic.prefix, topic.partitions, topic.retention.*) and registers the schemas,"
                    + " then exits. Idempotent; serve does the same on start. Same config keys as serve."
        },
        footerHeading = "%nExample (with the flags ./reactions stack prints):%n",
        footer = {
            "  ./reactions setup \\",
            "      --bootstrap-servers 127.0.0.1:9092 \\",
            "      --registry-url http://127.0.0.1:8081"
        })
final class SetupCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() {
        ClusterOptions.Connected c = cluster.connect("setup");
        TopicAdmin.ensureTopics(
                c.clients(), c.topics(), c.settings().partitions(), c.settings().topicRetention());
        Map<String, Integer> ids = SchemaRegistration.registerAll(c.clients(), c.topics());
        c.topics().all().forEach(t -> System.out.println("topic " + t.name()));
        SchemaRegistryClient registry = c.topics().serdes().registry().orElseGet(c.clients()::registryClient);
        ids.forEach((subject, id) -> System.out.println(schemaLine(subject, id, registry.version(subject, "latest"))));
        return 0;
    }

    /** What this release writes under a subject, and whether a later schema is registered there. */
    static String schemaLine(String subject, int id, Optional<SchemaRegistryClient.Registered> latest) {
        String line = "schema " + subject + " id " + id;
        if (latest.isEmpty() || latest.get().id() == id) {
            return line
                    + latest.map(l -> " (version " + l.version() + ", the latest)")
                            .orElse("");
        }
        return line + "; the subject's latest is version " + latest.get().version() + ", id "
                + latest.get().id() + ", a later schema than this release writes";
    }
}
