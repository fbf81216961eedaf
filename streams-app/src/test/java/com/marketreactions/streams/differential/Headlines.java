package com.marketreactions.streams.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Headlines and summaries for generated news that name companies the way news does: by one of their aliases
 * (in any case, possessive, in brackets, hyphenated), next to words that contain an alias without being one
 * ("LAWS", "Amazonian", "pineapple") and a private company that is not in the alias table.
 */
final class Headlines {

    /** A headline and a summary (null when there is nothing left to say). */
    record Text(String headline, String summary) {}

    private static final String[] VERBS = {
        "signs a cloud deal with",
        "beats estimates as it courts",
        "is sued by",
        "wins a chip order from",
        "raises guidance after talks with",
        "shares slide on news about"
    };
    private static final String[] DECOYS = {
        "New data LAWS weigh on the sector.",
        "Analysts compare it to the Amazonian rainforest of data centres.",
        "Applebee's and pineapple growers shrug.",
        "Azureus-blue logos everywhere.",
        "Cloud firms draw on AWSOME, an unrelated open-source tool."
    };

    private Headlines() {}

    /** Whether the alias table names {@code ticker}. */
    static boolean hasAlias(String ticker) {
        return SyntheticMarket.ALIASES.containsValue(ticker);
    }

    /** The tickers the alias table names, in table order, each once. */
    static List<String> aliasedTickers() {
        return SyntheticMarket.ALIASES.values().stream().distinct().toList();
    }

    /**
     * A text that mentions each of {@code byAlias} (tickers of the alias table) through one of its aliases, and
     * no other alias.
     */
    static Text write(Random r, List<String> byAlias) {
        List<String> mentions = new ArrayList<>();
        for (String t : byAlias) {
            mentions.add(mention(r, t));
        }
        String subject = mentions.isEmpty()
                ? (r.nextBoolean() ? SyntheticMarket.PRIVATE_COMPANY : "A start-up")
                : mentions.remove(0);
        String object = !mentions.isEmpty() && r.nextBoolean()
                ? mentions.remove(0)
                : r.nextInt(3) == 0 ? SyntheticMarket.PRIVATE_COMPANY : "a private lab";
        String headline = subject + " " + VERBS[r.nextInt(VERBS.length)] + " " + object;
        StringBuilder summary = new StringBuilder();
        for (String m : mentions) {
            summary.append(m).append(" is also named in the filing. ");
        }
        if (r.nextInt(3) == 0) {
            summary.append(DECOYS[r.nextInt(DECOYS.length)]).append(' ');
        }
        if (r.nextInt(4) == 0) {
            summary.append(SyntheticMarket.PRIVATE_COMPANY).append(" declined to comment. ");
        }
        String s = summary.toString().trim();
        return new Text(headline, s.isEmpty() ? null : s);
    }

    private static String mention(Random r, String ticker) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> a : SyntheticMarket.ALIASES.entrySet()) {
            if (a.getValue().equals(ticker)) {
                names.add(a.getKey());
            }
        }
        String name = names.get(r.nextInt(names.size()));
        switch (r.nextInt(6)) {
            case 0 -> name = name.toUpperCase(Locale.ROOT);
            case 1 -> name = name.toLowerCase(Locale.ROOT);
            default -> {}
        }
        return switch (r.nextInt(5)) {
            case 0 -> name + "'s unit";
            case 1 -> "(" + name + ")";
            case 2 -> name + "-backed venture";
            default -> name;
        };
    }
}
