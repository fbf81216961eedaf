package com.marketreactions.common;

/**
 * One ticker within one event study: {@code group|HORIZON|TICKER}, e.g. {@code all|PT5M|AMZN}; the key of the
 * {@code study-overlap} store, written by the task that owns the study's key.
 */
public record StudyTickerKey(StudyKey study, String ticker) {

    public String encode() {
        return study.encode() + KeySeparator.SEP + ticker;
    }

    /** Parses from the right: a ticker holds no separator, a group may. */
    public static StudyTickerKey decode(String key) {
        int t = KeySeparator.last(key, -1, "study ticker (group|horizon|ticker)");
        return new StudyTickerKey(StudyKey.decode(key.substring(0, t)), key.substring(t + 1));
    }
}
