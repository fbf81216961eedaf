package com.marketreactions.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the {@link SchemaRegistryClient} talks to the registry: the settings under {@code registry.} (prefix removed),
 * named as Confluent's clients name them so a user's existing properties carry over. An unknown key is refused: a
 * typo in a credential would otherwise show only as a refused connection.
 *
 * @param authorization the value of the {@code Authorization} header, or null
 * @param ssl the TLS context when a trust store is given, otherwise null (the JDK's default trust)
 * @param requestTimeout how long one request may take before it is abandoned and retried
 * @param retryFor how long a registry that does not answer, or answers 5xx or 429, is retried before giving up
 */
public record RegistryOptions(String authorization, SSLContext ssl, Duration requestTimeout, Duration retryFor) {

    public static final String USER_INFO = "basic.auth.user.info";
    public static final String BEARER_TOKEN = "bearer.auth.token";
    public static final String TRUSTSTORE = "ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "ssl.truststore.type";
    public static final String REQUEST_TIMEOUT_MS = "request.timeout.ms";
    public static final String RETRY_FOR_MS = "retry.for.ms";

    private static final Set<String> KEYS = Set.of(
            USER_INFO,
            BEARER_TOKEN,
            TRUSTSTORE,
            TRUSTSTORE_PASSWORD,
            TRUSTSTORE_TYPE,
            REQUEST_TIMEOUT_MS,
            RETRY_FOR_MS);

    public static final RegistryOptions DEFAULTS =
            new RegistryOptions(null, null, Duration.ofSeconds(10), Duration.ofSeconds(60));

    /**
     * @param settings keys as listed above, without the {@code registry.} prefix
     * @throws IllegalArgumentException naming an unknown key, a malformed value or an unreadable trust store
     */
    public static RegistryOptions of(Map<String, String> settings) {
        for (String k : settings.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException(
                        "unknown registry setting registry." + k + "; known: " + new TreeSet<>(KEYS));
            }
        }
        String userInfo = settings.get(USER_INFO);
        String token = settings.get(BEARER_TOKEN);
        if (userInfo != null && token != null) {
            throw new IllegalArgumentException("registry." + USER_INFO + " and registry." + BEARER_TOKEN
                    + " are both set; the registry takes one kind of credentials");
        }
        String authorization = null;
        if (userInfo != null) {
            if (!userInfo.contains(":")) {
                throw new IllegalArgumentException("registry." + USER_INFO + ": expected user:password");
            }
            authorization = "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        } else if (token != null) {
            authorization = "Bearer " + token.trim();
        }
        return new RegistryOptions(
                authorization,
                settings.containsKey(TRUSTSTORE) ? trust(settings) : null,
                millis(settings, REQUEST_TIMEOUT_MS, DEFAULTS.requestTimeout()),
                millis(settings, RETRY_FOR_MS, DEFAULTS.retryFor()));
    }

    private static Duration millis(Map<String, String> settings, String key, Duration dflt) {
        String v = settings.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            long ms = Long.parseLong(v.trim());
            if (ms < 1) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("registry." + key + ": expected a positive number of milliseconds");
        }
    }

    private static SSLContext trust(Map<String, String> settings) {
        Path file = Path.of(settings.get(TRUSTSTORE));
        String type = settings.getOrDefault(
                TRUSTSTORE_TYPE, file.toString().toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12");
        String password = settings.get(TRUSTSTORE_PASSWORD);
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password == null ? null : password.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "registry." + TRUSTSTORE + ": cannot read " + type + " trust store " + file + ": " + e.getMessage(),
                    e);
        }
    }
}
