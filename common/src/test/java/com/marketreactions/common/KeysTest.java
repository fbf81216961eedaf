package com.marketreactions.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The keys of topics and stores, pinned: a running deployment's topics and changelogs hold them, and consumers in
 * other languages split them, so changing a layout by accident must fail here.
 */
class KeysTest {

    @Test
    void reactionKeyIsNewsTickerHorizon() {
        ReactionKey k = new ReactionKey("aws|openai-1", "AMZN", "PT5M");
        assertEquals("aws|openai-1|AMZN|PT5M", k.encode());
        assertEquals(k, ReactionKey.decode(k.encode()), "a news id may hold the separator");
        assertThrows(IllegalArgumentException.class, () -> ReactionKey.decode("no-separator"));
    }

    @Test
    void recentReactionKeyIsTickerFirstAndOneTickerIsOneRange() {
        RecentReactionKey k = new RecentReactionKey("AMZN", "aws|openai-1", "P1D");
        assertEquals("AMZN|aws|openai-1|P1D", k.encode());
        assertEquals(k, RecentReactionKey.decode(k.encode()));
        String from = RecentReactionKey.firstOf("AMZN");
        String to = RecentReactionKey.afterLastOf("AMZN");
        assertTrue(from.compareTo(k.encode()) <= 0 && k.encode().compareTo(to) < 0, "in AMZN's range");
        String other = new RecentReactionKey("AMZNX", "n", "P1D").encode();
        assertTrue(other.compareTo(from) < 0 || other.compareTo(to) >= 0, "AMZNX is not in AMZN's range");
        String shorter = new RecentReactionKey("AMZ", "n", "P1D").encode();
        assertTrue(shorter.compareTo(from) < 0 || shorter.compareTo(to) >= 0, "AMZ is not in AMZN's range");
    }

    @Test
    void studyKeyIsGroupHorizon() {
        StudyKey k = new StudyKey("sentiment:positive", "PT30M");
        assertEquals("sentiment:positive|PT30M", k.encode());
        assertEquals(k, StudyKey.decode(k.encode()));
        assertEquals(new StudyKey("a|b", "P1D"), StudyKey.decode("a|b|P1D"), "a group may hold the separator");
    }

    @Test
    void studyTickerKeyIsGroupHorizonTicker() {
        StudyTickerKey k = new StudyTickerKey(new StudyKey("a|b", "PT5M"), "AMZN");
        assertEquals("a|b|PT5M|AMZN", k.encode());
        assertEquals(k, StudyTickerKey.decode(k.encode()));
    }

    @Test
    void newsHorizonKeyIsNewsHorizon() {
        NewsHorizonKey k = new NewsHorizonKey("aws-openai-wire", "PT1H");
        assertEquals("aws-openai-wire|PT1H", k.encode());
        assertEquals(k, NewsHorizonKey.decode(k.encode()));
    }
}
