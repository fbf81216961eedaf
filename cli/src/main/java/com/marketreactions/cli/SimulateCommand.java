package com.marketreactions.cli;

import com.marketreactions.producers.synthetic.SampleData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Synthetic data: regenerates the committed sample. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        header = "Generates synthetic market data.",
        description = {
            "With --sample, regenerates the OpenAI-AWS sample (news.jsonl, ticks.csv, aliases.csv, README.md)"
                    + " deterministically into --out."
        },
        footerHeading = "%nExample:%n",
        footer = "  ./reactions simulate --sample --out data/sample")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--sample", required = true, description = "Regenerate the sample data set")
    boolean sample;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory")
    Path out;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(out);
        SampleData.write(out);
        System.err.println("sample written to " + out);
        return 0;
    }
}
