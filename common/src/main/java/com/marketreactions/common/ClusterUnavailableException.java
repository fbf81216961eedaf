package com.marketreactions.common;

/**
 * The broker or the registry could not be reached or refused a setup step: a matter of configuration or of
 * the environment, reported to the user in one line, not a bug with a stack trace.
 */
public final class ClusterUnavailableException extends RuntimeException {

    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
