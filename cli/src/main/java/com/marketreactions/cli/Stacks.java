package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.stack.LocalStack;
import com.marketreactions.common.stack.LocalStackOptions;
import java.time.Duration;

/** Gives a command its cluster: the external one the settings name, or a fresh embedded stack. */
final class Stacks implements AutoCloseable {

    /** The progress step of the stack's start (about 6-8 s). */
    static final String STARTING = "starting the embedded Kafka broker and schema registry";

    private final LocalStack stack;
    private final ClientConfigs clients;

    private Stacks(LocalStack stack, ClientConfigs clients) {
        this.stack = stack;
        this.clients = clients;
    }

    static Stacks open(Settings s, Progress progress) {
        if (ClusterOptions.external(s)) {
            return new Stacks(null, ClusterOptions.reach(s));
        }
        progress.step(STARTING);
        LocalStack stack = StackLoader.start(LocalStackOptions.temporary(Duration.ofSeconds(90)));
        return new Stacks(stack, s.clients(stack.bootstrapServers(), stack.registryUrl()));
    }

    /** Whether the cluster is the settings' own (no embedded stack to stop). */
    boolean external() {
        return stack == null;
    }

    ClientConfigs clients() {
        return clients;
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.close();
        }
    }
}
