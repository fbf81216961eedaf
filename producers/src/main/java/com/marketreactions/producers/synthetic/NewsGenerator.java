package com.marketreactions.producers.synthetic;

import com.marketreactions.schema.NewsEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Seeded synthetic news for load tests: events arrive as a Poisson process at {@code newsPerTradingHour}
 * during the regular session (09:30–16:00 New York, weekdays), each naming 1–3 distinct symbols (60% one,
 * 30% two, 10% three) in its explicit {@code tickers} and in its headline. Headlines are generic
 * templates; the summary says the item is synthetic. Ids are {@code syn-<seed in hex>-<sequence>}, unique
 * within a generator and across seeds. The same seed and parameters give the same events.
 *
 * <p>Shaped like a whole market when {@link Builder#shares} are given: tickers are drawn by their share (busy
 * names are written about more), and a {@link Builder#wideShare share} of the items are sector or index news
 * naming 10 to 50 tickers.
 */
public final class NewsGenerator implements Iterable<NewsEvent> {

    private static final String[] SOURCES = {
        "Wire desk", "Markets blog", "Business daily", "Sector newsletter", "Newsroom feed"
    };

    /** Template, tickers it needs, sentiment sign. */
    private record Template(String text, int tickers, double tone) {}

    private static final Template[] TEMPLATES = {
        new Template("%s raises full-year outlook", 1, 0.6),
        new Template("%s announces share buyback program", 1, 0.4),
        new Template("%s names new chief financial officer", 1, 0.0),
        new Template("Analyst upgrades %s, citing stronger demand", 1, 0.5),
        new Template("Analyst downgrades %s on valuation", 1, -0.5),
        new Template("%s shares active after regulatory filing", 1, 0.0),
        new Template("%s unveils new product line", 1, 0.3),
        new Template("%s cuts guidance on softer orders", 1, -0.7),
        new Template("Report: %s exploring strategic options", 1, 0.2),
        new Template("%s faces probe over sales practices", 1, -0.6),
        new Template("%s and %s announce multi-year supply agreement", 2, 0.5),
        new Template("%s to buy a unit of %s, people familiar say", 2, 0.3),
        new Template("%s wins contract previously held by %s", 2, 0.2),
        new Template("%s and %s settle patent dispute", 2, 0.1),
        new Template("%s, %s and %s form industry consortium", 3, 0.3),
        new Template("%s, %s and %s lead sector moves after economic data", 3, 0.0),
    };

    private final long seed;
    private final List<String> symbols;
    private final double newsPerTradingHour;
    private final LocalDate from;
    private final LocalDate to;
    /** Null: every symbol equally likely. */
    private final MarketShape shape;

    private final double wideShare;

    private NewsGenerator(Builder b) {
        Specs.require(!b.symbols.isEmpty(), "news needs at least one symbol");
        Specs.require(
                b.newsPerTradingHour > 0 && Double.isFinite(b.newsPerTradingHour), "newsPerTradingHour must be > 0");
        Specs.require(b.to == null || !b.to.isBefore(b.from), "to " + b.to + " is before from " + b.from);
        this.seed = b.seed;
        this.symbols = List.copyOf(b.symbols);
        this.newsPerTradingHour = b.newsPerTradingHour;
        this.from = b.from;
        this.to = b.to;
        Specs.require(
                b.shares == null || b.shares.length == b.symbols.size(), "one share per symbol, in the same order");
        Specs.require(b.wideShare >= 0 && b.wideShare <= 1, "wideShare must be in [0, 1]");
        this.shape = b.shares == null ? null : MarketShape.sampler(b.shares);
        this.wideShare = b.wideShare;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Iterator<NewsEvent> iterator() {
        return new Events();
    }

    /** The events as a sequential, ordered stream (unbounded without an end date). */
    public Stream<NewsEvent> stream() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private final class Events implements Iterator<NewsEvent> {
        private final Random times = new Random(Seeds.mix(seed, 0x4E455753L, 0));
        private final Random content = new Random(Seeds.mix(seed, 0x4E455753L, 1));
        private LocalDate day = TradingCalendar.onOrAfter(from);
        /** Seconds into the current day's regular session. */
        private double offset;

        private long sequence;
        private NewsEvent next;

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = make();
            }
            return next != null;
        }

        @Override
        public NewsEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the generator's last day is over");
            }
            NewsEvent e = next;
            next = null;
            return e;
        }

        private NewsEvent make() {
            double gap = -StrictMath.log(1 - times.nextDouble()) * 3600 / newsPerTradingHour;
            while (offset + gap >= TradingCalendar.REGULAR_SECONDS) {
                gap -= TradingCalendar.REGULAR_SECONDS - offset;
                offset = 0;
                day = TradingCalendar.onOrAfter(day.plusDays(1));
            }
            if (to != null && day.isAfter(to)) {
                return null;
            }
            offset += gap;
            Instant at = TradingCalendar.at(day, TradingCalendar.OPEN).plusMillis((long) (offset * 1000));
            return event(at);
        }

        private NewsEvent event(Instant at) {
            if (wideShare > 0 && content.nextDouble() < wideShare) {
                return wide(at);
            }
            int want = Math.min(symbols.size(), pick());
            List<Template> fitting = new ArrayList<>();
            for (Template t : TEMPLATES) {
                if (t.tickers == want) {
                    fitting.add(t);
                }
            }
            Template t = fitting.get(content.nextInt(fitting.size()));
            List<String> tickers = distinct(want);
            double sentiment = Math.max(-1, Math.min(1, t.tone + 0.3 * (content.nextDouble() - 0.5)));
            sentiment = Math.round(sentiment * 100) / 100.0;
            return news(at, String.format(Locale.ROOT, t.text, tickers.toArray()), tickers, sentiment);
        }

        /** Sector or index news: 10 to 50 tickers. */
        private NewsEvent wide(Instant at) {
            List<String> tickers = distinct(Math.min(symbols.size(), 10 + content.nextInt(41)));
            String headline = "Index review: " + String.join(", ", tickers) + " among names to be reweighted";
            return news(at, headline, tickers, 0.0);
        }

        private NewsEvent news(Instant at, String headline, List<String> tickers, double sentiment) {
            String id = "syn-" + Long.toHexString(seed) + "-" + String.format(Locale.ROOT, "%07d", ++sequence);
            String source = SOURCES[content.nextInt(SOURCES.length)];
            String summary = "Synthetic news item generated for load tests; it does not describe real events.";
            return new NewsEvent(id, at, source, headline, summary, null, tickers, sentiment, new ArrayList<>(), null);
        }

        private int pick() {
            double u = content.nextDouble();
            return u < 0.6 ? 1 : u < 0.9 ? 2 : 3;
        }

        private List<String> distinct(int k) {
            List<String> out = new ArrayList<>(k);
            while (out.size() < k) {
                String s = symbols.get(shape == null ? content.nextInt(symbols.size()) : shape.draw(content));
                if (!out.contains(s)) {
                    out.add(s);
                }
            }
            return out;
        }
    }

    /** Parameters of a {@link NewsGenerator}; defaults in brackets. */
    public static final class Builder {
        private long seed = 1;
        private List<String> symbols = List.of();
        private double newsPerTradingHour = 1;
        private LocalDate from = LocalDate.of(2025, 1, 6);
        private LocalDate to;
        private double[] shares;
        private double wideShare;

        private Builder() {}

        /** Master seed [1]. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Tickers the news may name (required). */
        public Builder symbols(List<String> symbols) {
            symbols.forEach(s -> Specs.requireTicker(Objects.requireNonNull(s, "symbol")));
            this.symbols = List.copyOf(symbols);
            return this;
        }

        /** Mean number of events per regular-session hour [1]. */
        public Builder newsPerTradingHour(double rate) {
            this.newsPerTradingHour = rate;
            return this;
        }

        /** First New York date [2025-01-06]. */
        public Builder from(LocalDate from) {
            this.from = Objects.requireNonNull(from, "from");
            return this;
        }

        /** Last New York date, inclusive [none: unbounded]. */
        public Builder to(LocalDate to) {
            this.to = to;
            return this;
        }

        /** Each symbol's share of the news, in the order of {@link #symbols} [none: equal]. */
        public Builder shares(double[] shares) {
            this.shares = shares.clone();
            return this;
        }

        /** The share of items naming 10 to 50 tickers [0]. */
        public Builder wideShare(double share) {
            this.wideShare = share;
            return this;
        }

        public NewsGenerator build() {
            return new NewsGenerator(this);
        }
    }
}
