package com.marketreactions.stack;

import com.marketreactions.common.stack.LocalStack;
import com.marketreactions.common.stack.LocalStackOptions;
import com.marketreactions.common.stack.LocalStackProvider;

/**
 * The embedded stack behind the CLI's {@link LocalStackProvider}, found by {@link java.util.ServiceLoader}
 * in the stack's own class loader, so that the CLI's class path carries no broker.
 */
public final class EmbeddedStackProvider implements LocalStackProvider {

    @Override
    public LocalStack start(LocalStackOptions o) {
        return EmbeddedStack.start(new StackOptions(
                o.kafkaPort(),
                o.registryPort(),
                o.dataDir(),
                o.keepData(),
                o.registryStartTimeout(),
                o.brokers(),
                o.secure()));
    }
}
