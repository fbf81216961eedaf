package com.marketreactions.common;

/**
 * The key of a reaction record: {@code newsId|TICKER|HORIZON}, e.g. {@code aws-openai-1|AMZN|PT5M}.
 * Unique per (news, ticker, horizon), so the compacted reactions topic keeps the latest status of each.
 */
public record ReactionKey(String newsId, String ticker, String horizon) {

    public String encode() {
        return newsId + KeySeparator.SEP + ticker + KeySeparator.SEP + horizon;
    }

    /** Parses from the right, so a news id may itself contain the separator. */
    public static ReactionKey decode(String key) {
        int h = key.lastIndexOf(KeySeparator.SEP);
        int t = h > 0 ? key.lastIndexOf(KeySeparator.SEP, h - 1) : -1;
        if (t < 0) {
            throw new IllegalArgumentException("not a reaction key (newsId|ticker|horizon): " + key);
        }
        return new ReactionKey(key.substring(0, t), key.substring(t + 1, h), key.substring(h + 1));
    }
}
