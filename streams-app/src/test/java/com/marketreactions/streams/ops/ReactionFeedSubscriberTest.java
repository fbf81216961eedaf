package com.marketreactions.streams.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReactionFeedSubscriberTest {

    @Test
    void aPageThatStopsReadingIsDroppedAtItsBoundNotAfter() {
        ReactionFeed.Subscriber s = new ReactionFeed.Subscriber(3);
        assertTrue(s.offer("a"));
        assertTrue(s.offer("b"));
        assertTrue(s.offer("c"));
        assertFalse(s.dropped());
        assertFalse(s.offer("d"), "the fourth does not fit");
        assertTrue(s.dropped());
        assertEquals(3, s.queue.size(), "what it holds stays at the bound");
        assertEquals("a", s.queue.poll());
        assertFalse(s.offer("e"), "once dropped, it stays dropped: its stream is closed and the page reconnects");
    }

    @Test
    void aPageThatKeepsUpIsNeverDropped() {
        ReactionFeed.Subscriber s = new ReactionFeed.Subscriber(2);
        for (int i = 0; i < 100; i++) {
            assertTrue(s.offer(Integer.toString(i)));
            assertEquals(Integer.toString(i), s.queue.poll());
        }
        assertFalse(s.dropped());
    }
}
