package com.marketreactions.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A taken port fails fast with one line naming it, before anything is started. */
class PortConflictTest {

    @TempDir
    Path tmp;

    @Test
    void takenKafkaPortIsNamedInTheError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Path dataDir = tmp.resolve("stack");

            StackException e = assertThrows(
                    StackException.class,
                    () -> EmbeddedStack.start(new StackOptions(port, 0, dataDir, false, Duration.ofSeconds(60))));

            assertEquals("Kafka port " + port + " on 127.0.0.1 is already in use", e.getMessage());
            assertFalse(Files.exists(dataDir), "a data dir the stack created is removed after a failed start");
        }
    }

    @Test
    void takenRegistryPortIsNamedInTheError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            StackException e = assertThrows(
                    StackException.class,
                    () -> EmbeddedStack.start(new StackOptions(0, port, tmp.resolve("stack"), false, null)));

            assertEquals("Registry port " + port + " on 127.0.0.1 is already in use", e.getMessage());
        }
    }
}
