package com.marketreactions.common;

import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/** One readable line for an exception, however deeply the useful message is wrapped. */
public final class Problems {

    private Problems() {}

    /** The innermost cause's message. */
    public static String describe(Throwable e) {
        Throwable root = rootCause(e);
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
    }

    /** What to check when the cluster refused the client's credentials or certificate, else empty. */
    public static String securityHint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SslAuthenticationException) {
                return " (TLS: does the trust store, ssl.truststore.* in --client-config, hold the broker's CA?)";
            }
            if (t instanceof SaslAuthenticationException) {
                return " (SASL: check sasl.mechanism and the user and password in sasl.jaas.config)";
            }
        }
        return "";
    }

    /** The innermost cause of {@code e} (itself if it has none). */
    public static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
