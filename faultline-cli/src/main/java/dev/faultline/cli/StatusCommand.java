package dev.faultline.cli;

import dev.faultline.Faultline;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code faultline status <pid>}: one running JVM's policy, taint, counts, busiest sites and debug domains. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show a running Faultline JVM's state: its user, app, run, ring, taint, warn/oops counts, the"
                + " run-time settings, the sites that fired most (fired/reported/suppressed) and the debug domains.",
                "Exit status: 0 ok, 2 usage error, 4 no such pid or not a Faultline JVM, 5 refused, 6 no answer in"
                        + " time."})
public final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<pid>", description = "The JVM's process id (see: faultline ps).")
    long pid;

    @Option(names = "--top", defaultValue = "10", description = "How many sites to list, busiest first (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    Timeout timeout;

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        try {
            LiveJvm jvm = LiveJvm.connect(pid, timeout.get());
            out.println("pid " + pid + "  user " + Faultline.escape(jvm.user()) + "  app " + show(jvm.text("App"))
                    + "  run " + show(jvm.text("RunId")));
            String ring = jvm.text("RingPath");
            out.println("ring: " + (ring.isEmpty() ? "(none: off or in memory)" : show(ring)));
            out.println(show(jvm.text("Taint")));
            out.println("warnings " + show(jvm.text("WarnCount")) + ", oopses " + show(jvm.text("OopsCount")));
            out.println();
            out.println("settings (change with: faultline sysctl " + pid + " KEY=VALUE):");
            for (String line : jvm.lines("Sysctl")) {
                out.println("  " + show(line));
            }
            out.println();
            printSites(jvm.lines("Sites"));
            out.println();
            out.println("debug domains (change with: faultline debug " + pid + " SPEC):");
            for (String line : jvm.lines("DebugDomains")) {
                out.println("  " + show(line));
            }
            out.flush();
            return ExitCodes.OK;
        } catch (Unreachable e) {
            out.flush();
            System.err.println("faultline: " + e.getMessage());
            return e.exitCode();
        }
    }

    /** What a JVM answered, with control characters escaped: it may be another user's, and say anything. */
    static String show(String answered) {
        return Faultline.escape(answered);
    }

    /** One site's counters, from a {@code Sites} line: fired, reported, suppressed, last firing, name. */
    private static final class Row {
        final long fired;
        final long reported;
        final long suppressed;
        final String last;
        final String site;

        Row(String line) {
            String[] f = line.split("\t", 5);
            fired = number(f, 0);
            reported = number(f, 1);
            suppressed = number(f, 2);
            last = f.length > 3 ? f[3] : "";
            site = f.length > 4 ? f[4] : "?";
        }

        private static long number(String[] f, int i) {
            try {
                return Long.parseLong(f[i]);
            } catch (RuntimeException e) {
                return 0;
            }
        }
    }

    /** Faultline's own overflow sites ({@code <overflow: too many distinct call sites>}): declared by no one. */
    private static boolean isOverflow(Row r) {
        return r.site.startsWith("<overflow");
    }

    private void printSites(List<String> lines) {
        List<Row> fired = new ArrayList<>();
        int declared = 0;
        for (String line : lines) {
            Row r = new Row(line);
            if (r.fired > 0) {
                fired.add(r);
            }
            if (!isOverflow(r)) {
                declared++;
            }
        }
        fired.sort(Comparator.comparingLong((Row r) -> r.fired).reversed());
        int shown = Math.min(Math.max(top, 0), fired.size());
        out.println("sites: " + declared + " declared, " + fired.size() + " fired"
                + (shown < fired.size() ? "; the " + shown + " busiest:" : shown == 0 ? "" : ":"));
        if (shown == 0) {
            return;
        }
        out.println(String.format("  %12s %10s %12s  %s", "FIRED", "REPORTED", "SUPPRESSED", "SITE (LAST FIRED)"));
        for (Row r : fired.subList(0, shown)) {
            out.println(String.format("  %12d %10d %12d  %s (%s)", r.fired, r.reported, r.suppressed, show(r.site),
                    show(r.last)));
        }
    }
}
