package com.marketreactions.cli;

import com.marketreactions.schema.StockTick;
import java.time.Instant;

/** Ticks the tests write to a topic themselves, record by record. */
final class Ticks {

    private Ticks() {}

    /** One share of {@code symbol} at {@code price}. */
    static StockTick of(String symbol, Instant ts, double price) {
        return StockTick.newBuilder()
                .setSymbol(symbol)
                .setTs(ts)
                .setPrice(price)
                .setSize(1)
                .build();
    }
}
