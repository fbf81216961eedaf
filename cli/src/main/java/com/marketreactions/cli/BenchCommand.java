package com.marketreactions.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.marketreactions.bench.BenchReport;
import com.marketreactions.bench.BenchResult;
import com.marketreactions.bench.Benchmark;
import com.marketreactions.bench.ChildStackHandle;
import com.marketreactions.bench.MarketResult;
import com.marketreactions.common.ClientConfigs;
import com.marketreactions.streams.Horizon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Throughput against the broker's own ceiling, live latency and memory. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        header = "Measures the analyzer's throughput, live latency and memory.",
        description = {
            "Measures the analyzer against the machine: a plain consumer of the tick topic is the ceiling, and the"
                    + " topology (exactly-once) processing the same topic is reported as a fraction of it; then latency"
                    + " at a fixed live rate, and memory. Runs the embedded stack in a child process unless"
                    + " --bootstrap-servers and --registry-url are given. Prints a table and writes a JSON result.",
            "With --market: the default run as the base, then a whole market (10,000 symbols trading as a market"
                    + " trades, 1,250 news a day, some naming 10-50 tickers; docs/benchmarks.md), in one invocation."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  ./reactions bench --quick", "  ./reactions bench --market --out market-result.json"})
final class BenchCommand implements Callable<Integer> {

    @Option(
            names = "--symbols",
            defaultValue = "50",
            paramLabel = "N",
            description = "Symbols besides the benchmark (default: ${DEFAULT-VALUE})")
    int symbols;

    @Option(
            names = "--ticks",
            defaultValue = "5000000",
            paramLabel = "N",
            description = "Ticks to generate (default: ${DEFAULT-VALUE})")
    long ticks;

    @Option(
            names = "--market",
            description = "A whole market after the base run: unless given, --symbols 10000, --ticks 10000000,"
                    + " --news 8750 (1,250 a trading day) and --live-rate 50000")
    boolean market;

    @Option(
            names = "--quick",
            description = "A fast check (under a minute): 200,000 ticks, no warm-up and a 5 s"
                    + " live phase, unless --ticks, --warmup-ticks or --live-duration are given too")
    boolean quick;

    @Option(
            names = "--warmup-ticks",
            defaultValue = "1000000",
            paramLabel = "N",
            description = "Ticks of an untimed analyzer run on"
                    + " other topics first, so that the JIT has compiled the hot paths (default: ${DEFAULT-VALUE})")
    long warmupTicks;

    @Option(
            names = "--news",
            defaultValue = "200",
            paramLabel = "N",
            description = "News events (default: ${DEFAULT-VALUE})")
    int news;

    @Option(
            names = "--horizons",
            defaultValue = "PT5M,PT30M,PT1H,P1D",
            split = ",",
            paramLabel = "DURATION",
            description = "Reaction horizons (default: ${DEFAULT-VALUE})")
    List<String> horizons;

    @Option(
            names = "--partitions",
            defaultValue = "1",
            paramLabel = "N",
            description = "Partitions of the input topics (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "N",
            description = "Seed of the generated symbols, ticks and news (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--live-rate",
            defaultValue = "20000",
            paramLabel = "N",
            description = "Ticks/s of the live phase (default: ${DEFAULT-VALUE})")
    int liveRate;

    @Option(
            names = "--live-duration",
            defaultValue = "PT20S",
            paramLabel = "DURATION",
            description = "Length of the live phase (default: ${DEFAULT-VALUE})")
    Duration liveDuration;

    @Option(
            names = "--out",
            defaultValue = "bench-result.json",
            paramLabel = "FILE",
            description = "Where to write the JSON result (default: ${DEFAULT-VALUE})")
    Path out;

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (market) {
            symbols = given("--symbols") ? symbols : 10_000;
            ticks = given("--ticks") ? ticks : quick ? 1_000_000 : 10_000_000;
            news = given("--news") ? news : 8_750;
            liveRate = given("--live-rate") ? liveRate : 50_000;
        }
        if (quick) {
            ticks = given("--ticks") || market ? ticks : 200_000;
            liveDuration = given("--live-duration") ? liveDuration : Duration.ofSeconds(5);
            warmupTicks = given("--warmup-ticks") ? warmupTicks : 0;
        }
        if (symbols < 1 || ticks < 1 || news < 0 || partitions < 1 || liveRate < 1 || warmupTicks < 0) {
            throw new UserError("--symbols, --ticks, --partitions and --live-rate must be positive, --news and"
                    + " --warmup-ticks not negative");
        }
        List<Horizon> hs;
        try {
            hs = horizons.stream().map(Horizon::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new UserError("--horizons: " + e.getMessage());
        }
        Settings s = cluster.settings();
        Benchmark.Options options = new Benchmark.Options(
                market,
                symbols,
                ticks,
                news,
                hs,
                partitions,
                seed,
                liveRate,
                liveDuration,
                Duration.ofMinutes(30),
                s.withPrefix("streams."),
                market ? 0 : warmupTicks);
        BenchReport result;
        if (ClusterOptions.external(s)) {
            result = run(ClusterOptions.reach(s), options);
        } else {
            System.err.println("Starting the embedded stack in a child process ...");
            try (ChildStackHandle stack = ChildStackHandle.start()) {
                result = run(s.clients(stack.bootstrapServers(), stack.registryUrl()), options);
            }
        }
        System.out.println(result.table());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        System.out.println("Result written to " + out);
        return 0;
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** The run asked for; with --market, the default run (one partition, no live phase) first, as the base. */
    private BenchReport run(ClientConfigs clients, Benchmark.Options options) throws Exception {
        if (!market) {
            return new Benchmark(clients, options).run();
        }
        Benchmark.Options base = new Benchmark.Options(
                false,
                50,
                quick ? 200_000 : 5_000_000,
                200,
                options.horizons(),
                1,
                options.seed(),
                options.liveRate(),
                Duration.ZERO,
                options.timeout(),
                options.streams(),
                warmupTicks);
        BenchResult b = new Benchmark(clients, base).run();
        return new MarketResult(b, new Benchmark(clients, options).run());
    }
}
