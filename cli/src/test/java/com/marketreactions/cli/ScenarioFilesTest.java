package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.marketreactions.producers.files.Alias;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import com.marketreactions.streams.differential.MarketInput;
import com.marketreactions.streams.differential.ScenarioFiles;
import com.marketreactions.streams.differential.SyntheticMarket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario written as files reads back, through the producers' own parsers, as exactly its inputs. */
class ScenarioFilesTest {

    @TempDir
    Path dir;

    @Test
    void writtenScenarioParsesBackToTheSameRecordsInArrivalOrder() {
        SyntheticMarket.Scenario sc = SyntheticMarket.generate(2); // late ticks, cancels, summaries, aliases
        ScenarioFiles.Written files = ScenarioFiles.write(sc, dir);

        List<MarketInput.Tick> ticks = new ArrayList<>();
        List<MarketInput.News> news = new ArrayList<>();
        for (MarketInput in : sc.inputs()) {
            if (in instanceof MarketInput.Tick t) {
                ticks.add(t);
            } else if (in instanceof MarketInput.News n) {
                news.add(new MarketInput.News(
                        n.id(),
                        n.t0(),
                        List.copyOf(new LinkedHashSet<>(n.tickers())),
                        n.headline(),
                        n.summary(),
                        n.source(),
                        n.sentiment()));
            }
        }
        List<MarketInput.Tick> readTicks = new ArrayList<>();
        InputFormat.TICKS
                .file(files.ticks())
                .read(
                        (StockTick t) -> readTicks.add(new MarketInput.Tick(
                                t.getSymbol(),
                                t.getTs().toEpochMilli(),
                                t.getPrice(),
                                t.getSize(),
                                t.getVenue(),
                                t.getTradeId(),
                                t.getAction().name(),
                                t.getAmends())),
                        e -> {
                            throw new AssertionError(e.toString());
                        });
        List<MarketInput.News> readNews = new ArrayList<>();
        InputFormat.NEWS
                .file(files.news())
                .read(
                        (NewsEvent n) -> readNews.add(new MarketInput.News(
                                n.getId(),
                                n.getPublishedAt().toEpochMilli(),
                                List.copyOf(n.getTickers()),
                                n.getHeadline(),
                                n.getSummary(),
                                n.getSource(),
                                n.getSentiment())),
                        e -> {
                            throw new AssertionError(e.toString());
                        });
        Map<String, String> readAliases = new LinkedHashMap<>();
        InputFormat.ALIASES.file(files.aliases()).read((Alias a) -> readAliases.put(a.alias(), a.ticker()), e -> {
            throw new AssertionError(e.toString());
        });

        assertEquals(ticks, readTicks);
        assertEquals(news, readNews);
        assertEquals(sc.aliases(), readAliases);
    }
}
