package com.marketreactions.common;

/**
 * The key of one news event's impact at one horizon: {@code newsId|HORIZON}; the key of the {@code news-impact}
 * topic and of the FINAL reactions repartitioned by news.
 */
public record NewsHorizonKey(String newsId, String horizon) {

    public String encode() {
        return newsId + KeySeparator.SEP + horizon;
    }

    /** Parses from the right, so a news id may contain the separator. */
    public static NewsHorizonKey decode(String key) {
        int h = KeySeparator.last(key, -1, "news impact (newsId|horizon)");
        return new NewsHorizonKey(key.substring(0, h), key.substring(h + 1));
    }
}
