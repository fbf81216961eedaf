package com.marketreactions.streams.pending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class PendingIndexTest {

    private static PendingReaction entry(long t0, long h, String ticker, String id) {
        return new PendingReaction(new PendingKey(t0 + h + 60, false, ticker, "H" + h, id), null, t0, h);
    }

    @Test
    void closingBeforeIsInCloseOrderPerTickerAndOverall() {
        PendingIndex index = new PendingIndex();
        PendingReaction a5 = entry(1_000, 5, "AMZN", "n1");
        PendingReaction a30 = entry(1_000, 30, "AMZN", "n1");
        PendingReaction m5 = entry(900, 5, "MSFT", "n2");
        List.of(a30, m5, a5).forEach(index::add);
        assertEquals(List.of(a5), index.closingBefore("AMZN", 1_066));
        assertEquals(List.of(m5, a5), index.closingBefore(1_066));
        assertEquals(List.of(m5, a5, a30), index.closingBefore(Long.MAX_VALUE));
        assertEquals(List.of(), index.closingBefore(Long.MIN_VALUE));
        assertEquals(965, index.firstClose());
    }

    @Test
    void theEarliestPendingNewsTimeFollowsRemovals() {
        PendingIndex index = new PendingIndex();
        PendingReaction a5 = entry(1_000, 5, "AMZN", "n1");
        PendingReaction a30 = entry(1_000, 30, "AMZN", "n1");
        PendingReaction late = entry(2_000, 5, "AMZN", "n3");
        PendingReaction m5 = entry(900, 5, "MSFT", "n2");
        List.of(a5, a30, late, m5).forEach(index::add);
        assertEquals(900, index.earliestT0());
        assertEquals(1_000, index.earliestT0("AMZN"));
        index.remove(a5);
        assertEquals(1_000, index.earliestT0("AMZN"), "n1's PT30M still pending");
        index.remove(a30);
        assertEquals(2_000, index.earliestT0("AMZN"));
        index.remove(m5);
        assertEquals(Long.MAX_VALUE, index.earliestT0("MSFT"));
        assertNull(index.ticker("MSFT"));
        assertEquals(2_000, index.earliestT0());
        assertEquals(1, index.size());
    }

    @Test
    void trackedReactionsAreForgottenWithTheirEntry() {
        PendingIndex index = new PendingIndex();
        PendingReaction a5 = entry(1_000, 5, "AMZN", "n1");
        PendingReaction m5 = entry(900, 5, "MSFT", "n2");
        index.add(a5);
        index.add(m5);
        index.track(a5);
        assertEquals(List.of(a5), toList(index.tracked()));
        assertEquals(List.of(a5), toList(index.tracked("AMZN")));
        assertEquals(List.of(), toList(index.tracked("MSFT")));
        index.remove(a5);
        assertEquals(List.of(), toList(index.tracked()));
        assertEquals(List.of(), toList(index.tracked("AMZN")));
    }

    private static List<PendingReaction> toList(Iterable<PendingReaction> it) {
        List<PendingReaction> out = new java.util.ArrayList<>();
        it.forEach(out::add);
        return out;
    }

    @Test
    void clearForgetsEverythingSoARebuildCountsEachEntryOnce() {
        PendingIndex index = new PendingIndex();
        PendingReaction a5 = entry(1_000, 5, "AMZN", "n1");
        index.add(a5);
        index.track(a5);
        index.clear();
        assertEquals(0, index.size());
        assertNull(index.ticker("AMZN"));
        assertFalse(index.tracked("AMZN").iterator().hasNext());
        assertEquals(Long.MAX_VALUE, index.earliestT0());
        index.add(entry(1_000, 5, "AMZN", "n1"));
        assertEquals(1, index.size());
    }
}
