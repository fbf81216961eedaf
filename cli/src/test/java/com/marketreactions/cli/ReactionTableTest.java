package com.marketreactions.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketreactions.schema.EventStudy;
import com.marketreactions.schema.MarketReaction;
import com.marketreactions.schema.ReactionModel;
import com.marketreactions.schema.ReactionStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What the terminal tables leave out and what they explain. */
class ReactionTableTest {

    private static final Instant T0 = Instant.parse("2025-11-03T15:15:00Z");

    private static MarketReaction reaction(String ticker, String horizon, boolean traded, String... flags) {
        return MarketReaction.newBuilder()
                .setNewsId("n1")
                .setTicker(ticker)
                .setHorizon(horizon)
                .setStatus(ReactionStatus.FINAL)
                .setEventTime(T0)
                .setBaselinePrice(traded ? 100.0 : null)
                .setEndPrice(traded ? 101.0 : null)
                .setRawReturn(traded ? 0.01 : null)
                .setTickCount(traded ? 3 : 0)
                .setVolume(traded ? 30 : 0)
                .setBenchmark("SPY")
                .setModel(traded ? ReactionModel.MARKET_ADJUSTED : ReactionModel.NONE)
                .setFlags(List.of(flags))
                .build();
    }

    private static String printed(Consumer<PrintStream> print) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        print.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tickersWithoutTradesShareOneLineAndEachFlagIsExplainedOnce() {
        List<MarketReaction> rs = new ArrayList<>();
        for (String h : List.of("PT5M", "P1D")) {
            rs.add(reaction("AMD", h, false, "NO_BASELINE", "NO_TICKS_IN_WINDOW"));
            rs.add(reaction("CRWV", h, false, "NO_BASELINE", "NO_TICKS_IN_WINDOW"));
        }
        rs.add(reaction("AMZN", "PT5M", true, "SHORT_ESTIMATION"));
        rs.add(reaction("AMZN", "P1D", true, "SHORT_ESTIMATION", "INPUT_ENDED_EARLY"));
        String out = printed(o -> ReactionTable.print(rs, o));

        assertTrue(out.contains("  AMD, CRWV: no trades in the look-back or the windows"), out);
        assertFalse(out.lines().anyMatch(l -> l.startsWith("  AMD ") || l.startsWith("  CRWV ")), out);
        assertEquals(2, out.lines().filter(l -> l.startsWith("  AMZN ")).count(), out);
        List<String> legend = out.lines()
                .dropWhile(l -> !l.equals("Flags:"))
                .skip(1)
                .takeWhile(l -> !l.isBlank())
                .map(l -> l.trim().split(" +")[0])
                .toList();
        assertEquals(
                List.of("INPUT_ENDED_EARLY", "NO_BASELINE", "NO_TICKS_IN_WINDOW", "SHORT_ESTIMATION"), legend, out);
    }

    private static EventStudy study(String group, int n) {
        return EventStudy.newBuilder()
                .setGroup(group)
                .setHorizon("PT5M")
                .setN(n)
                .setExcluded(1)
                .setCaar(0.001)
                .build();
    }

    @Test
    void theStudyTableNamesEachTestsMethodAndShowsItsValue() {
        EventStudy s = study("all", 13);
        s.setBmpT(3.0);
        s.setBmpP(0.011);
        s.setBmpKpT(1.5);
        s.setBmpKpP(0.16);
        s.setSkewT(2.5);
        s.setSkewP(0.012);
        s.setWilcoxonZ(-2.2);
        s.setWilcoxonP(0.028);
        s.setGrankZ(1.234);
        s.setGrankP(0.217);
        String out = printed(o -> StudyTable.print(List.of(s), o));

        String head = out.lines().filter(l -> l.contains("group")).findFirst().orElseThrow();
        for (String h : List.of("KP-BMP t (p)", "Hall skew t (p)", "Wilcoxon z (p)", "GRANK z (p)")) {
            assertTrue(head.contains(h), head);
        }
        assertTrue(out.contains("Kolari-Pynnonen") && out.contains("Hall 1992"), out);
        assertTrue(out.contains("generalized rank z") && out.contains("Kolari-Pynnonen 2011"), out);
        String row = out.lines().filter(l -> l.startsWith("  all ")).findFirst().orElseThrow();
        assertTrue(row.contains("1.50 (0.160)"), row);
        assertTrue(row.contains("2.50 (0.012)*"), row);
        assertTrue(row.contains("-2.20 (0.028)*"), row);
        assertTrue(row.endsWith("1.23 (0.217)"), row);
    }

    @Test
    void studyGroupsOfFewerThanTwoReactionsAreNamedNotTabled() {
        String out = printed(
                o -> StudyTable.print(List.of(study("all", 13), study("ticker:AMD", 1), study("ticker:CRWV", 0)), o));

        assertTrue(out.lines().anyMatch(l -> l.startsWith("  all ")), out);
        assertFalse(out.lines().anyMatch(l -> l.startsWith("  ticker:")), out);
        assertTrue(
                out.contains("(2 group-horizons with fewer than 2 reactions not shown: ticker:AMD, ticker:CRWV)"), out);
    }
}
