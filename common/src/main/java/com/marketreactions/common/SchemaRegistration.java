package com.marketreactions.common;

import com.marketreactions.schema.EventStudy;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.NewsImpact;
import com.marketreactions.schema.StockTick;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Registers the value schemas of the topics under the usual {@code <topic>-value} subjects, with
 * BACKWARD compatibility, through the registry's Confluent API: a subject that already holds the schema is left as
 * it is, and one whose compatibility rule refuses it is one error naming the subject and the registry's reasons. Registering up front lets a
 * consumer in any language fetch the contract before the first record exists.
 */
public final class SchemaRegistration {

    private SchemaRegistration() {}

    /** Subject name to schema, for every Avro-valued topic. */
    public static Map<String, Schema> subjects(Topics topics) {
        Map<String, Schema> s = new LinkedHashMap<>();
        s.put(topics.news.name() + "-value", NewsEvent.getClassSchema());
        s.put(topics.ticks.name() + "-value", StockTick.getClassSchema());
        s.put(topics.reactions.name() + "-value", MarketReaction.getClassSchema());
        s.put(topics.impact.name() + "-value", NewsImpact.getClassSchema());
        s.put(topics.study.name() + "-value", EventStudy.getClassSchema());
        return s;
    }

    /**
     * @return subject to registered schema id
     * @throws ClusterUnavailableException the registry did not answer within the client's retry time
     * @throws SchemaRegistryException the registry refused a schema or the credentials
     */
    public static Map<String, Integer> registerAll(ClientConfigs clients, Topics topics) {
        // through the topics' own serdes' client when they have one: every id is then in the caches they read and
        // write with, so a service started once needs the registry again only for a schema it has not seen
        SchemaRegistryClient registry = topics.serdes().registry().orElseGet(clients::registryClient);
        Map<String, Integer> ids = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Schema> e : subjects(topics).entrySet()) {
                String subject = e.getKey();
                Optional<SchemaRegistryClient.Registered> known = registry.lookup(subject, e.getValue());
                if (known.isPresent()) { // nothing to write: a registry that lets this client only read is enough
                    ids.put(subject, known.get().id());
                    continue;
                }
                List<String> why = registry.incompatibilities(subject, e.getValue());
                if (!why.isEmpty()) {
                    throw new SchemaRegistryException(
                            "the registry refuses this version's schema for " + subject
                                    + " against its latest version: " + String.join("; ", why)
                                    + " (see docs/operations.md, upgrades)",
                            false);
                }
                registry.compatibility(subject, "BACKWARD");
                ids.put(subject, registry.add(subject, e.getValue())); // looked up above: not there
            }
        } catch (SchemaRegistryException e) {
            if (e.unavailable()) {
                throw new ClusterUnavailableException(
                        "cannot register schemas: " + e.getMessage()
                                + " (is the registry running? check --registry-url)",
                        e);
            }
            throw e;
        }
        return ids;
    }
}
