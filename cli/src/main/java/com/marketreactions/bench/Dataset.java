package com.marketreactions.bench;

import com.marketreactions.producers.synthetic.BenchmarkSpec;
import com.marketreactions.producers.synthetic.MarketGenerator;
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
 */
record Dataset(Iterator<StockTick> ticks, List<NewsEvent> news, List<String> symbols) {

    static final LocalDate FROM = LocalDate.of(2025, 1, 6);
    static final LocalDate TO = LocalDate.of(2025, 1, 14);
    private static final int TRADING_DAYS = 7;
    private static final double SESSION_SECONDS = 6.5 * 3600;

    static Dataset generate(Benchmark.Options o, long ticks) {
        // the benchmark trades twice as often as a stock; pre-market and after-hours add a few percent
        double perSymbol = ticks / (TRADING_DAYS * SESSION_SECONDS * (o.symbols() + 2) * 1.05);
        List<SymbolSpec> specs = SymbolSpec.generated(o.symbols(), o.seed(), perSymbol);
        BenchmarkSpec spy = BenchmarkSpec.spy();
        MarketGenerator market = MarketGenerator.builder()
                .seed(o.seed())
                .from(FROM)
                .to(TO.plusDays(7))
                .symbols(specs)
                .benchmark(new BenchmarkSpec(spy.symbol(), spy.initialPrice(), spy.dailyVol(), 2 * perSymbol))
                .build();
        List<String> names =
                new ArrayList<>(specs.stream().map(SymbolSpec::symbol).toList());
        List<NewsEvent> news = new ArrayList<>();
        if (o.news() > 0) {
            NewsGenerator gen = NewsGenerator.builder()
                    .seed(o.seed())
                    .symbols(names)
                    .newsPerTradingHour(o.news() / (TRADING_DAYS * 6.5))
                    .from(FROM)
                    .to(TO)
                    .build();
            gen.stream().limit(o.news()).forEach(news::add);
        }
        names.add(spy.symbol());
        return new Dataset(market.stream().limit(ticks).iterator(), news, names);
    }
}
