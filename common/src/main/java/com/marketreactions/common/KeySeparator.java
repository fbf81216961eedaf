package com.marketreactions.common;

/** The separator every composite key of the project uses, and the one way to find it (see {@code KeysTest}). */
final class KeySeparator {

    static final char SEP = '|';

    private KeySeparator() {}

    /** The last separator of {@code key} after {@code from}; a key without one is not of {@code layout}. */
    static int last(String key, int from, String layout) {
        int i = key.lastIndexOf(SEP);
        if (i <= from) {
            throw new IllegalArgumentException("not a " + layout + " key: " + key);
        }
        return i;
    }
}
