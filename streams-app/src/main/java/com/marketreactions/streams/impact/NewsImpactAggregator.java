package com.marketreactions.streams.impact;

import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.NewsImpact;
import com.marketreactions.schema.TickerImpact;
import com.marketreactions.streams.TopologyNames;
import com.marketreactions.streams.control.EndOfInput;
import com.marketreactions.streams.control.OutputEnd;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Collects the FINAL reactions of one news event and horizon (key {@code newsId|horizon}) and, once every
 * ticker of the news is in, emits one {@link NewsImpact} and forgets them. End-of-input markers of all
 * reacting tasks are turned into one marker of this task on the impact topic.
 */
public final class NewsImpactAggregator implements Processor<String, MarketReaction, String, NewsImpact> {

    private static final Comparator<Double> MAGNITUDE = Comparator.nullsFirst(Comparator.comparing(Math::abs));

    private ProcessorContext<String, NewsImpact> context;
    private KeyValueStore<String, NewsImpact> parts;
    private final OutputEnd end = new OutputEnd();

    @Override
    public void init(ProcessorContext<String, NewsImpact> context) {
        this.context = context;
        this.parts = context.getStateStore(TopologyNames.IMPACT_PARTS);
    }

    @Override
    public void process(Record<String, MarketReaction> record) {
        if (EndOfInput.isMarker(record.value(), record.headers())) {
            end.onMarker(record, context);
            return;
        }
        MarketReaction r = record.value();
        NewsImpact acc = parts.get(record.key());
        if (acc == null) {
            acc = NewsImpact.newBuilder()
                    .setNewsId(r.getNewsId())
                    .setHorizon(r.getHorizon())
                    .setEventTime(r.getEventTime())
                    .setHeadline(r.getHeadline())
                    .setSource(r.getSource())
                    .setBenchmark(r.getBenchmark())
                    .setTickers(new ArrayList<>())
                    .setSignificantCount(0)
                    .setSignificantUp(0)
                    .setSignificantDown(0)
                    .build();
        }
        List<TickerImpact> tickers = new ArrayList<>(acc.getTickers());
        if (tickers.stream().noneMatch(t -> t.getTicker().equals(r.getTicker()))) {
            tickers.add(new TickerImpact(
                    r.getTicker(),
                    r.getRawReturn(),
                    r.getAbnormalReturn(),
                    r.getZScore(),
                    r.getSignificant(),
                    r.getFlags(),
                    r.getStoryId(),
                    r.getRepeat()));
        }
        acc.setTickers(tickers);
        if (tickers.size() < r.getNewsTickers().size()) {
            parts.put(record.key(), acc);
            return;
        }
        parts.delete(record.key());
        context.forward(record.withValue(complete(acc)));
    }

    static NewsImpact complete(NewsImpact acc) {
        List<TickerImpact> tickers = new ArrayList<>(acc.getTickers());
        tickers.sort(Comparator.comparing(TickerImpact::getTicker));
        TickerImpact most = tickers.stream()
                .filter(t -> t.getRawReturn() != null)
                .max(Comparator.comparing(TickerImpact::getAbnormalReturn, MAGNITUDE)
                        .thenComparing(TickerImpact::getRawReturn, MAGNITUDE)
                        .thenComparing(TickerImpact::getTicker, Comparator.reverseOrder()))
                .orElse(null);
        int sig = 0;
        int up = 0;
        int down = 0;
        for (TickerImpact t : tickers) {
            if (Boolean.TRUE.equals(t.getSignificant())) {
                sig++;
                if (t.getAbnormalReturn() > 0) {
                    up++;
                } else if (t.getAbnormalReturn() < 0) {
                    down++;
                }
            }
        }
        return NewsImpact.newBuilder(acc)
                .setTickers(tickers)
                .setMostAffected(most == null ? null : most.getTicker())
                .setSignificantCount(sig)
                .setSignificantUp(up)
                .setSignificantDown(down)
                .build();
    }
}
