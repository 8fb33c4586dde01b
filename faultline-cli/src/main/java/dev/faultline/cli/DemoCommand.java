package dev.faultline.cli;

import dev.faultline.Faultline;
import dev.faultline.Site;
import dev.faultline.internal.Console;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faultline demo}: a guided tour of what the library does, on embedded defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Show a WARN with recovery, WARN_ONCE, the taint line, and a BUG panicking a child JVM.")
public final class DemoCommand implements Callable<Integer> {
    static final Site OVERDRAFT = Faultline.site("demo.overdraft");
    static final Site STALE_ENTRY = Faultline.site("demo.stale-cache-entry");

    @Option(names = "--exit-code", defaultValue = "42",
            description = "faultline.panic_exit_code for the child JVM (default: ${DEFAULT-VALUE}).")
    int exitCode;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        // Reports go to stderr by default; the demo shows them in line with its narration.
        Console.redirect(out);
        try {
            return tour();
        } finally {
            Console.redirect(null);
        }
    }

    private int tour() throws IOException, InterruptedException {
        heading("1. WARN with recovery");
        out.println("withdraw(100, 250): the check reports, then the code recovers and refuses the withdrawal.");
        long balance = withdraw(100, 250);
        out.println("=> balance is still " + balance + "; the service goes on.");

        heading("2. WARN_ONCE firing 1000 times");
        for (int i = 0; i < 1000; i++) {
            STALE_ENTRY.warnOnce(true, "cache entry %s is stale", i);
        }
        out.println("=> fired " + STALE_ENTRY.fired() + " times, reported " + STALE_ENTRY.reported()
                + ", suppressed " + STALE_ENTRY.suppressed() + ".");
        out.println("Suppressed firings are never lost: the site's next report, or a flush (also run at clean");
        out.println("shutdown), announces them:");
        Faultline.flushSuppressed();

        heading("3. The taint line");
        out.println(Faultline.taintLine());
        out.println("=> warnings so far: " + Faultline.warnCount() + "; every later report carries this line.");

        heading("4. BUG panics a child JVM (faultline.panic_exit_code=" + exitCode + ")");
        out.println("(the child runs with faultline.panic_dumps=none; by default a panic also prints every"
                + " thread's stack)");
        int childExit = runBuggyChild();
        if (childExit != exitCode) {
            out.println("=> UNEXPECTED: the child exited with " + childExit + ", not " + exitCode);
            return 1;
        }
        out.println("=> the child halted with exit code " + childExit + ", as configured.");
        out.println();
        out.println("Done. Try: FAULTLINE_PANIC_ON_WARN=1 to make every warning fatal; see README.md.");
        return 0;
    }

    static long withdraw(long balance, long amount) {
        if (OVERDRAFT.warnOn(amount > balance, "withdraw %s from balance %s", amount, balance)) {
            return balance;
        }
        return balance - amount;
    }

    private int runBuggyChild() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1",
                "-Dfaultline.panic_exit_code=" + exitCode,
                // Keeps the tour short: a real panic also prints every thread's stack.
                "-Dfaultline.panic_dumps=none",
                "-cp", System.getProperty("java.class.path"),
                DemoBugChild.class.getName())).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("FAULTLINE_"));
        Process child = pb.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.println("  | " + line);
            }
        }
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            out.println("=> the child did not exit within 60 s");
            return -1;
        }
        return child.exitValue();
    }

    private void heading(String title) {
        out.println();
        out.println("== " + title + " ==");
    }
}
