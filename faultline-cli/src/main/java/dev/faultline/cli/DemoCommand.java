package dev.faultline.cli;

import dev.faultline.Faultline;
import dev.faultline.Site;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import dev.faultline.ring.RingScan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code faultline demo}: a guided tour of what the library does, on embedded defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Show a WARN with recovery, WARN_ONCE and its suppressed count, the taint line, a BUG"
                + " panicking a child JVM, and the crash ring it leaves behind.")
public final class DemoCommand implements Callable<Integer> {
    static final Site OVERDRAFT = Faultline.site("demo.overdraft");
    static final Site STALE_ENTRY = Faultline.site("demo.stale-cache-entry");

    @Option(names = "--exit-code", defaultValue = "42",
            description = "faultline.panic_exit_code for the child JVM, 1 to 255 (default: ${DEFAULT-VALUE}).")
    int exitCode;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        // Checked before the tour, not after it: an exit status outside 1..255 cannot come back
        // from the child as configured (the OS keeps the low 8 bits; 0 would read as success).
        if (exitCode < 1 || exitCode > 255) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--exit-code': " + exitCode + " is not an exit status from 1 to 255");
        }
        // Reports go to stderr by default; the demo shows them in line with its narration.
        Faultline.setConsoleStream(out);
        try {
            return tour();
        } finally {
            Faultline.setConsoleStream(null);
        }
    }

    private int tour() throws IOException, InterruptedException {
        heading("1. WARN with recovery");
        out.println("withdraw(100, 250): the check reports, then the code recovers and refuses the withdrawal.");
        long balance = withdraw(100, 250);
        printed();
        out.println("=> balance is still " + balance + "; the service goes on.");

        heading("2. WARN_ONCE firing 1000 times");
        for (int i = 0; i < 1000; i++) {
            STALE_ENTRY.warnOnce(true, "cache entry %s is stale", i);
        }
        printed();
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
        Path crashDir = Files.createTempDirectory("faultline-demo-");
        try {
            int childExit = runBuggyChild(crashDir);
            if (childExit != exitCode) {
                out.println("=> UNEXPECTED: the child exited with " + childExit + ", not " + exitCode);
                return 1;
            }
            out.println("=> the child halted with exit code " + childExit + ", as configured.");

            heading("5. The child's crash ring outlived it");
            if (!showRings(crashDir)) {
                out.println("=> UNEXPECTED: the child left no crash ring in " + crashDir);
                return 1;
            }
            out.println("=> a process killed by anything (kill -9 too) leaves its last records; the next start");
            out.println("   recovers and archives them. Read rings with: ./faultline ring show <file-or-dir>");
        } finally {
            deleteTree(crashDir);
        }
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

    private int runBuggyChild(Path crashDir) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1",
                "-Dfaultline.panic_exit_code=" + exitCode,
                "-Dfaultline.dir=" + crashDir,
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

    /** Prints each ring's summary and its last report's headline; false when there is none. */
    private boolean showRings(Path dir) throws IOException {
        List<Path> rings;
        try (Stream<Path> files = Files.list(dir)) {
            rings = files.filter(f -> f.getFileName().toString().endsWith(".ring")).sorted().collect(Collectors.toList());
        }
        for (Path ring : rings) {
            RingScan scan = RingReader.read(ring);
            out.println(scan.summary().replace(dir.toString(), "<crash dir>"));
            RingRecord last = scan.lastReport();
            if (last != null) {
                out.println("last report: " + last.firstLine());
            }
        }
        return !rings.isEmpty();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary directory left behind is not worth failing the tour for.
        }
    }

    /** Reports are printed by Faultline's printer thread: let it catch up so the tour reads in order. */
    private static void printed() {
        Faultline.awaitPrinted(java.time.Duration.ofSeconds(5));
    }

    private void heading(String title) {
        printed();
        out.println();
        out.println("== " + title + " ==");
    }
}
