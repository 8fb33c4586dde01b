package dev.faultline.cli;

import dev.faultline.Faultline;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code faultline help [COMMAND [SUBCOMMAND...]]}: usage of the command named by the whole path,
 * so {@code help ring show} describes {@code ring show}. (picocli's own help command reads only
 * the first word, and would describe {@code ring}.) An unknown name is a usage error.
 */
@Command(name = "help", helpCommand = true, description = "Print the usage of a command: help ring show.")
public final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean helpRequested;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and its subcommands, to describe.")
    String[] commands = new String[0];

    private CommandLine self;
    private CommandLine.Help.ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter outWriter,
                     PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = outWriter;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        for (String name : commands) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                throw new CommandLine.ParameterException(self, "Unknown command '" + Faultline.escape(name) + "' in '"
                        + Faultline.escape(String.join(" ", commands)) + "'", null, name);
            }
            target = sub;
        }
        target.usage(out, colors);
        out.flush();
    }
}
