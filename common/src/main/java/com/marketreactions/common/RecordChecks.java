package com.marketreactions.common;

import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import java.util.Map;

/**
 * What makes a tick or a news event valid, in one place: the file parsers reject such lines, and the
 * topology dead-letters such records when they arrive on a topic by another way.
 */
public final class RecordChecks {

    public static final String TICKER_RULE = "1-10 letters, digits, '.' or '-'";
    private static final int QUOTE_MAX = 40;

    private RecordChecks() {}

    /** {@value #TICKER_RULE}, starting with a letter or digit. A loop, not a regex: it runs for every tick. */
    public static boolean isTicker(String upperCased) {
        if (upperCased == null || upperCased.isEmpty() || upperCased.length() > 10) {
            return false;
        }
        for (int i = 0; i < upperCased.length(); i++) {
            char c = upperCased.charAt(i);
            boolean alnum = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '.' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    /** @return why the tick is invalid, or null */
    public static String tickProblem(StockTick tick) {
        String symbol = tick.getSymbol();
        if (symbol == null || !isTicker(symbol)) {
            return "symbol " + (symbol == null ? "is missing" : quote(symbol) + " is not an upper-case ticker");
        }
        if (tick.getTs() == null || tick.getTs().toEpochMilli() < 0) {
            return "ts must not be before 1970-01-01T00:00:00Z, got " + tick.getTs();
        }
        if (!Double.isFinite(tick.getPrice()) || tick.getPrice() <= 0) {
            return "price must be a finite number > 0, got " + tick.getPrice();
        }
        String size = Shares.problem(tick.getSize());
        return size != null ? size : Trades.problem(tick);
    }

    /** @return why the news event is invalid with the default {@link InputLimits}, or null */
    public static String newsProblem(NewsEvent news) {
        return newsProblem(news, InputLimits.defaults());
    }

    /** @return why the news event is invalid, or beyond one of {@code limits}, or null */
    public static String newsProblem(NewsEvent news, InputLimits limits) {
        if (news.getId() == null || news.getId().isBlank()) {
            return "id is missing";
        }
        if (news.getId().chars().anyMatch(Character::isISOControl)) {
            // an id is a key in stores and topics and appears in every log line about its news: one line each
            return "id " + quote(news.getId()) + " contains a control character (a line break, a tab, ...)";
        }
        String tooLong = tooLong(news, limits);
        if (tooLong != null) {
            return tooLong;
        }
        if (news.getPublishedAt() == null || news.getPublishedAt().toEpochMilli() < 0) {
            return "publishedAt must not be before 1970-01-01T00:00:00Z, got " + news.getPublishedAt();
        }
        if (news.getHeadline() == null || news.getHeadline().isBlank()) {
            return "headline is missing";
        }
        for (String t : news.getTickers()) {
            if (!isTicker(t)) {
                return "ticker " + quote(t) + " is not an upper-case ticker (" + TICKER_RULE + ")";
            }
        }
        if (news.getSentiment() != null && !isSentiment(news.getSentiment())) {
            return "sentiment must be in [-1, 1], got " + news.getSentiment();
        }
        if (news.getTickerSentiment() != null) {
            for (Map.Entry<String, Double> e : news.getTickerSentiment().entrySet()) {
                if (!isTicker(e.getKey())) {
                    return "tickerSentiment: " + quote(e.getKey()) + " is not an upper-case ticker (" + TICKER_RULE
                            + ")";
                }
                if (e.getValue() == null || !isSentiment(e.getValue())) {
                    return "tickerSentiment of " + e.getKey() + " must be in [-1, 1], got " + e.getValue();
                }
            }
        }
        return null;
    }

    private static boolean isSentiment(double s) {
        return s >= -1 && s <= 1; // NaN is neither
    }

    /** The first field of {@code news} beyond {@code limits}, said with the limit's setting, or null. */
    private static String tooLong(NewsEvent news, InputLimits limits) {
        if (news.getTickers().size() > limits.tickers()) {
            return beyond("it names " + news.getTickers().size() + " tickers", limits.tickers(), InputLimits.TICKERS);
        }
        int perTicker = news.getTickerSentiment() == null
                ? 0
                : news.getTickerSentiment().size();
        if (perTicker > limits.tickers()) {
            return beyond("it gives a sentiment for " + perTicker + " tickers", limits.tickers(), InputLimits.TICKERS);
        }
        if (news.getTags().size() > limits.tags()) {
            return beyond("it has " + news.getTags().size() + " tags", limits.tags(), InputLimits.TAGS);
        }
        if (length(news.getSummary()) > limits.summaryChars()) {
            return beyond(
                    "summary is " + length(news.getSummary()) + " characters",
                    limits.summaryChars(),
                    InputLimits.SUMMARY_CHARS);
        }
        String[][] fields = {
            {"id", news.getId()}, {"source", news.getSource()}, {"headline", news.getHeadline()}, {"url", news.getUrl()}
        };
        for (String[] f : fields) {
            if (length(f[1]) > limits.fieldChars()) {
                return beyond(
                        f[0] + " is " + length(f[1]) + " characters", limits.fieldChars(), InputLimits.FIELD_CHARS);
            }
        }
        for (String tag : news.getTags()) {
            if (length(tag) > limits.fieldChars()) {
                return beyond("a tag is " + length(tag) + " characters", limits.fieldChars(), InputLimits.FIELD_CHARS);
            }
        }
        return null;
    }

    private static String beyond(String what, int limit, String setting) {
        return what + ", more than the limit of " + limit + " (setting " + setting + ")";
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    /** {@code 'text'}, {@linkplain #oneLine one line} and cut short so that a reason stays one short line. */
    public static String quote(String s) {
        String one = oneLine(String.valueOf(s));
        return "'" + (one.length() > QUOTE_MAX ? one.substring(0, QUOTE_MAX) + "..." : one) + "'";
    }

    /**
     * {@code s} with each line break ({@code \r\n} counts as one) and every other control character a space: text
     * from a record or a peer can neither split a log line nor carry a terminal's escape sequences.
     */
    public static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                continue; // the \n that follows becomes the one space
            }
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        return b.toString();
    }
}
