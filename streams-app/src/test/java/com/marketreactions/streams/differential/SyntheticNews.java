package com.marketreactions.streams.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** One generated news item of the long and wide markets, from the tickers drawn for it. */
final class SyntheticNews {

    private SyntheticNews() {}

    /**
     * A news item at {@code t0} about {@code drawn}: one in twenty also names the benchmark; a ticker with an alias is
     * named by it in the text half the time, and then half the time only there; the text from {@link Headlines}, a
     * sentiment half the time, a source.
     */
    static MarketInput.News item(Random rnd, String id, long t0, List<String> drawn) {
        List<String> explicit = new ArrayList<>(drawn);
        if (rnd.nextInt(20) == 0) {
            explicit.add(SyntheticMarket.BENCHMARK);
        }
        List<String> byAlias = new ArrayList<>();
        for (String t : List.copyOf(explicit)) {
            if (Headlines.hasAlias(t) && rnd.nextBoolean()) {
                byAlias.add(t);
                if (rnd.nextBoolean()) {
                    explicit.remove(t);
                }
            }
        }
        Headlines.Text text = Headlines.write(rnd, byAlias);
        Double sentiment = rnd.nextBoolean() ? null : Math.round((rnd.nextDouble() * 2 - 1) * 1000) / 1000.0;
        return new MarketInput.News(
                id,
                t0,
                List.copyOf(explicit),
                text.headline(),
                text.summary(),
                rnd.nextBoolean() ? "wire" : "blog",
                sentiment);
    }
}
