package com.marketreactions.streams.news;

import com.marketreactions.common.RecordChecks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves the tickers of a news event: its explicit tickers, then every alias that occurs in the headline
 * or summary as a whole word, case-insensitively ("AWS" matches "AWS deal" but not "LAWS"). An entry with
 * a blank alias or a value that is not a ticker (another producer than ours may write such a record to the
 * aliases topic) resolves nothing: a blank alias would otherwise match every news event.
 *
 * <p>The alias table is compiled once per change ({@link Compiled}): each alias's pattern, indexed by its first word.
 * A news event then tries only the aliases whose first word is a word of its text, not every alias of the table.
 */
public final class AliasMatcher {

    private Compiled compiled = new Compiled(List.of());

    /** @return explicit tickers first, then resolved ones, each once, in a stable order */
    Set<String> resolve(
            List<String> explicit, String headline, String summary, List<Map.Entry<String, String>> aliases) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : explicit) {
            String ticker = t.trim().toUpperCase(Locale.ROOT);
            if (!ticker.isEmpty()) {
                out.add(ticker);
            }
        }
        if (!compiled.entries.equals(aliases)) {
            compiled = new Compiled(List.copyOf(aliases));
        }
        compiled.find(headline + "\n" + (summary == null ? "" : summary), out);
        return out;
    }

    /** The table as it was compiled, and its aliases by first word (those without one are always tried). */
    static final class Compiled {
        final List<Map.Entry<String, String>> entries;
        private final Map<String, List<Alias>> byFirstWord = new HashMap<>();
        private final List<Alias> always = new ArrayList<>();

        private record Alias(int order, Pattern pattern, String ticker) {}

        Compiled(List<Map.Entry<String, String>> entries) {
            this.entries = entries;
            int order = 0;
            for (Map.Entry<String, String> a : entries) {
                String ticker = a.getValue() == null ? "" : a.getValue().trim().toUpperCase(Locale.ROOT);
                if (a.getKey() == null || a.getKey().isBlank() || !RecordChecks.isTicker(ticker)) {
                    continue;
                }
                Alias alias = new Alias(order++, pattern(a.getKey()), ticker);
                String first = firstWord(a.getKey());
                if (first == null) {
                    always.add(alias);
                } else {
                    byFirstWord.computeIfAbsent(first, k -> new ArrayList<>()).add(alias);
                }
            }
        }

        /** Adds to {@code out} the tickers of the aliases found in {@code text}, in the table's order. */
        void find(String text, Set<String> out) {
            List<Alias> candidates = new ArrayList<>(always);
            for (String w : words(text)) {
                List<Alias> l = byFirstWord.get(w);
                if (l != null) {
                    candidates.addAll(l);
                }
            }
            candidates.sort((x, y) -> Integer.compare(x.order(), y.order()));
            for (Alias a : candidates) {
                if (a.pattern().matcher(text).find()) {
                    out.add(a.ticker());
                }
            }
        }

        private static Pattern pattern(String alias) {
            return Pattern.compile(
                    "(?<![\\p{L}\\p{N}])" + Pattern.quote(alias.trim()) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }
    }

    /**
     * The alias's first word, folded as {@link #words} folds the text's, or null when the index cannot vouch for it
     * (no letter or digit, or a character beyond ASCII, whose case-insensitive matches a folding may not cover): such
     * an alias is tried on every text. A match of the alias's pattern starts and ends that word at a boundary the
     * words of the text also break at, so the text's words contain it whenever the pattern matches.
     */
    static String firstWord(String alias) {
        String a = alias.trim();
        int i = 0;
        while (i < a.length() && !Character.isLetterOrDigit(a.charAt(i))) {
            i++;
        }
        int j = i;
        while (j < a.length() && Character.isLetterOrDigit(a.charAt(j))) {
            if (a.charAt(j) > 0x7f) {
                return null;
            }
            j++;
        }
        return i == j ? null : fold(a.substring(i, j));
    }

    /** The runs of letters and digits of {@code text}, folded ({@link #fold}). */
    static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            int j = i;
            while (j < n && Character.isLetterOrDigit(text.charAt(j))) {
                j++;
            }
            if (j > i) {
                out.add(fold(text.substring(i, j)));
            }
            i = j;
        }
        return out;
    }

    /** Each character as lower(upper(c)): equal for two characters a case-insensitive pattern takes as equal. */
    static String fold(String s) {
        char[] c = s.toCharArray();
        for (int k = 0; k < c.length; k++) {
            c[k] = Character.toLowerCase(Character.toUpperCase(c[k]));
        }
        return new String(c);
    }
}
