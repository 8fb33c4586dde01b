package dev.faultline.cli;

import dev.faultline.Faultline;
import dev.faultline.Registration;
import dev.faultline.RateLimit;
import dev.faultline.Site;
import dev.faultline.panic.Panics;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import dev.faultline.ring.RingScan;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code faultline demo}: a guided tour of what the library does, on embedded defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Show a WARN with recovery, WARN_ONCE and its suppressed count, a rate limit, the taint line,"
                + " a snapshot dump marked not faithful, an oops, a debug domain switched in a running child JVM"
                + " with 'faultline debug', a BUG panicking a child JVM, and the crash rings they leave behind.",
                "The crash directory is kept and its path printed, for 'faultline ring show'.",
                "Exit status: 0 the tour went as it should, 1 it did not, 2 usage error, 70 this JVM panicked"
                        + " (faultline.panic_exit_code): under FAULTLINE_PANIC_ON_WARN=1 the first warning does."})
public final class DemoCommand implements Callable<Integer> {
    static final Site OVERDRAFT = Faultline.site("demo.overdraft");
    static final Site STALE_ENTRY = Faultline.site("demo.stale-cache-entry");
    static final Site SLOW_DISK = Faultline.site("demo.slow-disk", RateLimit.of(3, Duration.ofSeconds(5)));
    static final Site QUEUE_DRAINED = Faultline.site("demo.queue-drained");

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
        // Reports are printed by the demo, in line with its narration and with their traces cut
        // to the demo's own frames; Faultline's own console (stderr) is silenced meanwhile.
        Faultline.setConsoleStream(new PrintStream(OutputStream.nullOutputStream()));
        Registration printer = Faultline.addListener(r -> DemoReports.print(r, out));
        try {
            return tour(crashDirectory());
        } finally {
            printer.close();
            Faultline.setConsoleStream(null);
        }
    }

    /** The demo's crash directory: where its own ring is (see {@link Main}), else a new one; kept afterwards. */
    private static Path crashDirectory() throws IOException {
        Path ring = Faultline.ring().file();
        return ring != null ? ring.getParent() : Files.createTempDirectory("faultline-demo-");
    }

    private int tour(Path crashDir) throws IOException, InterruptedException {
        out.println("Crash directory of this tour (kept): " + crashDir);
        if (Faultline.policy().panicOnWarn()) {
            // The operator's switch is on (FAULTLINE_PANIC_ON_WARN=1, the tip at the end of the
            // tour): the first warning below panics this JVM. Say so before, and after it, from
            // the panic path itself, so that the short tour is not mistaken for a broken one.
            int status = Faultline.policy().panicExitCode();
            out.println("faultline.panic_on_warn is 1: the first warning (step 1) panics this JVM, which then halts"
                    + " with exit status " + status + " (faultline.panic_exit_code); the tour ends there.");
            Panics.addNotifier("demo-panic-on-warn", Duration.ofSeconds(1), (reason, report) -> {
                out.println("=> panic_on_warn made that warning a panic: this JVM halts now with exit status " + status
                        + ". Both reports are in its crash ring:");
                out.println("   ./faultline ring show " + crashDir);
            });
        }

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

        heading("3. A rate limit: 3 reports per 5 s, a burst of 50 firings");
        for (int i = 0; i < 50; i++) {
            SLOW_DISK.warnOn(true, "write took %s ms", 900 + i);
        }
        out.println("=> fired " + SLOW_DISK.fired() + ", reported " + SLOW_DISK.reported() + ", suppressed "
                + SLOW_DISK.suppressed() + " (the kernel's \"callbacks suppressed\"); the flush announces them:");
        Faultline.flushSuppressed();

        heading("4. The taint line");
        out.println(Faultline.taintLine());
        out.println("=> warnings so far: " + Faultline.warnCount() + "; every later report carries this line.");

        heading("5. A snapshot dump that never settled");
        out.println("The queue below changes on every look (another thread keeps filling it): the dump copies it,");
        out.println("reads it again, compares, retries, and says it is not faithful instead of showing a mix.");
        QUEUE_DRAINED.warnOnObject(true, new FillingQueue(), "queue should be drained by now");

        heading("6. An oops: a thread dies of an uncaught exception");
        try (Registration oopsHandler = Panics.installOopsHandler()) {
            Thread worker = new Thread(DemoCommand::reconcile, "reconciler");
            worker.start();
            worker.join();
        }
        out.println("=> oopses: " + Faultline.oopsCount() + "; the process goes on, tainted D. "
                + Faultline.taintLine().split(" \\(")[0]);

        heading("7. A debug domain switched in a running JVM: faultline debug <pid> demo.cache=warn");
        if (!switchDomainInChild(crashDir)) {
            return ExitCodes.CORRUPT;
        }

        heading("8. BUG panics a child JVM (faultline.panic_exit_code=" + exitCode + ")");
        out.println("(the children run with faultline.panic_dumps=none; by default a panic also prints every"
                + " thread's stack)");
        DemoChild bug = DemoChild.start(DemoBugChild.class, crashDir, out, "-Dfaultline.panic_exit_code=" + exitCode);
        int childExit = bug.finish();
        if (childExit != exitCode) {
            out.println("=> UNEXPECTED: the child exited with " + childExit + ", not " + exitCode);
            return ExitCodes.CORRUPT;
        }
        out.println("=> the child halted with exit code " + childExit + ", as configured.");

        heading("9. The crash rings outlived their processes");
        if (!showRings(crashDir)) {
            out.println("=> UNEXPECTED: no crash ring in " + crashDir);
            return ExitCodes.CORRUPT;
        }
        out.println("=> a process killed by anything (kill -9 too) leaves its last records, full stacks");
        out.println("   included; its application's next start recovers and archives them. Read them with:");
        out.println("   ./faultline ring show " + crashDir);
        out.println();
        tips(crashDir);
        return ExitCodes.OK;
    }

    /**
     * The closing tips: each line from "  ./faultline" or "  FAULTLINE_" on is a command that
     * works as printed, from the repository's root, with the exit status it names (else 0);
     * DemoTipsTest runs every one of them.
     */
    private void tips(Path crashDir) {
        out.println("Done. Next, each as printed:");
        out.println("  ./faultline ring show " + crashDir);
        out.println("      every record of this tour, stacks whole");
        out.println("  ./faultline ps");
        out.println("      your JVMs running Faultline now (this tour's have ended); status, sysctl and debug");
        out.println("      take a pid from it");
        out.println("  FAULTLINE_PANIC_ON_WARN=1 ./faultline demo");
        out.println("      the operator's switch: every warning panics, so the tour ends at step 1 with exit");
        out.println("      status " + Faultline.policy().panicExitCode() + " (faultline.panic_exit_code)");
        out.println("The manual: docs/README.md; the commands and exit statuses: docs/operations/cli.md.");
    }

    static long withdraw(long balance, long amount) {
        if (OVERDRAFT.warnOn(amount > balance, "withdraw %s from balance %s", amount, balance)) {
            return balance;
        }
        return balance - amount;
    }

    private static void reconcile() {
        throw new IllegalStateException("ledger 7 does not balance");
    }

    /** Starts a child that checks a domain that is off, switches it on through its control socket, and waits for the check. */
    private boolean switchDomainInChild(Path crashDir) throws IOException, InterruptedException {
        DemoChild child = DemoChild.start(DemoDomainChild.class, crashDir, out);
        if (!child.showUntil("child: ready")) {
            out.println("=> UNEXPECTED: the child ended before it was ready (exit " + child.finish() + ")");
            return false;
        }
        out.println("$ ./faultline debug " + child.pid() + " demo.cache=warn");
        int status = new CommandLine(new DebugCommand()).execute(String.valueOf(child.pid()), "demo.cache=warn");
        int childExit = child.finish();
        if (status != ExitCodes.OK || childExit != 0) {
            out.println("=> UNEXPECTED: faultline debug exited " + status + ", the child " + childExit);
            return false;
        }
        out.println("=> switched from outside, taking effect in code that was already running; off, the check");
        out.println("   was never even evaluated.");
        return true;
    }

    /** Prints each ring's summary and its last report's headline; false when there is none. */
    private boolean showRings(Path dir) throws IOException {
        List<Path> rings;
        try (Stream<Path> files = Files.list(dir)) {
            rings = files.filter(f -> f.getFileName().toString().endsWith(".ring")).sorted().collect(Collectors.toList());
        }
        for (Path ring : rings) {
            if (ring.equals(Faultline.ring().file())) {
                continue; // this process's own ring is still being written; ring show reads it after the tour
            }
            RingScan scan = RingReader.check(ring);
            out.println(scan.summary().replace(dir.toString(), "<crash dir>"));
            RingRecord last = scan.headline();
            if (last != null) {
                out.println((scan.panicked() ? "panic report: " : "last report: ") + last.firstLine());
            }
        }
        return !rings.isEmpty();
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

    /** A queue that another thread keeps filling: every look finds it longer. */
    static final class FillingQueue extends AbstractList<String> {
        private final AtomicInteger size = new AtomicInteger(40);

        @Override
        public int size() {
            return size.incrementAndGet();
        }

        @Override
        public String get(int index) {
            return "job-" + index;
        }
    }
}
