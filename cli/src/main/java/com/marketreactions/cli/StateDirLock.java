package com.marketreactions.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether another running instance holds an application's state directory: the lock Kafka Streams takes on
 * {@code state.dir/application.id/.lock} for as long as its client lives, tried and let go at once. A second
 * instance on the same directory would otherwise fail inside Kafka Streams' constructor with a stack trace.
 */
final class StateDirLock {

    /** The file Kafka Streams locks in an application's state directory ({@code StateDirectory.LOCK_FILE_NAME}). */
    static final String LOCK_FILE = ".lock";

    private StateDirLock() {}

    /** The directory Kafka Streams keeps {@code appId}'s state in under {@code stateDir}. */
    static Path appDir(Path stateDir, String appId) {
        return stateDir.resolve(appId);
    }

    /**
     * Fails with one line when another instance holds the state directory of {@code appId} under {@code stateDir};
     * a directory or lock file that does not exist yet is free.
     */
    static void requireFree(Path stateDir, String appId) {
        Path dir = appDir(stateDir, appId);
        if (taken(dir)) {
            throw new UserError(inUse(dir, appId));
        }
    }

    /** Whether another process, or another client in this JVM, holds the lock of {@code appDir}. */
    static boolean taken(Path appDir) {
        Path lock = appDir.resolve(LOCK_FILE);
        if (!Files.isRegularFile(lock)) {
            return false; // no instance has run there yet: nothing holds it
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return true;
            }
            held.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // a client in this JVM holds it
        } catch (IOException e) {
            // not writable or gone: Kafka Streams will say so itself, with the reason
            return false;
        }
    }

    /** The one line for a taken directory: which, and the two ways out. */
    static String inUse(Path appDir, String appId) {
        return "the state directory " + appDir.toAbsolutePath() + " is in use by another running instance of "
                + "application " + appId + ": stop that instance, or give this one a directory of its own "
                + "(--state-dir DIR, or the setting state.dir)";
    }
}
