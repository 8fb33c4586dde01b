package dev.faultline.cli;

import dev.faultline.Faultline;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code faultline sysctl <pid> [key[=value]]...}: read and set a running JVM's faultline.* keys, kernel sysctl style. */
@Command(name = "sysctl", mixinStandardHelpOptions = true,
        description = {"Read or set a running Faultline JVM's run-time keys, kernel sysctl style: no key lists them"
                + " all, KEY prints one, KEY=VALUE sets it and prints the change line (KEY may omit 'faultline.').",
                "faultline.debug reads back the debug spec as set, so setting it to what it printed changes nothing.",
                "Relaxing a safety setting (panic_on_warn off, a limit raised) taints the process R.",
                "Exit status: 0 ok, 2 usage error or a key/value refused (the others still apply), 4 no such pid or"
                        + " not a Faultline JVM, 5 refused, 6 no answer in time."})
public final class SysctlCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<pid>", description = "The JVM's process id (see: faultline ps).")
    long pid;

    @Parameters(index = "1..*", paramLabel = "KEY[=VALUE]", description = "Keys to print or set, in order.")
    String[] keys = new String[0];

    @Option(names = "--boot", description = "Also list the keys read at start-up only, each with the reason.")
    boolean boot;

    @Mixin
    Timeout timeout;

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        try {
            LiveJvm jvm = LiveJvm.connect(pid, timeout.get());
            jvm.sayWhoseIfNotMine();
            int status = ExitCodes.OK;
            if (keys.length == 0) {
                for (String line : jvm.lines("Sysctl")) {
                    out.println(StatusCommand.show(line));
                }
            }
            for (String arg : keys) {
                int eq = arg.indexOf('=');
                try {
                    if (eq < 0) {
                        String key = arg.strip().startsWith("faultline.") ? arg.strip() : "faultline." + arg.strip();
                        out.println(Faultline.escape(key) + " = " + StatusCommand.show(first(jvm.call("sysctl", arg))));
                    } else {
                        out.println(StatusCommand.show(first(jvm.call("setSysctl", arg.substring(0, eq),
                                arg.substring(eq + 1)))));
                    }
                } catch (IllegalArgumentException e) {
                    System.err.println("faultline: " + Faultline.escape(e.getMessage()));
                    status = ExitCodes.USAGE;
                }
            }
            if (boot) {
                out.println("start-up only (set with -Dfaultline.KEY=... or FAULTLINE_KEY and restart):");
                for (String line : jvm.lines("BootOnlyKeys")) {
                    out.println("  " + StatusCommand.show(line));
                }
            }
            out.flush();
            return status;
        } catch (Unreachable e) {
            out.flush();
            System.err.println("faultline: " + e.getMessage());
            return e.exitCode();
        }
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? "" : values.get(0);
    }
}
