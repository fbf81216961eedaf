package com.marketreactions.streams.news;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AliasMatcherTest {

    private static final List<Map.Entry<String, String>> TABLE = List.of(
            Map.entry("Amazon Web Services", "AMZN"),
            Map.entry("AWS", "AMZN"),
            Map.entry("Azure", "MSFT"),
            Map.entry("AT&T", "T"),
            Map.entry(".NET", "MSFT"),
            Map.entry("3M", "MMM"),
            Map.entry("Nestlé", "NSRGY"),
            Map.entry("Kelvin", "KLV"),
            Map.entry("s", "S"),
            Map.entry("&&", "AND"),
            Map.entry(" ", "BLANK"),
            Map.entry("Private Co", "not a ticker!"));

    /** The plain reading: every alias's pattern tried on the text, in the table's order. */
    private static Set<String> everyAlias(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (Map.Entry<String, String> a : TABLE) {
            if (a.getKey().isBlank() || !a.getValue().matches("[A-Z0-9.\\-]{1,10}")) {
                continue;
            }
            Pattern p = Pattern.compile(
                    "(?<![\\p{L}\\p{N}])" + Pattern.quote(a.getKey().trim()) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            if (p.matcher(text).find()) {
                out.add(a.getValue());
            }
        }
        return out;
    }

    private static Set<String> indexed(AliasMatcher m, String text) {
        return m.resolve(List.of(), text, null, TABLE);
    }

    @Test
    void findsWhatEveryAliasTriedWouldFind() {
        AliasMatcher m = new AliasMatcher();
        List<String> texts = List.of(
                "OpenAI signs $38bn deal with Amazon Web Services",
                "AWS deal; LAWS change; aws-backed",
                "Microsoft's Azure and .NET teams; AT&T; 3M's results",
                "\u212Aelvin scale (the Kelvin sign), a long \u017F alone, NESTLÉ and nestlé",
                "&& operators && more",
                "nothing here at all");
        for (String t : texts) {
            assertEquals(everyAlias(t), indexed(m, t), t);
        }
        Random r = new Random(7);
        String[] pieces = {
            "AWS",
            "aws",
            "Azure",
            "AT&T",
            "AT",
            "T",
            ".NET",
            "NET",
            "3M",
            "3m",
            "Nestlé",
            "NESTLÉ",
            "\u212Aelvin",
            "kelvin",
            "\u017F",
            "s",
            "S",
            "&&",
            "Amazon",
            "Web",
            "Services",
            "x",
            "-",
            "²",
            " ",
            "\n"
        };
        for (int i = 0; i < 5_000; i++) {
            StringBuilder t = new StringBuilder();
            for (int k = r.nextInt(8); k >= 0; k--) {
                t.append(pieces[r.nextInt(pieces.length)]).append(r.nextBoolean() ? " " : "");
            }
            assertEquals(everyAlias(t.toString()), indexed(m, t.toString()), t.toString());
        }
    }

    @Test
    void aChangedTableIsCompiledAgain() {
        AliasMatcher m = new AliasMatcher();
        String text = "Azure outage";
        assertEquals(Set.of("MSFT"), m.resolve(List.of(), text, null, List.of(Map.entry("Azure", "MSFT"))));
        List<Map.Entry<String, String>> changed = new ArrayList<>(List.of(Map.entry("Azure", "MSFTX")));
        assertEquals(Set.of("MSFTX"), m.resolve(List.of(), text, null, changed));
        assertEquals(Set.of("AMZN"), m.resolve(List.of("amzn"), text, null, List.of()), "explicit tickers, no alias");
    }
}
