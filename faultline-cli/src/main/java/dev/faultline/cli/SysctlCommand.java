package dev.faultline.cli;

import dev.faultline.Faultline;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code faultline sysctl <pid> [key[=value]]...}: read and set a running JVM's faultline.* keys, kernel sysctl style. */
@Command(name = "sysctl", mixinStandardHelpOptions = true,
        description = {"Read or set a running Faultline JVM's run-time keys, kernel sysctl style: no key lists them"
                + " all, KEY prints one, KEY=VALUE sets it and prints the change line (KEY may omit 'faultline.').",
                "Relaxing a safety setting (panic_on_warn off, a limit raised) taints the process R.",
                "Exit status: 0 ok, 2 usage error or a key/value refused (the others still apply), 4 no such pid or"
                        + " not a Faultline JVM, 5 attach refused."})
public final class SysctlCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<pid>", description = "The JVM's process id (see: faultline ps).")
    long pid;

    @Parameters(index = "1..*", paramLabel = "KEY[=VALUE]", description = "Keys to print or set, in order.")
    String[] keys = new String[0];

    @Option(names = "--boot", description = "Also list the keys read at start-up only, each with the reason.")
    boolean boot;

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        try (LiveJvm jvm = LiveJvm.connect(pid)) {
            int status = ExitCodes.OK;
            if (keys.length == 0) {
                for (String line : jvm.lines("Sysctl")) {
                    out.println(line);
                }
            }
            for (String arg : keys) {
                int eq = arg.indexOf('=');
                try {
                    if (eq < 0) {
                        String key = arg.strip().startsWith("faultline.") ? arg.strip() : "faultline." + arg.strip();
                        out.println(key + " = " + jvm.call("sysctl", arg));
                    } else {
                        out.println(jvm.call("setSysctl", arg.substring(0, eq), arg.substring(eq + 1)));
                    }
                } catch (IllegalArgumentException e) {
                    System.err.println("faultline: " + Faultline.escape(e.getMessage()));
                    status = ExitCodes.USAGE;
                }
            }
            if (boot) {
                out.println("start-up only (set with -Dfaultline.KEY=... or FAULTLINE_KEY and restart):");
                for (String line : jvm.lines("BootOnlyKeys")) {
                    out.println("  " + line);
                }
            }
            out.flush();
            return status;
        } catch (Unreachable e) {
            System.err.println("faultline: " + e.getMessage());
            return e.exitCode();
        }
    }
}
