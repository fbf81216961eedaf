package com.marketreactions.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * A Kafka client properties file as users keep it for Confluent's clients ({@code --client-config}): the Java
 * clients' keys ({@code bootstrap.servers}, {@code security.protocol}, {@code sasl.*}, {@code ssl.*}, ...) and the
 * Confluent schema registry client's ({@code schema.registry.url}, {@code basic.auth.*}, {@code bearer.auth.*},
 * {@code schema.registry.ssl.truststore.*}), read as they are and turned into this project's settings. A key that is
 * neither is named in a warning and left out; values are never printed, as they hold secrets.
 *
 * @param settings this project's settings, e.g. {@code kafka.security.protocol} or {@code registry.url}
 * @param ignored the keys left out, sorted
 */
record ClientProperties(Map<String, String> settings, List<String> ignored) {

    /** Keys a Java producer, consumer or admin client takes. */
    private static final Set<String> KAFKA_KEYS = kafkaKeys();

    private static final Map<String, String> REGISTRY_KEYS = Map.of(
            "basic.auth.user.info", "registry.basic.auth.user.info",
            "bearer.auth.token", "registry.bearer.auth.token",
            "schema.registry.ssl.truststore.location", "registry.ssl.truststore.location",
            "schema.registry.ssl.truststore.password", "registry.ssl.truststore.password",
            "schema.registry.ssl.truststore.type", "registry.ssl.truststore.type");

    static ClientProperties read(Path file) {
        if (!Files.isReadable(file)) {
            throw new UserError(file + ": no such client config file");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError(file + ": cannot read client config: " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> ignored = new TreeSet<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            String value = p.getProperty(key).trim();
            if (key.equals("bootstrap.servers")) {
                out.put(Settings.BOOTSTRAP.name(), value);
            } else if (key.equals("schema.registry.url")) {
                out.put(Settings.REGISTRY.name(), value.split(",")[0].trim()); // one registry; Confluent allows a list
            } else if (key.equals("basic.auth.credentials.source")) {
                only(file, key, value, "USER_INFO", "basic.auth.user.info");
            } else if (key.equals("bearer.auth.credentials.source")) {
                only(file, key, value, "STATIC_TOKEN", "bearer.auth.token");
            } else if (REGISTRY_KEYS.containsKey(key)) {
                out.put(REGISTRY_KEYS.get(key), value);
            } else if (KAFKA_KEYS.contains(key)) {
                out.put("kafka." + key, value);
            } else {
                ignored.add(key);
            }
        }
        return new ClientProperties(out, new ArrayList<>(ignored));
    }

    /** The registry's credentials come from the file itself; another source is one the client does not read. */
    private static void only(Path file, String key, String value, String supported, String from) {
        if (!value.toUpperCase(Locale.ROOT).equals(supported)) {
            throw new UserError(file + ": " + key + "=" + value + " is not supported: use " + supported
                    + " with the credentials in " + from);
        }
    }

    private static Set<String> kafkaKeys() {
        Set<String> keys = new HashSet<>(ProducerConfig.configNames());
        keys.addAll(ConsumerConfig.configNames());
        keys.addAll(AdminClientConfig.configNames());
        return Set.copyOf(keys);
    }
}
