package com.marketreactions.producers.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.marketreactions.common.Trades;
import com.marketreactions.producers.files.TickLines;
import com.marketreactions.producers.files.TimeRules;
import com.marketreactions.schema.StockTick;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TickCsvTest {

    private static final Instant T0 = Instant.parse("2025-11-03T14:30:00Z");

    @Test
    void writesTheNewColumnsOnlyForTicksThatHaveThem() {
        assertEquals(
                "AMZN,2025-11-03T14:30:00.000Z,254.50,100", TickCsv.line(Trades.trade("AMZN", T0, 254.5, 100.0, "V")));
        assertEquals(
                "AMZN,2025-11-03T14:30:00.000Z,254.50,100,V,7",
                TickCsv.line(Trades.trade("AMZN", T0, 254.5, 100.0, "V", "7")));
        assertEquals(
                "AMZN,2025-11-03T14:30:00.000Z,254.50,100,V,,CANCEL,7",
                TickCsv.line(Trades.cancel("AMZN", T0, 254.5, 100.0, "V", "7")));
        assertEquals(
                "AMZN,2025-11-03T14:30:00.000Z,254.60,90,,8,CORRECTION,\"7,\"\"a\"\"\"",
                TickCsv.line(Trades.correction("AMZN", T0, 254.6, 90.0, null, "8", "7,\"a\"")));
    }

    @Test
    void ticksWithIdsReadBackAsWritten() throws Exception {
        TickLines reader = new TickLines(TimeRules.defaults());
        for (StockTick t : List.of(
                Trades.trade("AMZN", T0, 254.5, 100.0, null, "7"),
                Trades.trade("AMZN", T0, 254.5, 100.0, "V", "7"),
                Trades.cancel("AMZN", T0, 254.5, 100.0, "V", "7"),
                Trades.correction("AMZN", T0, 254.6, 90.0, null, "8", "7,\"a\""))) {
            assertEquals(t, reader.parse(TickCsv.line(t)), TickCsv.line(t));
        }
    }
}
