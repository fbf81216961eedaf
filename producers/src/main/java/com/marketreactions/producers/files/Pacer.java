package com.marketreactions.producers.files;

/**
 * Paces publishing by event time: at speed N, a record whose event time is t after the first record's is
 * sent no earlier than t / N of wall time after the first was sent. {@link #MAX} does not wait.
 */
public interface Pacer {

    Pacer MAX = eventTimeMs -> {};

    /** Blocks until the record with this event time is due. */
    void await(long eventTimeMs) throws InterruptedException;

    /** N times real time, e.g. 1 = as it happened, 60 = an hour a minute. */
    static Pacer speed(double n) {
        return speed(n, System::nanoTime, Thread::sleep);
    }

    /** For tests: the clock and the sleep are given. */
    static Pacer speed(double n, java.util.function.LongSupplier nanoClock, Sleeper sleeper) {
        if (!(n > 0) || Double.isInfinite(n)) {
            throw new IllegalArgumentException("speed must be a positive number, got " + n);
        }
        return new Pacer() {
            private long firstEvent = Long.MIN_VALUE;
            private long startNanos;

            @Override
            public void await(long eventTimeMs) throws InterruptedException {
                if (firstEvent == Long.MIN_VALUE) {
                    firstEvent = eventTimeMs;
                    startNanos = nanoClock.getAsLong();
                    return;
                }
                long dueNanos = startNanos + (long) ((eventTimeMs - firstEvent) * 1e6 / n);
                long waitMs = (dueNanos - nanoClock.getAsLong()) / 1_000_000;
                if (waitMs > 0) {
                    sleeper.sleep(waitMs);
                }
            }
        };
    }

    /** {@link Thread#sleep(long)}, replaceable in tests. */
    interface Sleeper {
        void sleep(long ms) throws InterruptedException;
    }
}
