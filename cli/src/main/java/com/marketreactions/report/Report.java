package com.marketreactions.report;

import com.marketreactions.common.Shares;
import com.marketreactions.producers.files.BadInputException;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.reaction.SessionClock;
import com.marketreactions.streams.reaction.TickSeries;
import com.marketreactions.streams.web.ReactionChart;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts of a replay: one per (news, ticker) of its FINAL reactions, drawn from the replayed tick file.
 * The file is read once; each chart keeps the ticks in its range and the last one before it.
 *
 * <p>The chart shows every tick of the file; a reaction counts only the ticks that arrived before its window
 * closed, so the two differ only where the file has ticks later than the grace period.
 */
public final class Report {

    private Report() {}

    /** The charts, in the order of {@code finals} (a replay's: by news time, news, ticker). */
    public static List<ReactionChart> charts(
            List<MarketReaction> finals, Path ticksFile, String benchmark, ZoneId zone) {
        Map<String, List<MarketReaction>> byNewsTicker = new LinkedHashMap<>();
        for (MarketReaction r : finals) {
            byNewsTicker
                    .computeIfAbsent(r.getNewsId() + '|' + r.getTicker(), k -> new ArrayList<>())
                    .add(r);
        }
        // what each chart needs, by symbol: its own ticks and the benchmark's over its range
        Map<String, List<Window>> wanted = new HashMap<>();
        List<Window[]> windows = new ArrayList<>();
        for (List<MarketReaction> rs : byNewsTicker.values()) {
            long[] range = ReactionChart.range(rs);
            Window stock = new Window(range[0], range[1]);
            Window bench = new Window(range[0], range[1]);
            wanted.computeIfAbsent(rs.get(0).getTicker(), k -> new ArrayList<>())
                    .add(stock);
            if (!rs.get(0).getTicker().equals(benchmark)) {
                wanted.computeIfAbsent(benchmark, k -> new ArrayList<>()).add(bench);
            }
            windows.add(new Window[] {stock, bench});
        }
        try {
            InputFormat.TICKS
                    .file(ticksFile)
                    .read(
                            t -> {
                                List<Window> ws = wanted.get(t.getSymbol());
                                if (ws != null) {
                                    ws.forEach(w -> w.offer(t));
                                }
                            },
                            e -> {}); // the replay validated the file before publishing it
        } catch (BadInputException e) {
            throw new IllegalStateException("cannot read the ticks for the report: " + e.getMessage(), e);
        }
        Map<String, List<ReactionChart.OtherNews>> newsByTicker = new HashMap<>();
        for (List<MarketReaction> rs : byNewsTicker.values()) {
            MarketReaction r = rs.get(0);
            newsByTicker
                    .computeIfAbsent(r.getTicker(), k -> new ArrayList<>())
                    .add(new ReactionChart.OtherNews(
                            r.getNewsId(),
                            r.getEventTime().toEpochMilli(),
                            r.getSource() == null ? r.getNewsId() : r.getSource()));
        }
        List<ReactionChart> charts = new ArrayList<>();
        SessionClock clock = new SessionClock(zone);
        int i = 0;
        for (List<MarketReaction> rs : byNewsTicker.values()) {
            Window[] w = windows.get(i++);
            charts.add(ReactionChart.of(
                    rs,
                    w[0].series(),
                    w[1].series(),
                    newsByTicker.getOrDefault(rs.get(0).getTicker(), List.of()),
                    clock));
        }
        return charts;
    }

    /** The ticks of one symbol in [from, to], and the last one before {@code from}. */
    private static final class Window {
        private final long from;
        private final long to;
        private StockTick before;
        private final List<StockTick> in = new ArrayList<>();

        Window(long from, long to) {
            this.from = from;
            this.to = to;
        }

        void offer(StockTick t) {
            long ts = t.getTs().toEpochMilli();
            if (ts < from) {
                if (before == null || ts >= before.getTs().toEpochMilli()) {
                    before = t;
                }
            } else if (ts <= to) {
                in.add(t);
            }
        }

        /** By time, ties in file order (the spec's order of one symbol's ticks). */
        TickSeries series() {
            List<StockTick> all = new ArrayList<>(in.size() + 1);
            if (before != null) {
                all.add(before);
            }
            all.addAll(in);
            all.sort(Comparator.comparing(StockTick::getTs)); // stable
            TickSeries s = new TickSeries(all.size());
            all.forEach(t -> s.add(t.getTs().toEpochMilli(), t.getPrice(), Shares.micros(t.getSize())));
            return s;
        }
    }
}
