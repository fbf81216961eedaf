package com.marketreactions.common;

/** One readable line for an exception, however deeply the useful message is wrapped. */
public final class Problems {

    private Problems() {}

    /** The innermost cause's message. */
    public static String describe(Throwable e) {
        Throwable root = rootCause(e);
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
