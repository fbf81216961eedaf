package com.marketreactions.streams.differential;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The trading hours of the generated markets ({@link LongMarket}, {@link WideMarket}), in UTC: the regular session
 * 14:30-21:00 on weekdays, pre-market from 09:00, after-market until 01:00 the next day.
 */
public final class SessionHours {

    public static final long SECOND = 1000L;
    public static final long MINUTE = 60 * SECOND;
    public static final long HOUR = 60 * MINUTE;
    public static final long DAY = 24 * HOUR;
    public static final long OPEN = 14 * HOUR + 30 * MINUTE;
    public static final long CLOSE = 21 * HOUR;
    public static final long PRE_MARKET = 9 * HOUR;
    /** 01:00 the next day, as a time of day. */
    public static final long AFTER_MARKET_END = HOUR;

    private SessionHours() {}

    /** The first {@code n} weekdays from {@code start} on (a midnight, UTC), as their midnights. */
    public static List<Long> tradingDays(long start, int n) {
        List<Long> days = new ArrayList<>();
        for (long d = start; days.size() < n; d += DAY) {
            if (isWeekday(d)) {
                days.add(d);
            }
        }
        return days;
    }

    public static boolean isWeekday(long t) {
        DayOfWeek d = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }

    static boolean inSession(long t) {
        long tod = Math.floorMod(t, DAY);
        return isWeekday(t) && tod >= OPEN && tod < CLOSE;
    }

    /** Pre-market 09:00-14:30 and after-market 21:00-01:00 of a weekday. */
    static boolean inExtendedHours(long t) {
        long tod = Math.floorMod(t, DAY);
        if (tod >= PRE_MARKET && tod < OPEN || tod >= CLOSE) {
            return isWeekday(t);
        }
        return tod < AFTER_MARKET_END && isWeekday(t - DAY);
    }

    /** A news time on {@code day}: 70% in the regular session, 15% before it, 15% after it; a fifth on the minute. */
    static long newsTime(Random rnd, long day) {
        int kind = rnd.nextInt(20);
        long from;
        long to;
        if (kind < 3) {
            from = 11 * HOUR;
            to = OPEN;
        } else if (kind < 6) {
            from = CLOSE;
            to = 23 * HOUR;
        } else {
            from = OPEN;
            to = CLOSE;
        }
        long t = day + from + (long) (rnd.nextDouble() * (to - from));
        return rnd.nextInt(5) == 0 ? t - Math.floorMod(t, MINUTE) : t;
    }
}
