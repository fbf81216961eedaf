package com.marketreactions.streams.history;

import com.marketreactions.common.Shares;
import com.marketreactions.streams.time.Lateness;

/**
 * Folds the ticks of consecutive minutes into {@link SettledMinutes}: a minute stands as its close with its volume
 * when all its ticks came in time; a minute with a late tick ({@link Lateness#isLateTick}) or a withdrawn one is
 * unsettled.
 */
final class MinuteSummarizer implements TickBlock.TickVisitor {
    private final SettledMinutes into;
    private final long graceMs;
    private long minute = Long.MIN_VALUE;
    private long lastTs;
    private double lastPrice;
    private long volume;
    private boolean inTime;

    MinuteSummarizer(SettledMinutes into, long graceMs) {
        this.into = into;
        this.graceMs = graceMs;
    }

    @Override
    public void tick(long ts, double price, long size, long clockBefore, long key, long withdrawnAt) {
        long start = TickBlock.start(ts);
        if (start != minute) {
            close();
            minute = start;
            volume = 0;
            inTime = true;
        }
        lastTs = ts;
        lastPrice = price;
        volume = Shares.add(volume, size);
        // a withdrawn trade is seen by some reads and not by others, as a late one is
        inTime &= !Lateness.isLateTick(ts, clockBefore, graceMs) && withdrawnAt == TickBlock.NOT_WITHDRAWN;
    }

    void close() {
        if (minute == Long.MIN_VALUE) {
            return;
        }
        if (inTime) {
            into.add(lastTs, lastPrice, volume);
        } else {
            into.unsettle(minute);
        }
        minute = Long.MIN_VALUE;
    }
}
