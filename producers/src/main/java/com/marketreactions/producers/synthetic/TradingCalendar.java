package com.marketreactions.producers.synthetic;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The US equity trading day of the synthetic market: pre-market 04:00–09:30, regular session 09:30–16:00,
 * after-hours 16:00–20:00, America/New_York wall clock (so the UTC times move with daylight saving), on
 * weekdays. Exchange holidays and half days are not modelled. Intervals are half-open: 09:30:00 is regular,
 * 16:00:00 is after-hours.
 */
public final class TradingCalendar {

    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    public static final LocalTime PRE_MARKET_OPEN = LocalTime.of(4, 0);
    public static final LocalTime OPEN = LocalTime.of(9, 30);
    public static final LocalTime CLOSE = LocalTime.of(16, 0);
    public static final LocalTime AFTER_HOURS_CLOSE = LocalTime.of(20, 0);

    /** Seconds from 04:00 to the open, to the close and to 20:00. */
    static final int PRE_MARKET_SECONDS = 5 * 3600 + 1800;

    static final int REGULAR_END = PRE_MARKET_SECONDS + 6 * 3600 + 1800;
    static final int DAY_SECONDS = 16 * 3600;
    /** Length of the regular session in seconds (6.5 h). */
    public static final int REGULAR_SECONDS = REGULAR_END - PRE_MARKET_SECONDS;

    private TradingCalendar() {}

    /** Weekdays trade; weekends do not. */
    public static boolean isTradingDay(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }

    /** The session an instant falls in. */
    public static Session sessionAt(Instant t) {
        ZonedDateTime z = t.atZone(NEW_YORK);
        if (!isTradingDay(z.toLocalDate())) {
            return Session.CLOSED;
        }
        LocalTime time = z.toLocalTime();
        if (time.isBefore(PRE_MARKET_OPEN) || !time.isBefore(AFTER_HOURS_CLOSE)) {
            return Session.CLOSED;
        }
        if (time.isBefore(OPEN)) {
            return Session.PRE_MARKET;
        }
        return time.isBefore(CLOSE) ? Session.REGULAR : Session.AFTER_HOURS;
    }

    /** The instant of a New York wall-clock time on a date. */
    public static Instant at(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, NEW_YORK).toInstant();
    }

    /** The New York calendar date of an instant. */
    public static LocalDate dateOf(Instant t) {
        return t.atZone(NEW_YORK).toLocalDate();
    }

    /** The next trading day on or after a date. */
    static LocalDate onOrAfter(LocalDate date) {
        LocalDate d = date;
        while (!isTradingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** Weekdays in {@code [from, to)}; negative when {@code to} is before {@code from}. */
    static long weekdaysBetween(LocalDate from, LocalDate to) {
        return weekdaysBefore(to) - weekdaysBefore(from);
    }

    /** Weekdays from Monday 1970-01-05 up to (not including) a date. */
    private static long weekdaysBefore(LocalDate d) {
        long days = d.toEpochDay() - 4; // 1970-01-05 is epoch day 4, a Monday
        long weeks = Math.floorDiv(days, 7);
        long rest = days - weeks * 7;
        return weeks * 5 + Math.min(rest, 5);
    }

    /** Seconds since 04:00 New York time on the instant's date (may be negative or beyond the day). */
    static double secondsSincePreOpen(ZonedDateTime z) {
        return z.toLocalTime().toNanoOfDay() / 1e9 - PRE_MARKET_OPEN.toSecondOfDay();
    }
}
