package dev.faultline.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import javax.management.openmbean.CompositeData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code faultline status <pid>}: one running JVM's policy, taint, counts, busiest sites and debug domains. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show a running Faultline JVM's state: app, run, ring, taint, warn/oops counts, the run-time"
                + " settings, the sites that fired most (fired/reported/suppressed) and the debug domains.",
                "Exit status: 0 ok, 2 usage error, 4 no such pid or not a Faultline JVM, 5 attach refused."})
public final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<pid>", description = "The JVM's process id (see: faultline ps).")
    long pid;

    @Option(names = "--top", defaultValue = "10", description = "How many sites to list, busiest first (default: ${DEFAULT-VALUE}).")
    int top;

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        try (LiveJvm jvm = LiveJvm.connect(pid)) {
            out.println("pid " + pid + "  app " + jvm.text("App") + "  run " + jvm.text("RunId"));
            String ring = jvm.text("RingPath");
            out.println("ring: " + (ring.isEmpty() ? "(none: off or in memory)" : ring));
            out.println(jvm.text("Taint"));
            out.println("warnings " + jvm.text("WarnCount") + ", oopses " + jvm.text("OopsCount"));
            out.println();
            out.println("settings (change with: faultline sysctl " + pid + " KEY=VALUE):");
            for (String line : jvm.lines("Sysctl")) {
                out.println("  " + line);
            }
            out.println();
            printSites((CompositeData[]) jvm.get("Sites"));
            out.println();
            out.println("debug domains (change with: faultline debug " + pid + " SPEC):");
            for (String line : jvm.lines("DebugDomains")) {
                out.println("  " + line);
            }
            out.flush();
            return ExitCodes.OK;
        } catch (Unreachable e) {
            System.err.println("faultline: " + e.getMessage());
            return e.exitCode();
        }
    }

    private void printSites(CompositeData[] sites) {
        List<CompositeData> fired = new ArrayList<>();
        for (CompositeData s : sites) {
            if ((Long) s.get("fired") > 0) {
                fired.add(s);
            }
        }
        fired.sort(Comparator.comparingLong((CompositeData s) -> (Long) s.get("fired")).reversed());
        int shown = Math.min(Math.max(top, 0), fired.size());
        out.println("sites: " + sites.length + " declared, " + fired.size() + " fired"
                + (shown < fired.size() ? "; the " + shown + " busiest:" : shown == 0 ? "" : ":"));
        if (shown == 0) {
            return;
        }
        out.println(String.format("  %12s %10s %12s  %s", "FIRED", "REPORTED", "SUPPRESSED", "SITE (LAST FIRED)"));
        for (CompositeData s : fired.subList(0, shown)) {
            out.println(String.format("  %12d %10d %12d  %s (%s)", (Long) s.get("fired"), (Long) s.get("reported"),
                    (Long) s.get("suppressed"), s.get("site"), s.get("lastFired")));
        }
    }
}
