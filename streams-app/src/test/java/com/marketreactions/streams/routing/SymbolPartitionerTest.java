package com.marketreactions.streams.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.marketreactions.common.Trades;
import com.marketreactions.schema.StockTick;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.junit.jupiter.api.Test;

class SymbolPartitionerTest {

    private static final int N = 4;
    private final StreamPartitioner<String, StockTick> routed = SymbolPartitioner.routedTicks("SPY");

    private static StockTick tick(String symbol) {
        return Trades.trade(symbol, Instant.EPOCH, 1.0, 1.0, null);
    }

    private Set<Integer> to(String key, StockTick value) {
        Optional<Set<Integer>> p = routed.partitions("routed-ticks", key, value, N);
        return p.orElseThrow();
    }

    private static Set<Integer> all() {
        return IntStream.range(0, N).boxed().collect(Collectors.toSet());
    }

    @Test
    void benchmarkFromItsOwnPartitionGoesToTheOthersOnly() {
        int home = SymbolPartitioner.partition("SPY", N);
        Set<Integer> others = all();
        others.remove(home);
        assertEquals(others, to("SPY", tick("SPY")));
    }

    @Test
    void benchmarkFromAnotherPartitionGoesEverywhere() {
        assertEquals(all(), to(SymbolPartitioner.everywhere("SPY"), tick("SPY")));
    }

    @Test
    void markersGoEverywhereAndMisroutedTicksToTheirSymbolsPartition() {
        assertEquals(all(), to("end", null));
        assertEquals(Set.of(SymbolPartitioner.partition("AMZN", N)), to("AMZN", tick("AMZN")));
        // the partition of a String key in Kafka's Java producer: murmur2 of its UTF-8 bytes
        assertEquals(Set.of(SymbolPartitioner.partition("MSFT", N)), to("anything", tick("MSFT")));
    }

    @Test
    void theSetsFollowThePartitionCount() {
        assertEquals(Set.of(), routed.partitions("t", "SPY", tick("SPY"), 1).orElseThrow());
        assertEquals(
                Set.of(0),
                routed.partitions("t", SymbolPartitioner.everywhere("SPY"), tick("SPY"), 1)
                        .orElseThrow());
        assertEquals(all(), to(SymbolPartitioner.everywhere("SPY"), tick("SPY")));
    }
}
