package com.marketreactions.producers.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    private long now;
    private final List<Long> sleeps = new ArrayList<>();

    @Test
    void waitsUntilEventTimeDividedBySpeedHasPassed() throws Exception {
        Pacer p = Pacer.speed(60, () -> now, ms -> {
            sleeps.add(ms);
            now += ms * 1_000_000;
        });
        now = 5_000_000_000L;
        p.await(1_000_000); // the first record sets the origin
        now += 200_000_000; // 0.2 s later, a record one minute of event time later: due at 1 s
        p.await(1_060_000);
        p.await(1_060_000); // same time: no wait
        now += 3_000_000_000L; // far behind schedule: no wait either
        p.await(1_120_000);
        assertEquals(List.of(800L), sleeps);
    }

    @Test
    void speedMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> Pacer.speed(0));
        assertThrows(IllegalArgumentException.class, () -> Pacer.speed(-2));
        assertThrows(IllegalArgumentException.class, () -> Pacer.speed(Double.NaN));
    }
}
