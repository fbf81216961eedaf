package com.marketreactions.cli;

import com.marketreactions.common.ClientConfigs;
import com.marketreactions.stack.EmbeddedStack;
import com.marketreactions.stack.StackException;
import com.marketreactions.stack.StackOptions;
import java.time.Duration;

/** Gives a command its cluster: the external one the settings name, or a fresh embedded stack. */
final class Stacks implements AutoCloseable {

    private final EmbeddedStack stack;
    private final ClientConfigs clients;

    private Stacks(EmbeddedStack stack, ClientConfigs clients) {
        this.stack = stack;
        this.clients = clients;
    }

    static Stacks open(Settings s) {
        if (ClusterOptions.external(s)) {
            return new Stacks(null, s.clients(s.get(Settings.BOOTSTRAP), s.get(Settings.REGISTRY)));
        }
        EmbeddedStack stack = startEmbedded(() -> new StackOptions(0, 0, null, false, Duration.ofSeconds(90)));
        return new Stacks(stack, s.clients(stack.bootstrapServers(), stack.registryUrl()));
    }

    /** Starts the stack; a bad option or a start that fails for a reason the user can fix is a {@link UserError}. */
    static EmbeddedStack startEmbedded(java.util.function.Supplier<StackOptions> options) {
        try {
            return EmbeddedStack.start(options.get());
        } catch (StackException e) {
            throw new UserError(e.getMessage());
        }
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
