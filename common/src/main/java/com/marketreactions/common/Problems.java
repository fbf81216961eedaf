package com.marketreactions.common;

import io.apicurio.registry.rest.client.models.ProblemDetails;

/** One readable line for an exception, however deeply the useful message is wrapped. */
public final class Problems {

    private Problems() {}

    /**
     * The innermost cause's message. The registry client throws {@link ProblemDetails}, whose own message is
     * empty: its title and detail say what the registry answered (e.g. no schema with that id).
     */
    public static String describe(Throwable e) {
        Throwable root = rootCause(e);
        if (root instanceof ProblemDetails p) {
            return "schema registry: " + (p.getDetail() != null ? p.getDetail() : p.getTitle())
                    + (p.getStatus() != null ? " (HTTP " + p.getStatus() + ")" : "");
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
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
