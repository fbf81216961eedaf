package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.common.stack.LocalStack;
import com.marketreactions.common.stack.LocalStackOptions;
import java.time.Duration;

/** Gives a command its cluster: the external one the settings name, or a fresh embedded stack. */
final class Stacks implements AutoCloseable {

    private final LocalStack stack;
    private final ClientConfigs clients;

    private Stacks(LocalStack stack, ClientConfigs clients) {
        this.stack = stack;
        this.clients = clients;
    }

    static Stacks open(Settings s) {
        if (ClusterOptions.external(s)) {
            return new Stacks(null, ClusterOptions.reach(s));
        }
        LocalStack stack = StackLoader.start(LocalStackOptions.temporary(Duration.ofSeconds(90)));
        return new Stacks(stack, s.clients(stack.bootstrapServers(), stack.registryUrl()));
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
