package com.marketreactions.cli;

import com.marketreactions.common.RecordChecks;
import com.marketreactions.producers.files.EpochUnit;
import com.marketreactions.producers.files.FileLayout;
import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.producers.files.TimeRules;
import com.marketreactions.schema.NewsEvent;
import com.marketreactions.schema.StockTick;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How input files are read: their event times, the symbol of trades without one (shared by produce and replay; layouts are per command). */
final class InputOptions {

    @Option(
            names = "--ts-unit",
            paramLabel = "auto|s|ms|us|ns",
            defaultValue = "auto",
            description = "Unit of integer timestamps in the native formats; auto (default) tells seconds, "
                    + "milliseconds, microseconds and nanoseconds apart by magnitude")
    String tsUnit;

    @Option(
            names = "--max-ahead",
            paramLabel = "DURATION",
            defaultValue = "PT1H",
            description = "How far ahead of now an event time may be (default ${DEFAULT-VALUE}: a broker's "
                    + "message.timestamp.after.max.ms refuses records further ahead)")
    Duration maxAhead;

    @Option(
            names = "--not-before",
            paramLabel = "INSTANT",
            defaultValue = "1980-01-01T00:00:00Z",
            description = "The earliest plausible event time (default ${DEFAULT-VALUE})")
    java.time.Instant notBefore;

    @Option(
            names = "--symbol",
            paramLabel = "SYM",
            description = "The symbol of trades that do not name one: Alpaca REST trade rows saved without their "
                    + "response (a response saved whole names its symbols itself)")
    String symbol;

    TimeRules time() {
        try {
            return TimeRules.defaults()
                    .withUnit(EpochUnit.of(tsUnit))
                    .withMaxAhead(maxAhead)
                    .withNotBefore(notBefore);
        } catch (IllegalArgumentException e) {
            throw new UserError("--ts-unit: " + e.getMessage());
        }
    }

    InputFormat<StockTick, StockTick> ticks(String layout) {
        String s = symbol == null ? null : symbol.trim().toUpperCase(java.util.Locale.ROOT);
        if (s != null && !RecordChecks.isTicker(s)) {
            throw new UserError("--symbol: '" + symbol + "' is not a ticker (" + RecordChecks.TICKER_RULE + ")");
        }
        return InputFormat.ticks(layout(layout), time(), s);
    }

    InputFormat<NewsEvent, NewsEvent> news(String layout) {
        return InputFormat.news(layout(layout), time());
    }

    private static FileLayout layout(String name) {
        try {
            return FileLayout.of(name);
        } catch (IllegalArgumentException e) {
            throw new UserError("--format: " + e.getMessage());
        }
    }
}
