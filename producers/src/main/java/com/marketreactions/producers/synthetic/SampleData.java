package com.marketreactions.producers.synthetic;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marketreactions.schema.NewsEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The committed sample data set, {@code data/sample}: the OpenAI–AWS agreement of Monday 2025-11-03.
 * {@link #write} regenerates every file of it, byte for byte ({@code ./reactions simulate --sample --out
 * data/sample}); a test checks the committed files against it.
 *
 * <ul>
 *   <li>{@code ticks.csv}: SYNTHETIC ticks of AMZN, MSFT, NVDA, ORCL, GOOGL and SPY over the seven sessions
 *       from Monday 2025-10-27 to Tuesday 2025-11-04: regular sessions (a tick every ~10 s per symbol, SPY
 *       ~7 s) with a closing print at 16:00, and sparse pre-market trading (one every ~3 minutes); no
 *       after-hours trades. The paths are bridged through daily closes approximating public reports.</li>
 *   <li>{@code news.jsonl}: five news events paraphrasing the coverage, written for this project.</li>
 *   <li>{@code aliases.csv}: company names to tickers for resolving tickers from headlines.</li>
 *   <li>{@code README.md}: what the above are.</li>
 * </ul>
 *
 * <p>Over 350 lines because most of it is data: the daily closes, the five news items and the sample's README text
 * are written out here, so the committed files are generated from one place.
 */
public final class SampleData {

    public static final long SEED = 20251103L;
    public static final LocalDate FIRST_DAY = LocalDate.of(2025, 10, 27);
    public static final LocalDate LAST_DAY = LocalDate.of(2025, 11, 4);
    /** The day of the deal. */
    public static final LocalDate DEAL_DAY = LocalDate.of(2025, 11, 3);
    /** When the agreement was announced: 06:00 New York time, before the open. */
    public static final Instant ANNOUNCED = Instant.parse("2025-11-03T11:00:00Z");

    /** Sessions with an anchored close, in order; the first price of each row is the close of Fri Oct 24. */
    private static final List<LocalDate> DAYS = List.of(
            LocalDate.of(2025, 10, 27),
            LocalDate.of(2025, 10, 28),
            LocalDate.of(2025, 10, 29),
            LocalDate.of(2025, 10, 30),
            LocalDate.of(2025, 10, 31),
            LocalDate.of(2025, 11, 3),
            LocalDate.of(2025, 11, 4));

    /** Symbol, beta, daily idiosyncratic vol, then the Oct 24 close and the closes of {@link #DAYS}. */
    private record Calibration(String symbol, double beta, double dailyVol, double... closes) {}

    private static final Calibration SPY =
            new Calibration("SPY", 1, 0.007, 677.25, 685.24, 687.06, 687.39, 679.83, 682.06, 683.34, 675.24);
    private static final List<Calibration> STOCKS = List.of(
            new Calibration("AMZN", 1.2, 0.009, 224.21, 226.97, 229.25, 230.30, 224.60, 244.22, 254.00, 249.32),
            new Calibration("MSFT", 1.0, 0.007, 523.61, 531.52, 542.07, 541.55, 525.76, 517.81, 517.03, 514.33),
            new Calibration("NVDA", 1.6, 0.014, 186.26, 191.49, 201.03, 207.04, 202.89, 202.49, 206.88, 198.69),
            new Calibration("ORCL", 1.4, 0.016, 283.33, 281.40, 280.83, 275.30, 262.60, 257.85, 254.60, 245.40),
            new Calibration("GOOGL", 1.1, 0.010, 259.92, 269.27, 267.47, 274.57, 281.48, 281.19, 283.72, 277.54));

    private SampleData() {}

