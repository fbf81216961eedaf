package com.marketreactions.bench;

import java.util.Locale;

/**
 * What {@code bench --market} measured: the 50-symbol base and the whole market, in one invocation so that the
 * machine's state is the same for both; printed as both tables, then the market's target lines.
 */
public record MarketResult(BenchResult base, BenchResult market) implements BenchReport {

    @Override
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append("base\n").append(base.rows()).append("market\n").append(market.rows());
        b.append(String.format(
                Locale.ROOT,
                "market cpu per tick %.2f us (base %.2f us)%n",
                market.cpuPerTickMicros(),
                base.cpuPerTickMicros()));
        b.append(String.format(
                Locale.ROOT, "market ratio analyzer / streams alone %.3f%n", market.ratioToStreamsAlone()));
        b.append(String.format(Locale.ROOT, "market heap after GC %.0f MiB%n", market.liveHeapMiB()));
        b.append(String.format(Locale.ROOT, "market live p99 tick->provisional %.0f ms%n", market.provisionalP99Ms()));
        b.append(String.format(Locale.ROOT, "market live p99 close->final %.0f ms%n", market.finalP99Ms()));
        return b.toString();
    }
}
