package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc32PartitionerTest {

    private static int partition(String key, int partitions) {
        return Crc32Partitioner.partition(key.getBytes(StandardCharsets.UTF_8), partitions);
    }

    @Test
    void partitionIsTheUnsignedCrc32OfTheKeyModuloThePartitionCount() {
        // CRC32("123456789") = 0xCBF43926 = 3421780262, the standard check value (negative as a signed int)
        assertEquals(2, partition("123456789", 4));
        assertEquals(5, partition("123456789", 7));
        // CRC32 of the tickers, computed with another implementation (zlib): SPY 968359423, AMZN 2879268766,
        // MSFT 3974476411
        assertEquals(3, partition("SPY", 4));
        assertEquals(2, partition("AMZN", 4));
        assertEquals(0, partition("AMZN", 2));
        assertEquals(3, partition("MSFT", 4));
    }
}
