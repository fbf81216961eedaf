package com.marketreactions.common.stack;

/**
 * Starts a {@link LocalStack}. Implementations register with {@code META-INF/services} for
 * {@link java.util.ServiceLoader}; the CLI finds the embedded stack's in a class loader of its own.
 */
public interface LocalStackProvider {

    /**
     * Starts the brokers and the registry and returns when both answer.
     *
     * @throws LocalStackException for what the user can fix: a bad option, a port in use, no JDK 21+, no
     *         registry distribution, a start that does not finish in time
     */
    LocalStack start(LocalStackOptions options);
}
