package com.marketreactions.cli;

import com.marketreactions.common.ClusterUnavailableException;
import com.marketreactions.common.Problems;
import com.marketreactions.common.SchemaRegistryException;
import com.marketreactions.producers.files.PublishException;
import java.io.PrintWriter;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one launcher behind {@code ./reactions}: parses the subcommand and maps errors to one line and an exit code. */
@Command(
        name = "reactions",
        mixinStandardHelpOptions = true,
        version = "market-reactions 0.1.0",
        usageHelpAutoWidth = true,
        header = "Event-streaming market-reaction analyzer on Kafka Streams.",
        description = {
            "Joins news events and stock ticks in event time and emits, for every news, ticker and horizon, a"
                    + " reaction: the move from the last price before the news to the price at the horizon, with the"
                    + " event-study numbers.",
            "Every command takes --help. Bad arguments, missing files and bad input lines give one line and exit"
                    + " code 2."
        },
        footerHeading = "%nExample (the main job, on the sample):%n",
        footer = "  ./reactions demo",
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

    /** Commands that print their own one line for a connection that fails (authentication, TLS) and then exit. */
    private static final Set<String> ONE_SHOT = Set.of("setup", "produce", "tail", "study");

    public static void main(String[] args) {
        if (args.length > 0 && ONE_SHOT.contains(args[0])) {
            // Kafka's client logs such a failure as an ERROR before the command's own line says it again; read
            // when the client's logger is made, after this
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "off");
        }
        LogOptions.apply(args);
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
            err.println("error: " + e.getMessage() + nearest(e) + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return USER_ERROR;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof UserError
                    || e instanceof ClusterUnavailableException
                    || e instanceof SchemaRegistryException) { // the registry's answer (a refused credential)
                c.getErr().println("error: " + e.getMessage());
                return USER_ERROR;
            }
            if (!Problems.securityHint(e).isEmpty()) {
                // a consumer or producer refused by the cluster (tail, study): the settings to check, not a trace
                c.getErr().println("error: " + Problems.describe(e) + Problems.securityHint(e));
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

    /** Picocli's nearest options or commands to an unknown one ({@code --reprot}: {@code --report}), or empty. */
    private static String nearest(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u)
                || u.getSuggestions().isEmpty()) {
            return "";
        }
        return "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
