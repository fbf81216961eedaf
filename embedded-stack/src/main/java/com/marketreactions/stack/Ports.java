package com.marketreactions.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback port checks: fail with a clear message before a server fails with a buried one. */
final class Ports {

    static final String HOST = "127.0.0.1";

    private Ports() {}

    /** Where ports are picked from: below the kernel's range for outgoing connections (32768-60999 by default). */
    private static final int LOWEST = 10_000;

    private static final Path EPHEMERAL = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Ports this process handed out: two servers started together never get the same one. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port nobody listens on right now, outside the range the kernel takes ports for outgoing connections from: a
     * port the kernel picks from that range (port 0) may be taken by any client's connection in the seconds before a
     * broker process binds it, which stopped a broker now and then ("waiting for all of the SocketServer Acceptors").
     */
    static int free() {
        int below = ephemeralLow();
        if (below - LOWEST < 1_000) {
            return kernelChoice(); // an unusual range: nothing to pick from below it
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (HANDED_OUT.add(port)) {
                if (bindable(port)) {
                    return port;
                }
            }
        }
        return kernelChoice();
    }

    /** The first port of the kernel's range for outgoing connections, or 32768 where it cannot be read. */
    private static int ephemeralLow() {
        try {
            return Integer.parseInt(firstLine(EPHEMERAL).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    /** Line by line: a /proc file reports a size of 0, and a read sized by it stops short. */
    private static String firstLine(Path file) throws IOException {
        try (var in = Files.newBufferedReader(file)) {
            return String.valueOf(in.readLine());
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int kernelChoice() {
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
