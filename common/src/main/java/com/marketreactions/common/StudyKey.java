package com.marketreactions.common;

/**
 * The key of one event study: {@code group|HORIZON}, e.g. {@code all|PT5M} or {@code sentiment:positive|P1D}; the
 * key of the {@code event-study} topic, of the {@code study-sums} store and of the reactions repartitioned by group.
 */
public record StudyKey(String group, String horizon) {

    public String encode() {
        return group + KeySeparator.SEP + horizon;
    }

    /** Parses from the right, so a group name may contain the separator. */
    public static StudyKey decode(String key) {
        int h = KeySeparator.last(key, -1, "event-study (group|horizon)");
        return new StudyKey(key.substring(0, h), key.substring(h + 1));
    }
}
