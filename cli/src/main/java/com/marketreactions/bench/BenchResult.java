package com.marketreactions.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What one benchmark run measured; printed as a table and written as JSON. */
public record BenchResult(
        String shape,
        String date,
        int cores,
        String java,
        int symbols,
        long ticks,
        int news,
        String horizons,
        int partitions,
        double publishPerSec,
        double parseLinesPerSec,
        double ceilingPerSec,
        double streamsCeilingPerSec,
        double analyzerPerSec,
        double analyzerSeconds,
        Map<String, Double> analyzerBlockedSeconds,
        Map<String, Double> analyzerCpuSeconds,
        long finalReactions,
        long impacts,
        double ratio,
        int liveTargetRate,
        double liveAchievedRate,
        long liveSamples,
        double provisionalP50Ms,
        double provisionalP95Ms,
        double provisionalP99Ms,
        double finalP50Ms,
        double finalP95Ms,
        double finalP99Ms,
        double peakHeapMiB,
        double liveHeapMiB,
        double peakRssMiB,
        double stateDirMiB,
        double restoreSeconds,
        long restoredRecords)
        implements BenchReport {

    @Override
    public String table() {
        return rows() + targetLines();
    }

    /** The measurements, one per row. */
    String rows() {
        StringBuilder b = new StringBuilder();
        row(
                b,
                "data",
                "%d symbols + benchmark (%s), %d ticks, %d news, horizons %s, %d partitions",
                symbols,
                shape,
                ticks,
                news,
                horizons,
                partitions);
        row(b, "publish (producer, transactions)", "%,.0f ticks/s", publishPerSec);
        row(
                b,
                "file parse (native ticks CSV)",
                "%,.0f lines/s (read and checked, as produce and replay do twice)",
                parseLinesPerSec);
        row(b, "ceiling (plain consumer + Avro)", "%,.0f ticks/s", ceilingPerSec);
        row(
                b,
                "Kafka Streams alone (exactly-once)",
                "%,.0f ticks/s (decode and count: the framework's own limit)",
                streamsCeilingPerSec);
        row(
                b,
                "analyzer (exactly-once)",
                "%,.0f ticks/s in %.1f s, %d FINAL reactions, %d impacts",
                analyzerPerSec,
                analyzerSeconds,
                finalReactions,
                impacts);
        row(b, "  stream thread blocked on Kafka", "%s (of %.1f s)", seconds(analyzerBlockedSeconds), analyzerSeconds);
        row(b, "  CPU (this JVM's threads)", "%s (of %.1f s)", seconds(analyzerCpuSeconds), analyzerSeconds);
        row(
                b,
                "ratio analyzer / ceiling",
                "%.3f (Streams alone / ceiling: %.3f)",
                ratio,
                streamsCeilingPerSec / ceilingPerSec);
        if (liveSamples > 0) {
            live(b);
        }
        row(
                b,
                "analyzer peak heap",
                "%.0f MiB (heap pools' peaks: garbage and the generated ticks included)",
                peakHeapMiB);
        row(
                b,
                "analyzer heap after GC",
                "%.0f MiB (largest heap in use after a GC, less what the bench held "
                        + "before; old-generation garbage not yet collected counts)",
                liveHeapMiB);
        row(
                b,
                "bench process peak RSS",
                "%.0f MiB (analyzer and bench clients; broker and registry run apart)",
                peakRssMiB);
        row(b, "state stores on disk", "%.1f MiB", stateDirMiB);
        if (restoredRecords > 0) {
            row(
                    b,
                    "state restore (new instance, empty dir)",
                    "%.1f s, %,d changelog records (%,.0f records/s)",
                    restoreSeconds,
                    restoredRecords,
                    restoredRecords / restoreSeconds);
        }
        return b.toString();
    }

    /** The lines the targets are read from: printed last. */
    private String targetLines() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "ratio analyzer / streams alone %.3f%n", ratioToStreamsAlone()));
        b.append(String.format(Locale.ROOT, "ratio analyzer / plain-consumer ceiling %.3f%n", ratio));
        b.append(String.format(Locale.ROOT, "live p99 tick->provisional %.0f ms%n", provisionalP99Ms));
        b.append(String.format(Locale.ROOT, "live p99 close->final %.0f ms%n", finalP99Ms));
        return b.toString();
    }

    private void live(StringBuilder b) {
        row(
                b,
                "live at " + liveTargetRate + " ticks/s",
                "achieved %,.0f/s, %d reactions seen",
                liveAchievedRate,
                liveSamples);
        row(
                b,
                "  tick -> PROVISIONAL p50/p95/p99",
                "%.0f / %.0f / %.0f ms",
                provisionalP50Ms,
                provisionalP95Ms,
                provisionalP99Ms);
        row(b, "  close -> FINAL p50/p95/p99", "%.0f / %.0f / %.0f ms", finalP50Ms, finalP95Ms, finalP99Ms);
    }

    /** Stream-thread CPU per tick of the timed analyzer run, in microseconds. */
    public double cpuPerTickMicros() {
        return analyzerCpuSeconds.getOrDefault("stream threads", Double.NaN) * 1e6 / ticks;
    }

    public double ratioToStreamsAlone() {
        return analyzerPerSec / streamsCeilingPerSec;
    }

    private static String seconds(Map<String, Double> timers) {
        return timers.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static void row(StringBuilder b, String name, String fmt, Object... args) {
        b.append(String.format(Locale.ROOT, "  %-36s %s%n", name, String.format(Locale.ROOT, fmt, args)));
    }
}
