package com.marketreactions.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Free ports come from below the kernel's range for outgoing connections, each once, and can be bound. */
class PortsTest {

    @Test
    void freePortsLieBelowTheOutgoingRangeAndAreHandedOutOnce() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int below = Files.exists(range)
                ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0])
                : 32_768;
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = Ports.free();
            assertTrue(port < below, port + " is in the kernel's range for outgoing connections (from " + below + ")");
            seen.add(port);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(Ports.HOST))) {
                assertEquals(port, s.getLocalPort());
            }
        }
        assertEquals(50, seen.size(), "no port twice");
    }
}
