package com.marketreactions.common;

import java.time.Duration;

/**
 * How far ahead of the clock an event time may be, and how large a news event may be. One record must not be able
 * to grow the state, the internal topics or every reaction of its news without bound: the topology copies a news
 * event once per ticker, stores it per ticker and horizon, and every reaction carries its ticker list. A record
 * beyond a limit is rejected with the limit's name, so the user can raise it. Symbols need no limit of their own:
 * {@link RecordChecks#TICKER_RULE} bounds them.
 *
 * @param tickers most tickers a news event may name
 * @param tags most tags a news event may carry
 * @param fieldChars longest id, source, headline, url or tag, in characters
 * @param summaryChars longest summary, in characters
 * @param maxAhead how far a tick's or news event's time may be ahead of the wall clock: further is a producer's
 *     mistake (or malice), and one such benchmark tick would move every task's clock and make the real ticks late
 * @param maxJump how far a tick's time may be ahead of every tick its partition passed on before it; further, it is
 *     held back until they come within this of it (the same harm as above, in data behind the wall clock: a backlog
 *     or a replay)
 */
public record InputLimits(
        int tickers, int tags, int fieldChars, int summaryChars, Duration maxAhead, Duration maxJump) {

    public static final String TICKERS = "news.max.tickers";
    public static final String TAGS = "news.max.tags";
    public static final String FIELD_CHARS = "news.max.field.chars";
    public static final String SUMMARY_CHARS = "news.max.summary.chars";
    public static final String MAX_AHEAD = "event.max.ahead";
    public static final String MAX_JUMP = "event.max.jump";

    public InputLimits {
        atLeastOne(TICKERS, tickers);
        atLeastOne(TAGS, tags);
        atLeastOne(FIELD_CHARS, fieldChars);
        atLeastOne(SUMMARY_CHARS, summaryChars);
        if (maxAhead == null || maxAhead.isNegative()) {
            throw new IllegalArgumentException(MAX_AHEAD + ": must not be negative, got " + maxAhead);
        }
        if (maxJump == null || maxJump.isNegative() || maxJump.isZero()) {
            throw new IllegalArgumentException(MAX_JUMP + ": must be positive, got " + maxJump);
        }
    }

    /**
     * 100 tickers (the widest sector and index items of the vendors' feeds name a few dozen), 50 tags, 1,000
     * characters for a headline or any other short field, 20,000 for a summary (vendors' teasers and descriptions
     * are a few hundred to a few thousand); event times at most a minute ahead of the clock (clocks synchronized
     * by NTP differ by milliseconds), and a minute ahead of the ticks before them on their partition (the grace of
     * a late tick: a jump no larger does not move a clock further than a late tick may trail it).
     */
    public static InputLimits defaults() {
        return new InputLimits(100, 50, 1_000, 20_000, Duration.ofMinutes(1), Duration.ofMinutes(1));
    }

    /** These limits, with event times up to {@code d} ahead of the clock. */
    public InputLimits withMaxAhead(Duration d) {
        return new InputLimits(tickers, tags, fieldChars, summaryChars, d, maxJump);
    }

    /** These limits, with ticks up to {@code d} ahead of the ticks before them on their partition. */
    public InputLimits withMaxJump(Duration d) {
        return new InputLimits(tickers, tags, fieldChars, summaryChars, maxAhead, d);
    }

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + ": must be at least 1, got " + value);
        }
    }
}
