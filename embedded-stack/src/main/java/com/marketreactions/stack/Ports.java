package com.marketreactions.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port checks: fail with a clear message before a server fails with a buried one. */
final class Ports {

    static final String HOST = "127.0.0.1";

    private Ports() {}

    /** A port nobody listens on right now (the kernel's choice). */
    static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
        }
    }

    /** The port itself if it can be bound now, else a {@link StackException} naming it. */
    static int requireFree(int port, String what) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // like the servers do: a recently closed port in TIME_WAIT is fine
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return port;
        } catch (IOException e) {
            String why = String.valueOf(e.getMessage()).contains("in use")
                    ? "is already in use"
                    : "cannot be bound (" + e.getMessage() + ")";
            throw new StackException(what + " port " + port + " on " + HOST + " " + why);
        }
    }
}
