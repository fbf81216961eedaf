package com.marketreactions.streams.news;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The tickers the topology resolves a news item to, for tests outside this package: its own, then those it names. */
public final class TickerMentions {

    private TickerMentions() {}

    /** @param aliases alias to ticker, in the alias store's order (by alias) */
    public static Set<String> resolve(
            List<String> explicit, String headline, String summary, List<Map.Entry<String, String>> aliases) {
        return new AliasMatcher().resolve(explicit, headline, summary, aliases);
    }
}
