package com.marketreactions.common;

/**
 * The key of the queryable {@code recent-reactions} store: {@code TICKER|newsId|HORIZON}, ticker first so that one
 * ticker's reactions are one range ({@link #firstOf} to {@link #afterLastOf}).
 */
public record RecentReactionKey(String ticker, String newsId, String horizon) {

    /** The character after the separator: every key of a ticker sorts before {@code TICKER} followed by it. */
    private static final char AFTER_SEP = KeySeparator.SEP + 1;

    public String encode() {
        return ticker + KeySeparator.SEP + newsId + KeySeparator.SEP + horizon;
    }

    /** Parses ticker from the left and horizon from the right, so a news id may contain the separator. */
    public static RecentReactionKey decode(String key) {
        int t = key.indexOf(KeySeparator.SEP);
        int h = KeySeparator.last(key, Math.max(t, 0), "recent-reaction (ticker|newsId|horizon)");
        return new RecentReactionKey(key.substring(0, t), key.substring(t + 1, h), key.substring(h + 1));
    }

    /** The least key of {@code ticker}'s reactions (inclusive). */
    public static String firstOf(String ticker) {
        return ticker + KeySeparator.SEP;
    }

    /** A bound after every key of {@code ticker}'s reactions and before any other ticker's. */
    public static String afterLastOf(String ticker) {
        return ticker + AFTER_SEP;
    }
}
