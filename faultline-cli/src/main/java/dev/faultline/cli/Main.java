package dev.faultline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code faultline} command. */
@Command(name = "faultline", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Kernel-style runtime assertions and crash evidence for JVM services.",
        footer = {"", "Exit status: 0 ok, 1 corrupt data found, 2 usage error, 3 nothing to read or unreadable input,"
                + " 4 no such process or not a Faultline JVM, 5 refused, 6 timed out, 70 its own JVM panicked"
                + " (faultline.panic_exit_code; demo under FAULTLINE_PANIC_ON_WARN=1)."},
        subcommands = {DemoCommand.class, RingCommand.class, RecoverCommand.class, RunsCommand.class, PsCommand.class,
                StatusCommand.class, SysctlCommand.class, DebugCommand.class, AgentCommand.class, TriageCommand.class,
                HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No command given: the usage, on stderr, and the usage error's status (2). */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return ExitCodes.USAGE;
    }

    /**
     * The command line with its handling of bad arguments: the error, then a "did you mean" only
     * when a command is a typo away ({@code faultline stauts}: {@code status}; {@code faultline
     * bogus}: none), then where to look; exit status 2.
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            java.io.PrintWriter err = c.getErr();
            err.println(ex.getMessage());
            if (ex instanceof CommandLine.UnmatchedArgumentException
                    && !((CommandLine.UnmatchedArgumentException) ex).getUnmatched().isEmpty()) {
                String token = ((CommandLine.UnmatchedArgumentException) ex).getUnmatched().get(0);
                String near = Suggest.nearest(token, c.getSubcommands().keySet());
                if (near != null) {
                    err.println("Did you mean: " + c.getCommandSpec().qualifiedName() + " " + near + "?");
                }
            }
            err.println("'" + c.getCommandSpec().qualifiedName() + " --help' lists the commands and options.");
            err.flush();
            return ExitCodes.USAGE;
        });
        return cl;
    }

    /**
     * The demo is an application like any other: its reports go into a crash ring, in a crash
     * directory of its own that it keeps, so that {@code ring show} has the full stacks after.
     * Set here, before the first use of Faultline boots the runtime.
     */
    private static void demoRing() {
        try {
            if (System.getProperty("faultline.dir") == null && System.getenv("FAULTLINE_DIR") == null) {
                System.setProperty("faultline.dir", java.nio.file.Files.createTempDirectory("faultline-demo-").toString());
            }
            if (System.getProperty("faultline.app") == null && System.getenv("FAULTLINE_APP") == null) {
                System.setProperty("faultline.app", "faultline-demo");
            }
        } catch (java.io.IOException e) {
            System.err.println("faultline: no crash directory for the demo (" + e.getMessage() + "); its ring stays in memory");
        }
    }

    public static void main(String[] args) {
        // A command-line tool is not a service: it keeps no crash ring of its own, does not
        // recover (move) the rings it was asked to read and opens no control socket, unless the
        // operator says otherwise.
        if (args.length > 0 && args[0].equals("demo")) {
            demoRing();
        } else {
            for (String key : new String[] {"ring", "control"}) {
                if (System.getProperty("faultline." + key) == null
                        && System.getenv("FAULTLINE_" + key.toUpperCase(java.util.Locale.ROOT)) == null) {
                    System.setProperty("faultline." + key, "0");
                }
            }
        }
        System.exit(commandLine().execute(args));
    }
}
