package com.marketreactions.cli;

import com.marketreactions.report.Report;
import com.marketreactions.report.ReportWriter;
import com.marketreactions.streams.web.ReactionChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/** The {@code --report FILE} option of {@code replay} and {@code demo}: checked before the run, written after. */
final class ReportFile {

    private ReportFile() {}

    /** Fails before any work when {@code out}'s directory does not exist (one line naming it). */
    static void checkWritable(Path out) {
        if (out == null) {
            return;
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserError(out + ": directory " + parent + " does not exist");
        }
    }

    /** Writes the charts of the run's FINAL reactions, times in the exchange's {@code zone}; returns how many. */
    static int write(Path out, String title, Replay.Result r, Path ticks, String benchmark, ZoneId zone) {
        List<ReactionChart> charts = Report.charts(r.finals(), ticks, benchmark, zone);
        try {
            ReportWriter.write(out, title, charts, r.studies(), zone);
        } catch (IOException e) {
            throw new UserError(out + ": cannot write the report: " + e.getMessage());
        }
        return charts.size();
    }
}
