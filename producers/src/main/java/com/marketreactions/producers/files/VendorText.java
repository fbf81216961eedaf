package com.marketreactions.producers.files;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;

/** Text fields as vendors publish them, made into what a reader sees, and their keywords into tags. */
final class VendorText {

    private VendorText() {}

    /**
     * {@code s} as plain text: HTML tags dropped and entities decoded (Benzinga writes {@code Cava&#39;s} and
     * {@code <p>...</p>} teasers), white space collapsed; null stays null. Text with neither a tag nor an entity
     * is returned as it is.
     */
    static String plain(String s) {
        if (s == null || (s.indexOf('<') < 0 && s.indexOf('&') < 0)) {
            return s;
        }
        return Jsoup.parseBodyFragment(s).text();
    }

    /**
     * The tags of the arrays {@code fields} of {@code n} (strings, or objects with a {@code name}), each once, in
     * order, as plain text: Massive's {@code keywords}, Benzinga's {@code channels} and {@code tags}.
     */
    static List<String> tags(JsonNode n, String... fields) throws BadLineException {
        List<String> out = new ArrayList<>();
        for (String field : fields) {
            JsonNode a = n.get(field);
            if (a == null || a.isNull()) {
                continue;
            }
            if (!a.isArray()) {
                throw new BadLineException(field + " must be an array, got " + Json.type(a));
            }
            for (JsonNode item : a) {
                JsonNode text = item.isObject() ? item.get("name") : item;
                if (text != null && text.isTextual()) {
                    String tag = plain(text.asText()).trim();
                    if (!tag.isEmpty() && !out.contains(tag)) {
                        out.add(tag);
                    }
                }
            }
        }
        return out;
    }
}
