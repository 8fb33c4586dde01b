package dev.faultline.cli;

import dev.faultline.Faultline;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code faultline debug <pid> <spec>}: apply a faultline.debug spec to a running JVM. */
@Command(name = "debug", mixinStandardHelpOptions = true,
        description = {"Apply a debug spec (the faultline.debug grammar: DOMAIN=MODE entries, MODE one of off, warn,"
                + " once, panic, inherit; * is the default) to a running Faultline JVM, at once, and print each domain"
                + " whose mode changed. Taking a domain out of panic taints the process R.",
                "Exit status: 0 ok, 2 usage error or a malformed entry (the others still apply), 4 no such pid or not a"
                        + " Faultline JVM, 5 refused, 6 no answer in time."})
public final class DebugCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<pid>", description = "The JVM's process id (see: faultline ps).")
    long pid;

    @Parameters(index = "1", paramLabel = "<spec>", description = "For example mm=panic,net.tcp=warn,*=off.")
    String spec;

    @Mixin
    Timeout timeout;

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        try {
            LiveJvm jvm = LiveJvm.connect(pid, timeout.get());
            jvm.sayWhoseIfNotMine();
            Set<String> before = new HashSet<>(jvm.lines("DebugDomains"));
            List<String> problems = jvm.call("applyDebugSpec", spec);
            for (String line : jvm.lines("DebugDomains")) {
                if (!before.contains(line)) {
                    out.println(StatusCommand.show(line));
                }
            }
            for (String p : problems) {
                System.err.println("faultline: " + Faultline.escape(p));
            }
            out.flush();
            return problems.isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
        } catch (Unreachable e) {
            out.flush();
            System.err.println("faultline: " + e.getMessage());
            return e.exitCode();
        }
    }
}
