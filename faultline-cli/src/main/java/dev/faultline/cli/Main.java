package dev.faultline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code faultline} command. */
@Command(name = "faultline", mixinStandardHelpOptions = true, version = "faultline 0.1.0",
        description = "Kernel-style runtime assertions and crash evidence for JVM services.",
        subcommands = {DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
