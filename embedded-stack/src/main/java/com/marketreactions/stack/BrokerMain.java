package com.marketreactions.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JVM of one {@link BrokerProcess}: starts its node, says so by writing its ready file, and serves until
 * its standard input ends (the parent closed the pipe, or died), then stops the node cleanly. A SIGKILL
 * from the parent stops it the hard way, which is the point of a broker in a process of its own.
 */
public final class BrokerMain {

    private BrokerMain() {}

    public static void main(String[] args) throws IOException {
        BrokerSpec spec = BrokerSpec.fromArgs(args);
        EmbeddedKafka kafka;
        try {
            kafka = new EmbeddedKafka(spec);
            kafka.start();
        } catch (StackException e) {
            System.err.println("error: " + e.getMessage()); // the reason, in the log the parent reads
            System.exit(2);
            return;
        }
        Path ready = BrokerProcess.readyFile(spec);
        Files.writeString(ready, Long.toString(ProcessHandle.current().pid()));
        while (System.in.read() != -1) {
            // nothing is sent: the pipe only ends
        }
        System.err.println("standard input closed by the parent: stopping broker " + spec.nodeId());
        kafka.stop();
        Files.deleteIfExists(ready);
        System.exit(0); // ends the JVM even if a thread of the stopped broker outlives stop()
    }
}
