package com.marketreactions.bench;

import com.marketreactions.producers.files.InputFormat;
import com.marketreactions.producers.files.LineErrors;
import com.marketreactions.producers.synthetic.TickCsv;
import com.marketreactions.schema.StockTick;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * How fast a native ticks file parses: {@code produce} and {@code replay} read every file twice (all lines are
 * checked before the first is published), so this bounds how fast a file can be published. Best of two reads of
 * a temporary CSV of generated ticks.
 */
final class FileParse {

    private FileParse() {}

    static double linesPerSecond(Iterator<StockTick> ticks, long lines) throws IOException {
        Path file = Files.createTempFile("bench-ticks-", ".csv");
        try {
            long n = 0;
            try (BufferedWriter w = Files.newBufferedWriter(file)) {
                w.write(TickCsv.HEADER);
                w.newLine();
                while (n < lines && ticks.hasNext()) {
                    w.write(TickCsv.line(ticks.next()));
                    w.newLine();
                    n++;
                }
            }
            double best = 0;
            for (int round = 0; round < 2; round++) {
                long t = System.nanoTime();
                LineErrors errors = InputFormat.TICKS.file(file).validate();
                double rate = n / ((System.nanoTime() - t) / 1e9);
                if (!errors.isEmpty()) {
                    throw new IllegalStateException(
                            "generated ticks do not parse: " + errors.lines().get(0));
                }
                best = Math.max(best, rate);
            }
            return best;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