    /** Writes ticks.csv, news.jsonl, aliases.csv and README.md into {@code dir} (created if missing). */
    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Writer w = writer(dir.resolve("ticks.csv"))) {
            TickCsv.write(market().iterator(), w);
        }
        JsonMapper json = JsonMapper.builder().build();
        try (Writer w = writer(dir.resolve("news.jsonl"))) {
            for (NewsEvent e : news()) {
                w.write(json.writeValueAsString(toJson(json, e)));
                w.write('\n');
            }
        }
        try (Writer w = writer(dir.resolve("aliases.csv"))) {
            w.write("alias,ticker\n");
            for (Map.Entry<String, String> a : aliases().entrySet()) {
                w.write(a.getKey() + "," + a.getValue() + "\n");
            }
        }
        try (Writer w = writer(dir.resolve("README.md"))) {
            w.write(readme());
        }
    }

    /** The tick generator behind ticks.csv. */
    public static MarketGenerator market() {
        List<SymbolSpec> symbols = new ArrayList<>();
        for (Calibration c : STOCKS) {
            symbols.add(new SymbolSpec(c.symbol, c.closes[0], c.beta, c.dailyVol, 0.1));
        }
        MarketGenerator.Builder b = MarketGenerator.builder()
                .seed(SEED)
                .from(FIRST_DAY)
                .to(LAST_DAY)
                .symbols(symbols)
                .benchmark(new BenchmarkSpec(SPY.symbol, SPY.closes[0], SPY.dailyVol, 0.15))
                .preMarketRateFactor(0.05)
                .afterHoursRateFactor(0)
                .extendedHoursVarianceFactor(0.05)
                .closingPrints(true);
        for (Calibration c : concat(SPY, STOCKS)) {
            for (int d = 0; d < DAYS.size(); d++) {
                DayAnchor a = DayAnchor.close(c.symbol, DAYS.get(d), c.closes[d + 1]);
                b.anchor(DAYS.get(d).equals(DEAL_DAY) ? dealDay(a) : a);
            }
        }
        // earnings after the close of Oct 29 (Microsoft, Alphabet) and Oct 30 (Amazon)
        b.shock(new Shock("MSFT", et(LocalDate.of(2025, 10, 29), 16, 6), -3.0));
        b.shock(new Shock("GOOGL", et(LocalDate.of(2025, 10, 29), 16, 6), 5.0));
        b.shock(new Shock("AMZN", et(LocalDate.of(2025, 10, 30), 16, 6), 10.0));
        // the announcement: levels just before it pinned near Friday's closes, the jump two seconds after it
        Instant justBefore = ANNOUNCED.minusSeconds(60);
        b.waypoint(new Waypoint("AMZN", justBefore, 244.40));
        b.waypoint(new Waypoint("MSFT", justBefore, 517.90));
        b.waypoint(new Waypoint("NVDA", justBefore, 202.60));
        b.waypoint(new Waypoint("SPY", justBefore, 682.30));
        b.shock(new Shock("AMZN", ANNOUNCED.plusSeconds(2), 3.0));
        b.shock(new Shock("NVDA", ANNOUNCED.plusSeconds(2), 1.0));
        // profit taking in pre-market trading the day after
        b.shock(new Shock("AMZN", Instant.parse("2025-11-04T12:40:00Z"), -0.8));
        b.shock(new Shock("NVDA", Instant.parse("2025-11-04T12:40:00Z"), -1.2));
        return b.build();
    }

    /** Nov 3: Amazon peaks about 5% up early in the session; Microsoft dips about 1% in the first hour. */
    private static DayAnchor dealDay(DayAnchor a) {
        return switch (a.symbol()) {
            case "AMZN" -> a.withOpen(255.20).withExtreme(et(DEAL_DAY, 9, 47), 256.60);
            case "MSFT" -> a.withOpen(518.00).withExtreme(et(DEAL_DAY, 10, 5), 512.60);
            default -> a;
        };
    }

    /** The news events of news.jsonl: paraphrases written for this project, not quotes of any outlet. */
    public static List<NewsEvent> news() {
        return List.of(
                news(
                        "aws-openai-wire",
                        ANNOUNCED,
                        "Wire desk",
                        "OpenAI signs a seven-year, $38 billion deal for AWS compute",
                        "OpenAI has agreed a multi-year partnership with Amazon Web Services worth $38 billion over"
                                + " seven years that gives it immediate access to AWS infrastructure. The capacity runs"
                                + " on Amazon EC2 UltraServers clustering hundreds of thousands of NVIDIA GB200 and"
                                + " GB300 GPUs, and all of it is targeted to be in place before the end of 2026. It is"
                                + " OpenAI's largest compute deal outside Microsoft, its biggest backer.",
                        "https://example.com/wire/openai-aws-38bn",
                        List.of("AMZN"),
                        0.7),
                news(
                        "aws-openai-markets-open",
                        Instant.parse("2025-11-03T15:15:00Z"),
                        "Markets blog",
                        "Amazon heads for a record close after landing OpenAI; Microsoft wobbles",
                        "Amazon shares climbed as much as 5% after the open on the AWS agreement. Microsoft,"
                                + " OpenAI's biggest backer, slipped about 1% in the first hour before steadying. The"
                                + " contract adds to compute deals OpenAI has already struck with Oracle, Google Cloud,"
                                + " CoreWeave and AMD.",
                        null,
                        List.of(),
                        0.4),
                news(
                        "nvda-openai-aws-chips",
                        Instant.parse("2025-11-03T16:20:00Z"),
                        "Chip industry letter",
                        "Nvidia's newest accelerators will power OpenAI's new capacity on AWS",
                        "The clusters Amazon is building for OpenAI are made of Nvidia GB200 and GB300 GPUs, one"
                                + " more very large order for the chip supplier, whose shares traded higher in the"
                                + " morning.",
                        "https://example.com/chips/nvidia-openai-aws",
                        List.of("NVDA"),
                        0.5),
                news(
                        "aws-openai-analysts",
                        Instant.parse("2025-11-03T19:30:00Z"),
                        "Street notes",
                        "Analysts call the OpenAI contract a vote of confidence in AWS",
                        "Several analysts said the agreement eases worries that Amazon's cloud unit was losing"
                                + " ground in AI workloads, and that the delivery schedule through 2026 gives"
                                + " visibility on its capacity spending.",
                        null,
                        List.of(),
                        0.6),
                news(
                        "aws-openai-day-after",
                        Instant.parse("2025-11-04T13:05:00Z"),
                        "Morning briefing",
                        "Amazon gives back part of its OpenAI gain as tech shares slip",
                        "A day after the $38 billion AWS agreement, Amazon traded lower before the open along with"
                                + " Nvidia and Oracle, as investors took profits in AI-linked shares.",
                        "https://example.com/briefing/2025-11-04",
                        List.of("AMZN"),
                        -0.3));
    }

    /** The alias table of aliases.csv, in file order. */
    public static Map<String, String> aliases() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("Amazon", "AMZN");
        a.put("AWS", "AMZN");
        a.put("Amazon Web Services", "AMZN");
        a.put("Microsoft", "MSFT");
        a.put("Azure", "MSFT");
        a.put("Nvidia", "NVDA");
        a.put("Oracle", "ORCL");
        a.put("Google", "GOOGL");
        a.put("Google Cloud", "GOOGL");
        a.put("CoreWeave", "CRWV");
        a.put("AMD", "AMD");
        return a;
    }

    static String readme() {
        StringBuilder closes = new StringBuilder("| symbol | Oct 24 |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (LocalDate d : DAYS) {
            closes.append(' ')
                    .append(d.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT))
                    .append(' ')
                    .append(d.getDayOfMonth())
                    .append(" |");
            rule.append("---:|");
        }
        closes.append('\n').append(rule).append('\n');
        for (Calibration c : concat(SPY, STOCKS)) {
            closes.append("| ").append(c.symbol).append(" |");
            for (double p : c.closes) {
                closes.append(' ').append(String.format(Locale.ROOT, "%.2f", p)).append(" |");
            }
            closes.append('\n');
        }
        return """
                # Sample data: the OpenAI–AWS agreement (Monday 2025-11-03)

                Before the US open on Monday 2025-11-03, OpenAI and Amazon Web Services announced a seven-year,
                $38 billion agreement giving OpenAI immediate access to AWS infrastructure: Amazon EC2 UltraServers
                with hundreds of thousands of NVIDIA GB200 and GB300 GPUs, all capacity targeted by the end of 2026.
                Amazon rose about 4% that day to a record close (about 5% up at its high after the open); Microsoft
                dipped about 1% in the first hour and closed roughly flat.

                | file | what it is |
                |---|---|
                | `ticks.csv` | `symbol,ts,price,size` (ts ISO-8601 UTC): **synthetic** trades of AMZN, MSFT, NVDA, ORCL, GOOGL and SPY (the benchmark), in time order |
                | `news.jsonl` | five news events, one JSON object per line (`id`, `publishedAt`, `source`, `headline`, `summary`, `url`, `tickers`, `sentiment`) |
                | `aliases.csv` | `alias,ticker`: company names that resolve tickers from headlines and summaries |

                ## The ticks are synthetic

                They are not market data. A seeded generator (`com.marketreactions.producers.synthetic`) draws
                one-second log-returns `beta * market + noise` and bridges each path through the daily closes
                below: from Oct 31 on they approximate publicly reported closes; Oct 27–30 are invented to wander
                plausibly towards them. Seven sessions, Monday 2025-10-27 to Tuesday 2025-11-04: the regular
                session (09:30–16:00 New York, i.e. 13:30–20:00 UTC until Oct 31 and 14:30–21:00 UTC from Nov 3,
                after clocks changed on Sunday Nov 2) with a tick every ~10 s per stock (SPY ~7 s) and a closing
                print at 16:00, plus sparse pre-market trades from 04:00 (one every ~3 minutes); no after-hours
                trades.

                Scripted moves: earnings gaps after the close of Oct 29 (MSFT down, GOOGL up) and Oct 30 (AMZN up
                about 10%); on Nov 3, AMZN, MSFT, NVDA and SPY pinned near Friday's closes just before the
                announcement at 06:00 New York, then AMZN up 3% and NVDA up 1% in pre-market trading, AMZN's session
                high of 256.60 at 09:47 and MSFT's session low of 512.60 at 10:05; on Nov 4, a little profit taking
                in AMZN and NVDA before the open.

                Daily closes the paths pass through (16:00 New York; Oct 24 is the starting price):

                {closes}
                Over the five days before the announcement AMZN's one-minute moves are small next to its move on
                Nov 3, so its abnormal return is clearly significant; MSFT's close-to-close move is small.

                ## The news texts are paraphrases

                The five events stand for how different kinds of outlets covered the deal on Nov 3–4. Their
                sources are invented outlet-like names, the headlines and summaries were written for this project
                (they quote no article), and URLs are `example.com` placeholders or null. Two events carry no
                tickers and one carries only some of them: the topology resolves the rest through `aliases.csv`.

                ## One story, five reports

                The five events are one story, and the analyzer groups them per ticker (README, "Stories"): for
                AMZN the wire report at 11:00 UTC on Nov 3 is the first report and the other four are repeats of
                it (`storyId` = `aws-openai-wire`, `repeat` = true), so their reactions measure a move that had
                mostly happened already; the story's own move is the wire's reaction, from the first T0. The
                links, as weighted overlaps of the texts without the listed companies' names (threshold 0.23, and
                two words in common): the markets blog repeats the wire (0.364: OpenAI, compute, "biggest backer"),
                the chip letter the wire (0.487: OpenAI, capacity, GB200, GB300, GPUs), the analysts' note the wire
                (0.400), and the morning briefing, 26 hours after the wire and so outside the one-day story window,
                the analysts' note (0.357: OpenAI, "gives"). The same texts give MSFT a story from the wire with the
                blog as its repeat and NVDA one from the wire with the chip letter; the briefing has only OpenAI in
                common with the chip letter and the blog, so for NVDA and ORCL it starts a story of its own, as the
                blog does for ORCL.

                ## Regenerating

                Every file here, this one included, is written by `SampleData.write` and is deterministic:

                ```
                ./reactions simulate --sample --out data/sample
                ```

                A test fails when the committed files differ from what the generator writes.
                """.replace("{closes}", closes);
    }

    private static NewsEvent news(
            String id,
            Instant at,
            String source,
            String headline,
            String summary,
            String url,
            List<String> tickers,
            double sentiment) {
        return new NewsEvent(
                id, at, source, headline, summary, url, new ArrayList<>(tickers), sentiment, new ArrayList<>(), null);
    }

    private static ObjectNode toJson(JsonMapper json, NewsEvent e) {
        ObjectNode o = json.createObjectNode();
        o.put("id", e.getId());
        o.put("publishedAt", e.getPublishedAt().toString());
        o.put("source", e.getSource());
        o.put("headline", e.getHeadline());
        o.put("summary", e.getSummary());
        o.put("url", e.getUrl());
        ArrayNode tickers = o.putArray("tickers");
        e.getTickers().forEach(tickers::add);
        o.put("sentiment", e.getSentiment());
        return o;
    }

    private static Instant et(LocalDate date, int hour, int minute) {
        return TradingCalendar.at(date, LocalTime.of(hour, minute));
    }

    private static List<Calibration> concat(Calibration first, List<Calibration> rest) {
        List<Calibration> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }
}
