package com.marketreactions.streams.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.streams.news.TickerMentions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The story grouping measured on a labelled set: about 300 news items paraphrasing public reporting of real
 * 2024-2025 corporate events, several outlets per event, with unrelated items about the same companies on the same
 * days (src/test/resources/stories, README.md there says how it was written).
 *
 * <p>The measure is pairwise, per ticker: of the pairs of items about one ticker that the grouping puts in one story,
 * the share that report the same event (precision); of the pairs that report the same event, the share it puts in
 * one story (recall). The grouping is {@link StoryLinker} driven as {@link StoryTracker} drives it in the topology:
 * each item, in (T0, id) order, linked against the ticker's items of the week before it, with the stories the earlier
 * ones were given; an item's tickers resolved as the topology resolves them (its own and those its text names
 * through the aliases), and the names of every listed company left out. The topology's own stories on the same set
 * are checked against these in {@link StoryLabelledSetTopologyTest}.
 *
 * <p>Writes {@code target/stories/precision-recall.md}: the sweep over thresholds, the per-ticker counts at the
 * configured one, and its wrong links.
 */
class StoryPrecisionRecallTest {

    /** One labelled item; {@code tickers} as the topology resolves them: its own, then those its text names. */
    record Labelled(
            String id,
            Instant at,
            String source,
            List<String> tickers,
            String label,
            String headline,
            String summary) {}

    /** Pair counts: {@code tp} same story and event, {@code fp} same story, other events, {@code fn} the reverse. */
    record Counts(long tp, long fp, long fn) {
        Counts plus(Counts o) {
            return new Counts(tp + o.tp, fp + o.fp, fn + o.fn);
        }

