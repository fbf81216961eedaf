package com.marketreactions.bench;

import com.marketreactions.producers.synthetic.BenchmarkSpec;
import com.marketreactions.producers.synthetic.MarketGenerator;
import com.marketreactions.producers.synthetic.MarketShape;
import com.marketreactions.producers.synthetic.NewsGenerator;
import com.marketreactions.producers.synthetic.SymbolSpec;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The benchmark's synthetic data: {@code symbols} correlated stocks and SPY over seven trading days (so the
 * five-day estimation window fills up), tick rates scaled so the requested number of ticks spans them, and
 * news spread over the trading hours.
 *
 * <p>Uniform: every stock trades at one rate, SPY at twice it, news names one to three tickers drawn alike. Shaped
 * like a market ({@link Benchmark.Options#market}): trades and news spread over the stocks as {@link MarketShape}
 * says, SPY trading as much as the busiest stock, and 2% of the news naming 10 to 50 tickers.
 */
record Dataset(Iterator<StockTick> ticks, List<NewsEvent> news, List<String> symbols) {

    static final LocalDate FROM = LocalDate.of(2025, 1, 6);
    static final LocalDate TO = LocalDate.of(2025, 1, 14);
    private static final int TRADING_DAYS = 7;
    private static final double SESSION_SECONDS = 6.5 * 3600;
    /** Sector and index items among the news of a market-shaped run. */
    static final double WIDE_NEWS = 0.02;

    static Dataset generate(Benchmark.Options o, long ticks) {
        // pre-market and after-hours add a few percent
        double perSecond = ticks / (TRADING_DAYS * SESSION_SECONDS * 1.05);
        double[] shares = o.market() ? MarketShape.shares(o.symbols()) : null;
        // uniform: the benchmark trades twice as often as a stock; a market: as often as its busiest stock
        double spyRate = o.market() ? perSecond * shares[0] / (1 + shares[0]) : 2 * perSecond / (o.symbols() + 2);
        List<SymbolSpec> specs = o.market()
                ? SymbolSpec.market(o.symbols(), o.seed(), perSecond - spyRate)
                : SymbolSpec.generated(o.symbols(), o.seed(), spyRate / 2);
        BenchmarkSpec spy = BenchmarkSpec.spy();
        MarketGenerator market = MarketGenerator.builder()
                .seed(o.seed())
                .from(FROM)
                .to(TO.plusDays(7))
                .symbols(specs)
                .benchmark(new BenchmarkSpec(spy.symbol(), spy.initialPrice(), spy.dailyVol(), spyRate))
                .build();
        List<String> names =
                new ArrayList<>(specs.stream().map(SymbolSpec::symbol).toList());
        List<NewsEvent> news = new ArrayList<>();
        if (o.news() > 0) {
            NewsGenerator.Builder gen = NewsGenerator.builder()
                    .seed(o.seed())
                    .symbols(names)
                    .newsPerTradingHour(o.news() / (TRADING_DAYS * 6.5))
                    .from(FROM)
                    .to(TO);
            if (o.market()) {
                gen.shares(shares).wideShare(WIDE_NEWS);
            }
            gen.build().stream().limit(o.news()).forEach(news::add);
        }
        names.add(spy.symbol());
        return new Dataset(market.stream().limit(ticks).iterator(), news, names);
    }
}
