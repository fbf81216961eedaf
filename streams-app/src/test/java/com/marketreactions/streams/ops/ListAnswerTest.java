package com.marketreactions.streams.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marketreactions.common.RecordJson;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionModel;
import com.marketreactions.schema.ReactionStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A list answer of one instance is cut to the newest {@link ReactionQueries#MAX_REACTIONS} reactions and to
 * {@link Answer#MAX_LIST_BYTES}, keeps its shape (a JSON array, newest first) and says when it was cut.
 */
class ListAnswerTest {

    private static final Instant T0 = Instant.parse("2025-11-03T14:30:00Z");

    @Test
    void theNewestAreKeptNewestFirstAndTheCutIsSaid() {
        ReactionQueries.Newest three = new ReactionQueries.Newest(3);
        ReactionQueries.Newest all = new ReactionQueries.Newest(5);
        for (int minute : new int[] {5, 1, 9, 3, 7}) {
            three.add(reaction("n" + minute, minute, "headline"));
            all.add(reaction("n" + minute, minute, "headline"));
        }
        assertEquals(List.of("n9", "n7", "n5"), ids(three));
        assertTrue(three.truncated());
        assertEquals(List.of("n9", "n7", "n5", "n3", "n1"), ids(all));
        assertFalse(all.truncated());
    }

    @Test
    void aListAnswerIsTheJsonArrayOfItsRecords() {
        List<MarketReaction> rs = List.of(reaction("n2", 2, "second"), reaction("n1", 1, "first"));
        Answer a = Answer.list(rs, false);
        assertEquals(RecordJson.toJsonArray(rs), a.json());
        assertFalse(a.truncated());
        assertEquals("[]", Answer.list(List.of(), false).json());
        assertTrue(Answer.list(rs, true).truncated(), "records left out before are said too");
    }

    @Test
    void aListAnswerEndsBeforeTheRecordThatWouldTakeItBeyondTheBound() throws Exception {
        String mib = "h".repeat(1024 * 1024);
        List<MarketReaction> rs = new ArrayList<>();
        for (int i = 9; i > 0; i--) {
            rs.add(reaction("n" + i, i, mib));
        }
        Answer a = Answer.list(rs, false);
        assertTrue(a.truncated());
        assertTrue(a.json().getBytes(StandardCharsets.UTF_8).length <= Answer.MAX_LIST_BYTES);
        int kept = new ObjectMapper().readTree(a.json()).size();
        assertTrue(kept > 0 && kept < rs.size(), kept + " of " + rs.size());
        assertEquals(RecordJson.toJsonArray(rs.subList(0, kept)), a.json(), "the newest that fit, whole");
    }

    private static List<String> ids(ReactionQueries.Newest newest) {
        return newest.reactions().stream().map(MarketReaction::getNewsId).toList();
    }

    private static MarketReaction reaction(String newsId, int minute, String headline) {
        return MarketReaction.newBuilder()
                .setNewsId(newsId)
                .setTicker("AMZN")
                .setHorizon("PT5M")
                .setStatus(ReactionStatus.FINAL)
                .setEventTime(T0.plusSeconds(60L * minute))
                .setTickCount(1)
                .setVolume(1)
                .setBenchmark("SPY")
                .setModel(ReactionModel.NONE)
                .setHeadline(headline)
                .build();
    }
}
