package com.marketreactions.streams.news;

import com.marketreactions.common.RecordChecks;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Resolves the tickers of a news event: its explicit tickers, then every alias that occurs in the headline
 * or summary as a whole word, case-insensitively ("AWS" matches "AWS deal" but not "LAWS"). An entry with
 * a blank alias or a value that is not a ticker (another producer than ours may write such a record to the
 * aliases topic) resolves nothing: a blank alias would otherwise match every news event.
 */
public final class AliasMatcher {

    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    /** @return explicit tickers first, then resolved ones, each once, in a stable order */
    Set<String> resolve(
            List<String> explicit, String headline, String summary, Iterable<Map.Entry<String, String>> aliases) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : explicit) {
            String ticker = t.trim().toUpperCase(Locale.ROOT);
            if (!ticker.isEmpty()) {
                out.add(ticker);
            }
        }
        String text = headline + "\n" + (summary == null ? "" : summary);
        for (Map.Entry<String, String> a : aliases) {
            String ticker = a.getValue() == null ? "" : a.getValue().trim().toUpperCase(Locale.ROOT);
            if (a.getKey() == null || a.getKey().isBlank() || !RecordChecks.isTicker(ticker)) {
                continue;
            }
            if (pattern(a.getKey()).matcher(text).find()) {
                out.add(ticker);
            }
        }
        return out;
    }

    private Pattern pattern(String alias) {
        return patterns.computeIfAbsent(
                alias,
                a -> Pattern.compile(
                        "(?<![\\p{L}\\p{N}])" + Pattern.quote(a.trim()) + "(?![\\p{L}\\p{N}])",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }
}
