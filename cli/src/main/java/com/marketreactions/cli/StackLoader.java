package com.marketreactions.cli;

import com.marketreactions.common.stack.LocalStack;
import com.marketreactions.common.stack.LocalStackException;
import com.marketreactions.common.stack.LocalStackOptions;
import com.marketreactions.common.stack.LocalStackProvider;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The embedded stack (broker and registry), loaded only by the commands that run it. Its jar,
 * {@code embedded-stack/target/embedded-stack.jar} under {@code reactions.home}, names the broker's jars in
 * {@code stack-lib/} next to it; a class loader of its own reads them, its parent the application's, so the
 * application's class path (what {@code serve} and a container run on) carries no broker, Scala or the
 * broker's old commons jars.
 */
final class StackLoader {

    static final String JAR = "embedded-stack/target/embedded-stack.jar";
    private static final String REBUILD = "run ./mvnw install -DskipTests";

    private static LocalStackProvider provider;

    private StackLoader() {}

    /**
     * Starts a stack. The context class loader is the stack's while it starts (Kafka's broker loads some classes
     * by name through it, and the threads it starts inherit it). A bad option or a start that fails for a reason
     * the user can fix is a {@link UserError}.
     */
    static LocalStack start(LocalStackOptions options) {
        LocalStackProvider p = provider();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(p.getClass().getClassLoader());
        try {
            return p.start(options);
        } catch (LocalStackException e) {
            throw new UserError(e.getMessage());
        } catch (NoClassDefFoundError e) {
            throw new UserError("the embedded stack is incomplete (no class " + e.getMessage() + " in "
                    + stackJar().resolveSibling("stack-lib") + "): " + REBUILD);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static synchronized LocalStackProvider provider() {
        if (provider == null) {
            provider = load(stackJar());
        }
        return provider;
    }

    /** The provider on the application's class path (the tests'), else the one in the stack's jar. */
    static LocalStackProvider load(Path jar) {
        ClassLoader app = StackLoader.class.getClassLoader();
        Optional<LocalStackProvider> here = first(ServiceLoader.load(LocalStackProvider.class, app), jar);
        if (here.isPresent()) {
            return here.get();
        }
        if (!Files.isRegularFile(jar)) {
            throw new UserError("the embedded stack is not built (no " + jar + "): " + REBUILD);
        }
        URLClassLoader loader = new URLClassLoader("embedded-stack", new URL[] {url(jar)}, app);
        return first(ServiceLoader.load(LocalStackProvider.class, loader), jar)
                .orElseThrow(() -> new UserError(jar + " holds no embedded stack: " + REBUILD));
    }

    /** The stack's jar under {@code reactions.home} (which ./reactions sets), else under the working dir. */
    static Path stackJar() {
        String home = System.getProperty("reactions.home");
        return (home != null ? Path.of(home) : Path.of("")).toAbsolutePath().resolve(JAR);
    }

    private static Optional<LocalStackProvider> first(ServiceLoader<LocalStackProvider> loader, Path jar) {
        try {
            return loader.findFirst();
        } catch (ServiceConfigurationError e) {
            throw new UserError(
                    "the embedded stack in " + jar + " cannot be loaded (" + e.getMessage() + "): " + REBUILD);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
