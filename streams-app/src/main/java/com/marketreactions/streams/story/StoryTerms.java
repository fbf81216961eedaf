package com.marketreactions.streams.story;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a news item's headline and summary that can tell one story from another, each with a weight,
 * and the similarity of two such sets: the weighted overlap {@code sum min(w) / min(sum w1, sum w2)} over the
 * terms of both, leaving out given names: in the topology the ticker's own and those of the other listed companies.
 *
 * <p>Terms: words lower-cased, a possessive {@code 's} and a plural {@code s} cut; English function words and
 * the vocabulary every market report shares ({@link #MARKET_WORDS}: shares, billion, deal, premarket, rise, price
 * target...) left out; words shorter than three letters left out unless they hold a digit. Names and numbers weigh
 * {@value #NAME_WEIGHT}, other words 1: a name is a word with a digit, a capital after its first letter (OpenAI,
 * GB200, AWS) or a capital first letter inside a sentence, unless the sentence is in title case (then its
 * capitals say nothing). A term of the headline weighs {@value #HEADLINE_WEIGHT} times as much: the headline
 * says what the event is, a summary adds its partners, chips and places, which other events share.
 *
 * <p>Why the overlap and not the Jaccard index: a one-line headline and the wire's long report of the same event
 * share few of the wire's terms, but most of the headline's; dividing by the smaller item keeps them similar. On
 * the labelled set (docs/stories.md) it found about three times the Jaccard index's same-event pairs at precision
 * 0.9 and above. Why the ticker's own names are left out: every report about Amazon says "Amazon"; what tells its
 * stories apart is what else they name. Why other listed companies' names too: they say who a deal is with, and
 * one partner has many deals (on Nov 3 2025 four capacity deals of Microsoft's named Nvidia). Why exact sets rather
 * than MinHash or SimHash: a ticker has tens to hundreds of items in a week, so comparing exact sets costs
 * microseconds.
 */
public final class StoryTerms {

    static final int NAME_WEIGHT = 3;
    static final int HEADLINE_WEIGHT = 3;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.;:!?])\\s+");
    private static final Pattern WORD = Pattern.compile("\\$?[\\p{L}\\p{N}]+(?:['\u2019]\\p{L}+)?(?:[.,]\\p{N}+)*%?");
    private static final Set<String> FUNCTION_WORDS =
            Set.of(("a an the and or of to in on at for by with from as is are "
                            + "was were be been it its this that these those has have had will would can could after before over under "
                            + "about into than then there their they them he she we you our not but also which who whom what when "
                            + "where while up down more most some such only just very all any each other new one two three said says "
                            + "say")
                    .split(" "));
    /**
     * Words of nearly every market report, which say nothing about which story it is: the market's vocabulary, the
     * moves of a price (the words of "shares rise 2% in premarket trading") and of an analyst's note ("price target
     * raised to $305 at a broker, buy rating kept").
     */
    static final Set<String> MARKET_WORDS = Set.of(("share stock trade traded trading price market investor analyst "
                    + "billion million trillion percent hour day week month year quarter gain rose fell higher lower record "
                    + "close open deal agreement contract sign signed signing company "
                    + "premarket pre rise rising risen fall falling drop dropped jump jumped climb climbed "
                    + "slip slipped slide slid surge surged soar soared sink sank tumble tumbled "
                    + "plunge plunged rally rallie rallied "
                    + "edge edged gained little changed unchanged moved move session "
                    + "target raised raise lifted trimmed rating reiterated maintained kept broker upgrade upgraded "
                    + "downgrade downgraded outperform overweight underweight neutral buy hold sell street")
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
        add(headline, HEADLINE_WEIGHT, out);
        add(summary, 1, out);
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

    private static void add(String text, int factor, TreeMap<String, Integer> out) {
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
                out.merge(term, (name ? NAME_WEIGHT : 1) * factor, Math::max);
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
     * Weighted overlap in [0, 1] of this item's terms and {@code other}'s, leaving out {@code names}: the weight
     * they share over the smaller of their weights; 0 when either has no term left.
     */
    public double similarity(StoryTerms other, Set<String> names) {
        long both = 0;
        long mine = 0;
        long theirs = 0;
        int i = 0;
        int j = 0;
        while (i < terms.length || j < other.terms.length) {
            int c = i == terms.length ? 1 : j == other.terms.length ? -1 : terms[i].compareTo(other.terms[j]);
            if (c == 0) {
                if (!names.contains(terms[i])) {
                    both += Math.min(weights[i], other.weights[j]);
                    mine += weights[i];
                    theirs += other.weights[j];
                }
                i++;
                j++;
            } else if (c < 0) {
                mine += names.contains(terms[i]) ? 0 : weights[i];
                i++;
            } else {
                theirs += names.contains(other.terms[j]) ? 0 : other.weights[j];
                j++;
            }
        }
        long smaller = Math.min(mine, theirs);
        return smaller == 0 ? 0 : (double) both / smaller;
    }

    /**
     * How many terms this item and {@code other} have in common, other than {@code names}, that are words: terms
     * with a letter. Numbers are not counted ("rise 2%" and "fall 2%", "$305" in two analysts' notes), and the
     * function and market words are not terms.
     */
    public int sharedWords(StoryTerms other, Set<String> names) {
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < terms.length && j < other.terms.length) {
            int c = terms[i].compareTo(other.terms[j]);
            if (c == 0) {
                if (!names.contains(terms[i]) && terms[i].chars().anyMatch(Character::isLetter)) {
                    n++;
                }
                i++;
                j++;
            } else if (c < 0) {
                i++;
            } else {
                j++;
            }
        }
        return n;
    }

    /** The terms with their weights, in term order. */
    public java.util.SortedMap<String, Integer> weights() {
        java.util.TreeMap<String, Integer> out = new java.util.TreeMap<>();
        for (int i = 0; i < terms.length; i++) {
            out.put(terms[i], weights[i]);
        }
        return java.util.Collections.unmodifiableSortedMap(out);
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
