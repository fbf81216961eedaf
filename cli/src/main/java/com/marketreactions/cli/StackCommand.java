package com.marketreactions.cli;

import com.marketreactions.common.stack.LocalStack;
import com.marketreactions.common.stack.LocalStackOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the embedded stack for other commands and tools to use. */
@Command(
        name = "stack",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        header = "Runs the embedded brokers and registry until Ctrl-C.",
        description = {
            "Starts the embedded Kafka broker (or a cluster of them) and schema registry on 127.0.0.1, prints the"
                    + " flags that point other commands at them, and runs until Ctrl-C."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./reactions stack --kafka-port 9092 \\",
            "      --registry-port 8081",
            "  ./reactions stack --secure"
        })
final class StackCommand implements Callable<Integer> {

    @Option(
            names = "--kafka-port",
            defaultValue = "0",
            paramLabel = "PORT",
            description =
                    "Broker port, the first broker's with --brokers (the others take the next ones; default: free ones)")
    int kafkaPort;

    @Option(
            names = "--brokers",
            defaultValue = "1",
            paramLabel = "N",
            description = "Brokers in the cluster (default: ${DEFAULT-VALUE}). One runs in this process; more run"
                    + " each in a process of its own, the first three also KRaft controllers, topics with three"
                    + " replicas and two in sync from three brokers on")
    int brokers;

    @Option(
            names = "--registry-port",
            defaultValue = "0",
            paramLabel = "PORT",
            description = "Registry port (default: a free one)")
    int registryPort;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep data here (default: a temporary dir)")
    Path dataDir;

    @Option(names = "--keep-data", description = "Do not delete the data directory on exit")
    boolean keepData;

    @Option(
            names = "--secure",
            description = "SASL_SSL (PLAIN over TLS) on the broker and HTTPS with basic authentication on the registry,"
                    + " with a CA and certificates made at start; writes client.properties (pass it to every other"
                    + " command as --client-config FILE) and ca.pem for clients that are not Java. One broker only")
    boolean secure;

    @Option(
            names = "--exit-with-parent",
            paramLabel = "PID",
            hidden = true,
            description = "Stop when this process ends (used by the benchmark, which runs the stack as a child)")
    Long parentPid;

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        LocalStack stack = StackLoader.start(new LocalStackOptions(
                kafkaPort,
                registryPort,
                dataDir,
                keepData || dataDir != null,
                Duration.ofSeconds(90),
                brokers,
                secure));
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                stack.close();
            }
        };
        Shutdown.onSignal(
                () -> {
                    close.run();
                    stop.countDown();
                },
                Duration.ofSeconds(30));
        if (stack.clientConfig().isPresent()) {
            Path file = stack.clientConfig().get();
            System.out.println("--client-config " + file);
            System.out.println("CA certificate for other clients: " + file.resolveSibling("ca.pem"));
        } else {
            System.out.println(
                    "--bootstrap-servers " + stack.bootstrapServers() + " --registry-url " + stack.registryUrl());
            // or, pasted into another terminal, the same for every command there (settings from the environment)
            System.out.println("export REACTIONS_BOOTSTRAP_SERVERS=" + stack.bootstrapServers()
                    + " REACTIONS_REGISTRY_URL=" + stack.registryUrl());
        }
        System.out.println("Confluent-compatible registry API: " + stack.registryUrl() + "/apis/ccompat/v7");
        stack.brokerNodes().forEach(System.out::println);
        System.out.println("Data in " + stack.dataDir() + ". Ctrl-C to stop.");
        System.out.flush();
        if (parentPid != null) {
            ProcessHandle.of(parentPid)
                    .ifPresentOrElse(parent -> parent.onExit().thenRun(stop::countDown), stop::countDown);
        }
        stop.await();
        close.run();
        return 0;
    }
}