        double precision() {
            return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /**
     * The least recall at the configured threshold: measured 0.226 when it was chosen (docs/stories.md; 0.508 with
     * the Jaccard index at 0.075, at precision 0.697). The floor leaves room for a few more hard items in the set,
     * and fails if a change to the measure gives up a tenth of what it finds.
     */
    static final double RECALL_FLOOR = 0.20;

    static final double PRECISION_FLOOR = 0.95;

    static List<Labelled> items() {
        List<Map.Entry<String, String>> aliases = new ArrayList<>(aliases().entrySet());
        List<Labelled> out = new ArrayList<>();
        for (String line : lines("/stories/labelled-news.psv")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            if (f.length != 7) {
                throw new IllegalArgumentException(
                        "labelled-news.psv: 7 fields expected, got " + f.length + ": " + line);
            }
            String summary = f[6].strip().isEmpty() ? null : f[6].strip();
            String headline = f[5].strip();
            List<String> tickers = List.copyOf(
                    TickerMentions.resolve(Arrays.asList(f[3].strip().split("\\s+")), headline, summary, aliases));
            out.add(new Labelled(
                    f[0].strip(), Instant.parse(f[1].strip()), f[2].strip(), tickers, f[4].strip(), headline, summary));
        }
        return out;
    }

    /** Alias to ticker ({@code aliases.csv}), by alias as in the alias store. */
    static Map<String, String> aliases() {
        Map<String, String> out = new TreeMap<>();
        for (String line : lines("/stories/aliases.csv")) {
            if (!line.isBlank() && !line.startsWith("alias,")) {
                out.put(line.split(",")[0].strip(), line.split(",")[1].strip());
            }
        }
        return out;
    }

    /**
     * The names left out of each ticker's comparisons, as terms: as the topology's, the ticker and every alias and
     * ticker of the alias table.
     */
    static Map<String, Set<String>> names() {
        List<String> all = new ArrayList<>();
        aliases().forEach((alias, ticker) -> {
            all.add(alias);
            all.add(ticker);
        });
        Map<String, Set<String>> out = new TreeMap<>();
        for (String ticker : new java.util.TreeSet<>(aliases().values())) {
            List<String> names = new ArrayList<>(all);
            names.add(ticker);
            out.put(ticker, StoryTerms.namesOf(names));
        }
        return out;
    }

    private static List<String> lines(String resource) {
        try (InputStream in = StoryPrecisionRecallTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The items about each ticker, in (T0, id) order. */
    static Map<String, List<Labelled>> byTicker(List<Labelled> items) {
        Map<String, List<Labelled>> out = new TreeMap<>();
        for (Labelled i : items) {
            for (String t : i.tickers()) {
                out.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
            }
        }
        out.values().forEach(l -> l.sort(Comparator.comparing(Labelled::at).thenComparing(Labelled::id)));
        return out;
    }

    /** The story id of each of a ticker's items, by item id, as the topology's {@link StoryTracker} links them. */
    static Map<String, String> stories(StoryConfig config, List<Labelled> items, Set<String> names) {
        StoryLinker linker = new StoryLinker(config);
        List<StoryLinker.Item> all = items.stream()
                .map(i -> new StoryLinker.Item(
                        i.id(), i.at().toEpochMilli(), StoryTerms.of(i.headline(), i.summary()), false))
                .toList();
        Map<String, Story> given = new HashMap<>();
        for (StoryLinker.Item item : all) {
            given.put(item.id(), linker.link(item, all, names, c -> given.get(c.id())));
        }
        Map<String, String> out = new HashMap<>();
        given.forEach((id, s) -> out.put(id, s.storyId()));
        return out;
    }

    static Counts count(List<Labelled> items, Map<String, String> story, List<String[]> wrong) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < items.size(); i++) {
            for (int j = i + 1; j < items.size(); j++) {
                Labelled a = items.get(i);
                Labelled b = items.get(j);
                boolean same = a.label().equals(b.label());
                boolean linked = story.get(a.id()).equals(story.get(b.id()));
                if (same && linked) {
                    tp++;
                } else if (linked) {
                    fp++;
                    if (wrong != null) {
                        wrong.add(new String[] {a.id(), b.id()});
                    }
                } else if (same) {
                    fn++;
                }
            }
        }
        return new Counts(tp, fp, fn);
    }

    /** Counts per ticker at {@code threshold}, with the wrongly linked pairs added to {@code wrong} as "TICKER a b". */
    static Map<String, Counts> measure(double threshold, List<String> wrong) {
        return measure(threshold, items(), wrong);
    }

    /** As {@link #measure(double, List)}, on {@code items} alone. */
    static Map<String, Counts> measure(double threshold, List<Labelled> items, List<String> wrong) {
        StoryConfig config =
                new StoryConfig(true, threshold, StoryConfig.defaults().window());
        Map<String, Set<String>> names = names();
        Map<String, Counts> out = new TreeMap<>();
        for (Map.Entry<String, List<Labelled>> e : byTicker(items).entrySet()) {
            String ticker = e.getKey();
            Set<String> own = names.get(ticker);
            List<String[]> pairs = new ArrayList<>();
            out.put(ticker, count(e.getValue(), stories(config, e.getValue(), own), pairs));
            pairs.forEach(p -> wrong.add(ticker + " " + p[0] + " " + p[1]));
        }
        return out;
    }

    static Counts total(Map<String, Counts> byTicker) {
        return byTicker.values().stream().reduce(new Counts(0, 0, 0), Counts::plus);
    }

    @Test
    void theLabelledSetIsWellFormed() {
        List<Labelled> items = items();
        assertTrue(items.size() >= 300, "items: " + items.size());
        assertEquals(items.size(), items.stream().map(Labelled::id).distinct().count(), "ids are unique");
        Set<String> known = names().keySet();
        for (Labelled i : items) {
            assertTrue(known.containsAll(i.tickers()), i.id() + " names a ticker without aliases: " + i.tickers());
        }
        Map<String, Long> perLabel = new HashMap<>();
        items.forEach(i -> perLabel.merge(i.label(), 1L, Long::sum));
        assertTrue(perLabel.values().stream().filter(n -> n >= 3).count() >= 40, "events with three reports or more");
    }

    @Test
    void groupingIsPreciseAtTheConfiguredThreshold() throws IOException {
        double configured = StoryConfig.defaults().threshold();
        List<String> wrong = new ArrayList<>();
        Map<String, Counts> at = measure(configured, wrong);
        Counts all = total(at);
        write(configured, at, wrong);
        assertTrue(
                all.precision() >= PRECISION_FLOOR,
                String.format(
                        Locale.ROOT,
                        "precision %.3f at threshold %s (recall %.3f): wrong links %s",
                        all.precision(),
                        configured,
                        all.recall(),
                        wrong));
        assertTrue(
                all.recall() >= RECALL_FLOOR,
                String.format(Locale.ROOT, "recall %.3f at threshold %s", all.recall(), configured));
    }

    /**
     * The threshold rule on a sweep of thresholds (ascending, 0.01 apart): the one of highest recall whose precision
     * and that of the step below are both at least {@value #PRECISION_FLOOR}; NaN when none is.
     */
    static double chooseThreshold(Map<Double, Counts> sweep) {
        double best = Double.NaN;
        double bestRecall = -1;
        Counts below = null;
        for (var e : sweep.entrySet()) {
            Counts c = e.getValue();
            if (below != null
                    && c.precision() >= PRECISION_FLOOR
                    && below.precision() >= PRECISION_FLOOR
                    && c.recall() > bestRecall) {
                best = e.getKey();
                bestRecall = c.recall();
            }
            below = c;
        }
        return best;
    }

    /**
     * The threshold chosen on half of the events and measured on the other half (two folds, events alternating in
     * label order, each fold's items grouped without the other's): the configured one was chosen on the whole set,
     * so its own numbers flatter it. docs/stories.md gives both folds.
     */
    @Test
    void aThresholdChosenOnHalfTheEventsHoldsOnTheOther() throws IOException {
        List<Labelled> items = items();
        List<String> labels =
                items.stream().map(Labelled::label).distinct().sorted().toList();
        List<List<Labelled>> folds = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            int fold = f;
            folds.add(items.stream()
                    .filter(i -> labels.indexOf(i.label()) % 2 == fold)
                    .toList());
        }
        List<Map<Double, Counts>> sweeps = new ArrayList<>();
        for (List<Labelled> fold : folds) {
            Map<Double, Counts> sweep = new TreeMap<>();
            for (int k = 2; k <= 40; k++) {
                sweep.put(k / 100.0, total(measure(k / 100.0, fold, new ArrayList<>())));
            }
            sweeps.add(sweep);
        }
        Counts heldOut = new Counts(0, 0, 0);
        StringBuilder b = new StringBuilder("| chosen on | threshold | precision there | measured on | precision "
                + "| recall |\n|---|---|---|---|---|---|\n");
        for (int f = 0; f < 2; f++) {
            double threshold = chooseThreshold(sweeps.get(f));
            assertTrue(!Double.isNaN(threshold), "no threshold reaches the bar on fold " + f);
            Counts c = sweeps.get(1 - f).get(threshold);
            heldOut = heldOut.plus(c);
            b.append(String.format(
                    Locale.ROOT,
                    "| fold %d (%d items) | %.2f | %.3f | fold %d | %.3f | %.3f |\n",
                    f + 1,
                    folds.get(f).size(),
                    threshold,
                    sweeps.get(f).get(threshold).precision(),
                    2 - f,
                    c.precision(),
                    c.recall()));
        }
        b.append(String.format(
                Locale.ROOT, "| | | | both, held out | %.3f | %.3f |\n", heldOut.precision(), heldOut.recall()));
        double configured = StoryConfig.defaults().threshold();
        for (int f = 0; f < 2; f++) {
            Counts c = total(measure(configured, folds.get(f), new ArrayList<>()));
            b.append(String.format(
                    Locale.ROOT,
                    "| the whole set | %.2f (configured) | | fold %d | %.3f | %.3f |\n",
                    configured,
                    f + 1,
                    c.precision(),
                    c.recall()));
        }
        Path out = Path.of("target", "stories", "held-out.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, b.toString());
        System.out.println("[stories] threshold chosen on half the events, measured on the other half\n" + b);
        // measured 0.793 when the rule was first held out: a fold with few hard negatives picks a low threshold
        // (docs/stories.md). The floor fails if the measure loses its portability further.
        assertTrue(heldOut.precision() >= 0.75, "held-out precision " + heldOut.precision() + "\n" + b);
    }

    private static void write(double configured, Map<String, Counts> at, List<String> wrong) throws IOException {
        List<Labelled> items = items();
        long events = items.stream().map(Labelled::label).distinct().count();
        StringBuilder b = new StringBuilder();
        b.append("# Story grouping: precision and recall on the labelled set\n\n");
        b.append(String.format(
                Locale.ROOT,
                "%d items, %d events, %d tickers; pairs of items about one ticker, counted per ticker. "
                        + "Configured threshold %s.\n\n",
                items.size(),
                events,
                at.size(),
                configured));
        b.append("| threshold | precision | recall | F1 | same story, same event | same story, other events "
                + "| same event, other stories |\n|---|---|---|---|---|---|---|\n");
        List<Double> thresholds = new ArrayList<>();
        for (int k = 2; k <= 40; k++) {
            thresholds.add(k / 100.0);
        }
        if (!thresholds.contains(configured)) {
            thresholds.add(configured);
        }
        thresholds.add(0.075); // the threshold before the labelled set
        thresholds.stream().distinct().sorted().forEach(t -> {
            Counts c = total(measure(t, new ArrayList<>()));
            b.append(String.format(
                    Locale.ROOT,
                    "| %s%.3f%s | %.3f | %.3f | %.3f | %d | %d | %d |\n",
                    t == configured ? "**" : "",
                    t,
                    t == configured ? "**" : "",
                    c.precision(),
                    c.recall(),
                    c.f1(),
                    c.tp(),
                    c.fp(),
                    c.fn()));
        });
        b.append("\n## Per ticker at the configured threshold\n\n");
        b.append("| ticker | items | precision | recall | same story, same event | same story, other events "
                + "| same event, other stories |\n|---|---|---|---|---|---|---|\n");
        Map<String, List<Labelled>> byTicker = byTicker(items);
        at.forEach((t, c) -> b.append(String.format(
                Locale.ROOT,
                "| %s | %d | %.3f | %.3f | %d | %d | %d |\n",
                t,
                byTicker.get(t).size(),
                c.precision(),
                c.recall(),
                c.tp(),
                c.fp(),
                c.fn())));
        b.append("\n## Wrong links at the configured threshold\n\n");
        Map<String, Labelled> byId = new HashMap<>();
        items.forEach(i -> byId.put(i.id(), i));
        if (wrong.isEmpty()) {
            b.append("None.\n");
        }
        for (String w : wrong) {
            String[] p = w.split(" ");
            b.append(String.format(
                    "- %s: `%s` \"%s\" / `%s` \"%s\"\n",
                    p[0], p[1], byId.get(p[1]).headline(), p[2], byId.get(p[2]).headline()));
        }
        Path out = Path.of("target", "stories", "precision-recall.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, b.toString());
    }
}
