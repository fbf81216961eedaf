package com.marketreactions.common;

/**
 * The key of one event study: {@code group|HORIZON}, e.g. {@code all|PT5M} or {@code sentiment:positive|P1D}; the
 * key of the {@code event-study} topic, of the {@code study-sums} store and of the reactions repartitioned by group.
 */
public record StudyKey(String group, String horizon) {

    private static final char SEP = '|';

    public String encode() {
        return group + SEP + horizon;
    }

    /** Parses from the right, so a group name may contain the separator. */
    public static StudyKey decode(String key) {
        int h = key.lastIndexOf(SEP);
        if (h < 0) {
            throw new IllegalArgumentException("not an event-study key (group|horizon): " + key);
        }
        return new StudyKey(key.substring(0, h), key.substring(h + 1));
    }
}
