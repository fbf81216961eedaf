package com.marketreactions.producers.files;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The common shape of an ISO-8601 event time, {@code 2025-11-03T14:30:00.123Z} or with an offset
 * {@code +01:00}, read without {@link java.time.format.DateTimeFormatter}: a ticks file is millions of these,
 * and the formatter's general parser read 400,000 a second where this reads several million (measured in the
 * benchmark's file-parse line). Anything else (other separators, zone ids, week dates) is left to the
 * formatter.
 */
final class IsoTimes {

    /** What {@link #epochMillis} returns for a string not of the common shape. */
    static final long NOT_THIS_SHAPE = Long.MIN_VALUE;

    private IsoTimes() {}

    /** Epoch milliseconds (fractions beyond the millisecond dropped), or {@link #NOT_THIS_SHAPE}. */
    static long epochMillis(String s) {
        int n = s.length();
        if (n < 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return NOT_THIS_SHAPE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0
                || month < 0
                || day < 0
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return NOT_THIS_SHAPE;
        }
        int i = 19;
        int millis = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && Character.isDigit(s.charAt(i))) {
                if (i - start < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            int len = i - start;
            if (len == 0 || len > 9) {
                return NOT_THIS_SHAPE;
            }
            for (int k = len; k < 3; k++) {
                millis *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                return NOT_THIS_SHAPE;
            }
            offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return NOT_THIS_SHAPE;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay(); // checks the day exists (no 30 February)
        } catch (DateTimeException e) {
            return NOT_THIS_SHAPE; // the formatter names what is wrong
        }
        long seconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return seconds * 1000L + millis;
    }

    /** The non-negative number written by {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
