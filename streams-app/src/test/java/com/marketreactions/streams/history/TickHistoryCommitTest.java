package com.marketreactions.streams.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.streams.TopologyNames;
import com.marketreactions.streams.reaction.TickSeries;
import com.marketreactions.streams.topology.TopologyFixture;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Pins the one behaviour of Kafka Streams the tick history relies on that no public API offers: a store
 * implementing the internal {@code CachedStateStore} has {@code flushCache()} called before every commit,
 * and what it writes then goes into that commit's changelog records (the public {@code StateStore.commit}
 * runs after the transaction, too late). An upgrade that stops doing so loses the ticks buffered since the
 * last full part on a crash; this test then fails: the ticks piped here fill no part, so only the flush
 * before the driver's commit can have written them to the changelog.
 */
class TickHistoryCommitTest {

    @Test
    void ticksBufferedInMemoryReachTheChangelogWithEachCommit() {
        try (TopologyFixture f = new TopologyFixture("PT5M")) {
            TestOutputTopic<byte[], byte[]> changelog = f.driver.createOutputTopic(
                    "reaction-test-" + TopologyNames.TICK_HISTORY + "-changelog",
                    new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            int n = 5;
            for (int i = 0; i < n; i++) {
                f.tick("AMZN", Duration.ofSeconds(i), 100 + i, 10);
            }
            assertTrue(n < TickHistoryStore.PART, "fewer ticks than a part: none written as a part fills");

            // the driver commits after each input record, so the minute's record is written once per tick
            List<byte[]> minute = changelog.readRecordsToList().stream()
                    .filter(r -> r.key().length == "AMZN".length() + 13 && r.key()[4] == 0 && r.value() != null)
                    .map(TestRecord::value)
                    .toList();
            assertEquals(n, minute.size(), "one changelog record of the minute per commit");
            TickSeries last = new TickSeries();
            TickBlock.appendPart(minute.get(n - 1), last, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
            assertEquals(n, last.size(), "the changelog's latest record of the minute has every tick");
            assertEquals(104.0, last.price(n - 1));
        }
    }
}
