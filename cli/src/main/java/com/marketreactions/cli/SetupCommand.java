package com.marketreactions.cli;

import com.marketreactions.common.SchemaRegistration;
import com.marketreactions.common.TopicAdmin;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Creates the topics and registers the schemas, then exits: a deployment's step before the service starts. */
@Command(
        name = "setup",
        mixinStandardHelpOptions = true,
        description = {
            "Creates every topic (topic.prefix, topic.partitions, topic.retention.*) and registers the schemas, then exits.",
            "Idempotent; serve does the same on start. Same config keys as serve."
        })
final class SetupCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() {
        ClusterOptions.Connected c = cluster.connect("setup");
        TopicAdmin.ensureTopics(
                c.clients(), c.topics(), c.settings().partitions(), c.settings().topicRetention());
        SchemaRegistration.registerAll(c.clients(), c.topics());
        c.topics().all().forEach(t -> System.out.println("topic " + t.name()));
        return 0;
    }
}
