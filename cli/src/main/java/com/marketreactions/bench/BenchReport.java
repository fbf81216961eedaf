package com.marketreactions.bench;

/** What a benchmark invocation measured: printed as a table, written as JSON. */
public sealed interface BenchReport permits BenchResult, MarketResult {

    /** The measurements, the target lines last. */
    String table();
}
