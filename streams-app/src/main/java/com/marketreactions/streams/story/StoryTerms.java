package com.marketreactions.streams.story;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a news item's headline and summary that can tell one story from another, each with a weight,
 * and the similarity of two such sets: the weighted Jaccard index {@code sum min(w) / sum max(w)} over the
 * terms of both, leaving out the names of the ticker the comparison is for.
 *
 * <p>Terms: words lower-cased, a possessive {@code 's} and a plural {@code s} cut; English function words and
 * the vocabulary every market report shares ({@link #MARKET_WORDS}: shares, billion, deal, record...) left out;
 * words shorter than three letters left out unless they hold a digit. Names and numbers weigh
 * {@value #NAME_WEIGHT}, other words 1: a name is a word with a digit, a capital after its first letter (OpenAI,
 * GB200, AWS) or a capital first letter inside a sentence, unless the sentence is in title case (then its
 * capitals say nothing).
 *
 * <p>Why the ticker's own names are left out: every report about Amazon says "Amazon"; what tells its stories
 * apart is what else they name. Why exact sets rather than MinHash or SimHash: a ticker has tens to hundreds of
 * items in a week, so comparing exact sets costs microseconds, while a 128-permutation MinHash estimates the
 * Jaccard index to about +-0.09, more than the gap between the closest different stories and the weakest
 * same-story link on the sample (see {@link StoryConfig#defaults}).
 */
public final class StoryTerms {

    static final int NAME_WEIGHT = 3;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.;:!?])\\s+");
    private static final Pattern WORD = Pattern.compile("\\$?[\\p{L}\\p{N}]+(?:['\u2019]\\p{L}+)?(?:[.,]\\p{N}+)*%?");
    private static final Set<String> FUNCTION_WORDS =
            Set.of(("a an the and or of to in on at for by with from as is are "
                            + "was were be been it its this that these those has have had will would can could after before over under "
                            + "about into than then there their they them he she we you our not but also which who whom what when "
                            + "where while up down more most some such only just very all any each other new one two three said says "
                            + "say")
                    .split(" "));
    /** Words of nearly every market report, which say nothing about which story it is. */
    static final Set<String> MARKET_WORDS = Set.of(("share stock trade traded trading price market investor analyst "
                    + "billion million trillion percent hour day week month year quarter gain rose fell higher lower record "
                    + "close open deal agreement contract company")
            .split(" "));

    private static final StoryTerms EMPTY = new StoryTerms(new String[0], new int[0]);

    private final String[] terms;
    private final int[] weights;

    private StoryTerms(String[] terms, int[] weights) {
        this.terms = terms;
        this.weights = weights;
    }

    /** The terms of a headline and an optional summary. */
    public static StoryTerms of(String headline, String summary) {
        TreeMap<String, Integer> out = new TreeMap<>();
        add(headline, out);
        add(summary, out);
        if (out.isEmpty()) {
            return EMPTY;
        }
        String[] t = out.keySet().toArray(new String[0]);
        int[] w = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            w[i] = out.get(t[i]);
        }
        return new StoryTerms(t, w);
    }

    private static void add(String text, TreeMap<String, Integer> out) {
        if (text == null || text.isBlank()) {
            return;
        }
        for (String sentence : SENTENCE_END.split(text.strip())) {
            Matcher m = WORD.matcher(sentence);
            java.util.List<String> words = new java.util.ArrayList<>();
            while (m.find()) {
                words.add(m.group());
            }
            long content = words.stream()
                    .filter(w -> !FUNCTION_WORDS.contains(w.toLowerCase(Locale.ROOT)))
                    .count();
            long capitalized = words.stream()
                    .filter(w -> !FUNCTION_WORDS.contains(w.toLowerCase(Locale.ROOT))
                            && Character.isUpperCase(w.codePointAt(0)))
                    .count();
            boolean titleCase = capitalized * 2 > content;
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                String term = normal(word);
                boolean digit = term.chars().anyMatch(Character::isDigit);
                if (FUNCTION_WORDS.contains(term) || MARKET_WORDS.contains(term) || (term.length() < 3 && !digit)) {
                    continue;
                }
                boolean name = digit
                        || word.substring(1).chars().anyMatch(Character::isUpperCase)
                        || (i > 0 && !titleCase && Character.isUpperCase(word.codePointAt(0)));
                out.merge(term, name ? NAME_WEIGHT : 1, Math::max);
            }
        }
    }

    /** Lower case, no thousands separator, no possessive, no plural s. */
    static String normal(String word) {
        String w = word.toLowerCase(Locale.ROOT).replace(",", "").replace('\u2019', '\'');
        if (w.endsWith("'s")) {
            w = w.substring(0, w.length() - 2);
        }
        if (w.length() > 4 && w.endsWith("s") && !w.endsWith("ss")) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** The terms a ticker's names give, to leave out of its comparisons: e.g. "Amazon Web Services" -> amazon, web, service. */
    public static Set<String> namesOf(java.util.Collection<String> names) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String n : names) {
            Matcher m = WORD.matcher(n);
            while (m.find()) {
                out.add(normal(m.group()));
            }
        }
        return out;
    }

    /**
     * Weighted Jaccard similarity in [0, 1] of this item's terms and {@code other}'s, leaving out {@code names};
     * 0 when neither has a term left.
     */
    public double similarity(StoryTerms other, Set<String> names) {
        long both = 0;
        long either = 0;
        int i = 0;
        int j = 0;
        while (i < terms.length || j < other.terms.length) {
            int c = i == terms.length ? 1 : j == other.terms.length ? -1 : terms[i].compareTo(other.terms[j]);
            if (c == 0) {
                if (!names.contains(terms[i])) {
                    both += Math.min(weights[i], other.weights[j]);
                    either += Math.max(weights[i], other.weights[j]);
                }
                i++;
                j++;
            } else if (c < 0) {
                either += names.contains(terms[i]) ? 0 : weights[i];
                i++;
            } else {
                either += names.contains(other.terms[j]) ? 0 : other.weights[j];
                j++;
            }
        }
        return either == 0 ? 0 : (double) both / either;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < terms.length; i++) {
            b.append(i == 0 ? "" : " ").append(terms[i]).append(weights[i] == 1 ? "" : "*" + weights[i]);
        }
        return b.toString();
    }

    int size() {
        return terms.length;
    }

    String[] terms() {
        return Arrays.copyOf(terms, terms.length);
    }
}
