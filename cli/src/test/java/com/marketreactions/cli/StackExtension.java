package com.marketreactions.cli;

import com.marketreactions.stack.EmbeddedStack;
import com.marketreactions.stack.StackOptions;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The embedded stack (a real broker and the registry) a test class runs against, handed to its {@code @BeforeAll}
 * method as a parameter. By default that is the one stack this test JVM shares: started by the first class that
 * asks for it and closed when the whole run ends (JUnit closes the {@link AutoCloseable} values of the root store),
 * which spares every further class a broker and registry start. Sharing is safe for classes whose tests use topics
 * and application ids of their own and leave the broker alone; a class that stops, kills or restarts a broker, or
 * needs several, is marked {@link OwnStack} and gets a stack of its own, closed after its last test.
 */
final class StackExtension implements ParameterResolver {

    /** A stack for this class alone (it stops, kills or restarts brokers), with this many brokers. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface OwnStack {
        /** One runs in the test's JVM; more run each in a process of its own, so that one can be killed. */
        int brokers() default 1;
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedStack.class;
    }

    @Override
    public EmbeddedStack resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> test = context.getRequiredTestClass();
        OwnStack own = test.getAnnotation(OwnStack.class);
        if (own == null) {
            return context.getRoot()
                    .getStore(NAMESPACE)
                    .getOrComputeIfAbsent("shared", k -> start("the test JVM's shared", test, 1), EmbeddedStack.class);
        }
        // the store of the class (the context of its @BeforeAll): closed once the class is done
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent("own", k -> start("its own", test, own.brokers()), EmbeddedStack.class);
    }

    private static EmbeddedStack start(String which, Class<?> test, int brokers) {
        long t0 = System.nanoTime();
        EmbeddedStack stack = EmbeddedStack.start(new StackOptions(0, 0, null, false, Duration.ofSeconds(90), brokers));
        System.out.printf(
                "[stack] %s stack started for %s: %d broker(s), up in %d ms%n",
                which, test.getSimpleName(), brokers, (System.nanoTime() - t0) / 1_000_000);
        return stack;
    }
}
