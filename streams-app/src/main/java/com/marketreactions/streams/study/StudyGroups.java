package com.marketreactions.streams.study;

import com.marketreactions.schema.MarketReaction;
import java.util.ArrayList;
import java.util.List;

/** The groups of the event study a FINAL reaction belongs to. */
public final class StudyGroups {

    public static final String ALL = "all";
    private static final String TICKER = "ticker:";

    private StudyGroups() {}

    /** A group of one ticker's reactions, where no pair crosses tickers. */
    static boolean oneTicker(String group) {
        return group.startsWith(TICKER);
    }

    /**
     * all; ticker:T; source:S; story:first or story:repeat (when the reaction carries its story);
     * sentiment:positive, :negative or :zero (when the news has one); tag:X for each tag of the news.
     */
    public static List<String> of(MarketReaction r) {
        List<String> g = new ArrayList<>();
        g.add(ALL);
        g.add(TICKER + r.getTicker());
        if (r.getSource() != null && !r.getSource().isBlank()) {
            g.add("source:" + r.getSource());
        }
        if (r.getRepeat() != null) {
            g.add(r.getRepeat() ? "story:repeat" : "story:first");
        }
        if (r.getSentiment() != null) {
            double s = r.getSentiment();
            g.add(s > 0 ? "sentiment:positive" : s < 0 ? "sentiment:negative" : "sentiment:zero");
        }
        for (String t : r.getTags()) {
            if (t != null && !t.isBlank() && !g.contains("tag:" + t.strip())) {
                g.add("tag:" + t.strip());
            }
        }
        return g;
    }
}
