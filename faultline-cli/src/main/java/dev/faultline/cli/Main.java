package dev.faultline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code faultline} command. */
@Command(name = "faultline", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Kernel-style runtime assertions and crash evidence for JVM services.",
        footer = {"", "Exit status: 0 ok, 1 corrupt data found, 2 usage error, 3 nothing to read or unreadable input,"
                + " 4 no such process or not a Faultline JVM, 5 refused, 6 timed out."},
        subcommands = {DemoCommand.class, RingCommand.class, RecoverCommand.class, RunsCommand.class, PsCommand.class,
                StatusCommand.class, SysctlCommand.class, DebugCommand.class, AgentCommand.class, TriageCommand.class,
                HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
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
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
