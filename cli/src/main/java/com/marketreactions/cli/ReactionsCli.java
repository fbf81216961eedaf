package com.marketreactions.cli;

import com.marketreactions.common.ClusterUnavailableException;
import com.marketreactions.producers.files.PublishException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one launcher behind {@code ./reactions}: parses the subcommand and maps errors to one line and an exit code. */
@Command(
        name = "reactions",
        mixinStandardHelpOptions = true,
        version = "market-reactions 0.1.0",
        description = "Event-streaming market-reaction analyzer on Kafka Streams.",
        subcommands = {
            DemoCommand.class,
            ReplayCommand.class,
            ServeCommand.class,
            ProduceCommand.class,
            BenchCommand.class,
            SimulateCommand.class,
            SetupCommand.class,
            StackCommand.class,
            TailCommand.class,
            StudyCommand.class
        })
public final class ReactionsCli implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ReactionsCli.class);

    /** Exit code of an error the user can fix. */
    static final int USER_ERROR = 2;

    public static void main(String[] args) {
        int code = run(args);
        if (Shutdown.inProgress()) {
            LOG.debug("stopped by a signal");
            Shutdown.mainFinished(code); // the hook ends the JVM with this code
            return; // the JVM is already exiting; System.exit now would block forever
        }
        Shutdown.mainDone();
        System.exit(code); // the exit code is the contract of a CLI; reasons were printed above
    }

    /** Runs a command line and returns its exit code; never exits the JVM (tests call this). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new ReactionsCli());
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("error: " + e.getMessage() + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return USER_ERROR;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof UserError || e instanceof ClusterUnavailableException) {
                c.getErr().println("error: " + e.getMessage());
                return USER_ERROR;
            }
            if (e instanceof PublishException) {
                // the broker refused or could not take a record: one line naming the file, the line and where to resume
                c.getErr().println("error: " + e.getMessage());
                return 1;
            }
            LOG.error("{} failed: {}", c.getCommandSpec().qualifiedName(), e.toString(), e);
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
