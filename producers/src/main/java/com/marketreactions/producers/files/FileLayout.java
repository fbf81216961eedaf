package com.marketreactions.producers.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import java.util.Locale;

/**
 * The layouts a ticks or news file may have: this project's own, or a vendor's. {@link #AUTO} tells them apart
 * by the first line: a Massive ({@code ticker,conditions,correction,...}) or Databento ({@code ts_recv,ts_event,...})
 * header, an Alpaca trade object or saved trades response, or for news the fields of the first article
 * ({@code published_utc}: Massive; {@code created_at} and {@code headline}: Alpaca; {@code created} and
 * {@code title}: Benzinga).
 */
public enum FileLayout {
    AUTO,
    NATIVE,
    MASSIVE,
    DATABENTO,
    ALPACA,
    BENZINGA;

    public static FileLayout of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown format '" + name + "': use auto, native, massive, databento, alpaca or benzinga");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The parser of a ticks file whose first non-blank line is {@code first}; {@code symbol} (or null) is that of
     * trades that do not name one.
     */
    LineParser<StockTick> ticks(String first, TimeRules time, String symbol) {
        FileLayout l = this == AUTO ? detectTicks(first) : this;
        return switch (l) {
            case NATIVE -> new TickLines(time, first);
            case MASSIVE ->
                new MassiveTradeLines(headerOf(first, MassiveTradeLines.HEADER_START, "Massive trades"), time);
            case DATABENTO ->
                new DatabentoTradeLines(headerOf(first, DatabentoTradeLines.HEADER_START, "Databento trades"), time);
            case ALPACA -> {
                JsonNode trade = Json.objectOrNull(first);
                if (symbol == null && trade != null && AlpacaTradeLines.namesNoSymbol(trade)) {
                    throw new BadInputException("these Alpaca trades name no symbol (REST rows saved without the "
                            + "response that names it): give it with --symbol SYM, or save the whole response");
                }
                yield new AlpacaTradeLines(time, symbol);
            }
            default ->
                throw new BadInputException("--format " + l.label() + " is a news format, not one of ticks "
                        + "(native, massive, databento, alpaca)");
        };
    }

    /** The parser of a news file whose first non-blank line is {@code first}. */
    LineParser<NewsEvent> news(String first, TimeRules time) {
        FileLayout l = this == AUTO ? detectNews(first) : this;
        return switch (l) {
            case NATIVE -> new NewsLines(time);
            case MASSIVE -> new MassiveNewsLines(time);
            case ALPACA -> new AlpacaNewsLines(time);
            case BENZINGA -> new BenzingaNewsLines(time);
            default ->
                throw new BadInputException("--format " + l.label() + " is a ticks format, not one of news "
                        + "(native, massive, alpaca, benzinga)");
        };
    }

    private static FileLayout detectTicks(String first) {
        if (first.startsWith(MassiveTradeLines.HEADER_START)) {
            return MASSIVE;
        }
        if (first.startsWith(DatabentoTradeLines.HEADER_START)) {
            return DATABENTO;
        }
        if (first.startsWith("{")) {
            JsonNode n = Json.objectOrNull(first);
            if (n == null || AlpacaTradeLines.looksLike(n)) {
                return ALPACA; // the one JSON layout of ticks: it says what is wrong with a line that is not JSON
            }
        }
        return NATIVE;
    }

    private static FileLayout detectNews(String first) {
        JsonNode n = Json.objectOrNull(first);
        if (n != null && !n.has("publishedAt")) {
            if (MassiveNewsLines.looksLike(n)) {
                return MASSIVE;
            }
            if (AlpacaNewsLines.looksLike(n)) {
                return ALPACA;
            }
            if (BenzingaNewsLines.looksLike(n)) {
                return BENZINGA;
            }
        }
        return NATIVE;
    }

    /** A CSV vendor format needs its header first: its columns are found by name. */
    private static String headerOf(String first, String start, String format) {
        if (!first.startsWith(start)) {
            throw new BadInputException(
                    "a " + format + " file starts with its header (" + start + ",...), not " + Fields.quote(first));
        }
        return first;
    }
}
