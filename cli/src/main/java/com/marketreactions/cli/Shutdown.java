package com.marketreactions.cli;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM / Ctrl-C handling shared by the long-running commands: the hook runs the command's stop action
 * and then waits (bounded) for the main thread to finish its clean shutdown. The main thread must not call
 * {@code System.exit} once the JVM is shutting down: that would block forever. After a signal, the JVM exits
 * with the command's own exit code once it has finished (0 after a clean shutdown).
 */
final class Shutdown {

    private static final AtomicBoolean IN_PROGRESS = new AtomicBoolean();
    private static volatile boolean mainDone;
    private static volatile Integer exitCode;

    private Shutdown() {}

    /** Registers {@code stop} to run on SIGTERM / Ctrl-C; the hook then waits up to {@code grace} for main. */
    static void onSignal(Runnable stop, Duration grace) {
        Thread main = Thread.currentThread();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            IN_PROGRESS.set(true);
                            stop.run();
                            if (mainDone) {
                                return; // a normal exit: main is inside System.exit, waiting for this hook
                            }
                            try {
                                main.join(grace.toMillis());
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            Integer code = exitCode;
                            if (code != null) {
                                // a clean stop on request is a success: exit with the command's code, not 143 (killed
                                // by a signal)
                                Runtime.getRuntime().halt(code);
                            }
                        },
                        "reactions-shutdown"));
    }

    /** Main has finished its command after a signal, with this exit code. */
    static void mainFinished(int code) {
        exitCode = code;
    }

    /** Main has finished its command and is about to exit the JVM itself. */
    static void mainDone() {
        mainDone = true;
    }

    static boolean inProgress() {
        return IN_PROGRESS.get();
    }
}
