package com.marketreactions.streams.reaction;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exchange's trading day, by its own clock: the {@value #BUCKETS} parts of a day a volatility profile has
 * (docs/method.md#the-window-variance), the trading hours 04:00-20:00 whose minutes carry variance, and the nights
 * between two trading days. Weekdays are trading days (holidays are not known: a holiday counts as a quiet day).
 */
public final class SessionClock {

    /** Minutes of the day where each part starts; the last entry is where the trading day ends (20:00). */
    private static final int[] STARTS = {
        4 * 60, // PRE 04:00
        9 * 60 + 30, // the first five minutes of the session
        9 * 60 + 35,
        9 * 60 + 45,
        10 * 60, // eleven half hours 10:00-15:30
        10 * 60 + 30,
        11 * 60,
        11 * 60 + 30,
        12 * 60,
        12 * 60 + 30,
        13 * 60,
        13 * 60 + 30,
        14 * 60,
        14 * 60 + 30,
        15 * 60,
        15 * 60 + 30, // the close: 15 minutes, 10 minutes, the last five
        15 * 60 + 45,
        15 * 60 + 55,
        16 * 60, // POST 16:00
        20 * 60
    };

    public static final int BUCKETS = STARTS.length - 1;
    static final long MINUTE_MS = 60_000L;
    private static final int DAY_CACHE = 64;

    private final ZoneId zone;
    /** Per local date, the instants (epoch ms) where its parts start, and its midnight; for the dates seen last. */
    private final Map<LocalDate, long[]> days = new LinkedHashMap<>(DAY_CACHE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LocalDate, long[]> eldest) {
            return size() > DAY_CACHE;
        }
    };

    public SessionClock(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Length of each part of the day, in minutes (as the clock reads, so a day of a clock change is the same). */
    public static double[] lengths() {
        double[] len = new double[BUCKETS];
        for (int b = 0; b < BUCKETS; b++) {
            len[b] = STARTS[b + 1] - STARTS[b];
        }
        return len;
    }

    /**
     * The part of the day the minute starting at {@code ts} is in: a clock time before 04:00 counts as PRE, after
     * 20:00 as POST (their returns still tell how quiet the extended hours are).
     */
    public int bucket(long ts) {
        long[] d = day(ts);
        int b = 0;
        while (b < BUCKETS - 1 && ts >= d[b + 1]) {
            b++;
        }
        return b;
    }

    /**
     * The variance of a return over {@code (from, to]} in units of sigma squared: each trading minute inside it
     * weighted by its part of the day's {@code weight} (a share of a minute by its share), plus {@code
     * nightWeight} for each night it spans. Minutes outside 04:00-20:00 and on weekends carry nothing of their
     * own: the night's weight stands for them.
     */
    public double varianceMinutes(long from, long to, double[] weight, double nightWeight) {
        if (to <= from) {
            return 0;
        }
        double w = 0;
        LocalDate last = date(to);
        for (LocalDate d = date(from); !d.isAfter(last); d = d.plusDays(1)) {
            if (!tradingDay(d)) {
                continue;
            }
            long[] starts = dayOf(d);
            for (int b = 0; b < BUCKETS; b++) {
                long lo = Math.max(from, starts[b]);
                long hi = Math.min(to, starts[b + 1]);
                if (hi > lo) {
                    w += weight[b] * (hi - lo) / (double) MINUTE_MS;
                }
            }
        }
        return w + nightWeight * nights(from, to);
    }

    /** The nights in {@code (from, to]}: trading days after the one of {@code from}, up to the one of {@code to}. */
    public int nights(long from, long to) {
        int n = 0;
        LocalDate last = date(to);
        for (LocalDate d = date(from).plusDays(1); !d.isAfter(last); d = d.plusDays(1)) {
            if (tradingDay(d)) {
                n++;
            }
        }
        return n;
    }

    /** The instant (epoch ms) of the midnight that starts the local date of {@code ts}. */
    public long midnight(long ts) {
        return day(ts)[BUCKETS + 1];
    }

    /** The midnight after that of {@code ts}'s date. */
    public long nextMidnight(long ts) {
        return dayOf(date(ts).plusDays(1))[BUCKETS + 1];
    }

    public LocalDate date(long ts) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(ts), zone);
    }

    public static boolean tradingDay(LocalDate d) {
        DayOfWeek w = d.getDayOfWeek();
        return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY;
    }

    private long[] day(long ts) {
        return dayOf(date(ts));
    }

    private long[] dayOf(LocalDate d) {
        return days.computeIfAbsent(d, date -> {
            long[] s = new long[BUCKETS + 2];
            for (int b = 0; b <= BUCKETS; b++) {
                s[b] = date.atTime(LocalTime.of(STARTS[b] / 60, STARTS[b] % 60))
                        .atZone(zone)
                        .toInstant()
                        .toEpochMilli();
            }
            s[BUCKETS + 1] = date.atStartOfDay(zone).toInstant().toEpochMilli();
            return s;
        });
    }
}
