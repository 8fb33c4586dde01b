package dev.faultline.panic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.report.Report;
import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.PanicMain;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every panic scenario in a real child JVM: the exit code, the console, and what reached the
 * sinks (a file sink in the child that fsyncs when forced). Each scenario must leave exactly
 * one complete panic record and the configured exit. Every child is started up front, a few at
 * a time (each has its own process and files); each test then waits for its own child.
 */
class PanicScenariosTest {
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final String NOT_SYNCING = "Faultline panic - not syncing: ";

    /** Independent child JVMs for the 64-thread race: the one-owner rule must hold every time. */
    static final int RACE_TRIALS = 4;

    @TempDir
    static Path tmp;

    private static final ExecutorService POOL = Executors.newFixedThreadPool(3);
    private static final Map<String, Future<Run>> RUNS = new ConcurrentHashMap<>();
    private static Path crashDir;
    private static Path realDir;
    private static Path linkDir;

    /** Starts every scenario's child; {@link #run(String)} waits for one. */
    @BeforeAll
    static void startChildren() throws IOException {
        crashDir = Files.createDirectory(tmp.resolve("crash"));
        realDir = Files.createDirectory(tmp.resolve("real"));
        linkDir = Files.createSymbolicLink(tmp.resolve("link"), realDir);
        start("oom-bug", opts("-Xmx48m", "-XX:+UseSerialGC", "-Dfaultline.panic_dumps=threads"), "oom-bug");
        start("oom-thread", opts("-Xmx48m", "-XX:+UseSerialGC", "-Dfaultline.panic_on_oom=1"), "oom-thread");
        start("deep-bug", opts("-Xss512k"), "deep-bug");
        for (int trial = 1; trial <= RACE_TRIALS; trial++) {
            start("64-threads-" + trial, opts(), "64-threads");
        }
        start("hung-dumper", opts("-Dfaultline.panic_dumps=none"), "hung-dumper");
        start("throwing-dumpers", opts("-Dfaultline.panic_dumps=none"), "throwing-dumpers");
        start("warn-in-dumper", opts("-Dfaultline.panic_on_warn=1", "-Dfaultline.panic_dumps=none"), "warn-in-dumper");
        start("notifier", opts("-Dfaultline.panic_dumps=none"), "notifier");
        start("panic-on-warn", opts("-Dfaultline.panic_on_warn=1"), "warn", "3");
        start("warn-limit", opts("-Dfaultline.warn_limit=3"), "warn", "5");
        start("oops-limit", opts("-Dfaultline.oops_handler=1", "-Dfaultline.oops_limit=3"), "oops", "5");
        start("panic-on-oops", opts("-Dfaultline.oops_handler=1", "-Dfaultline.panic_on_oops=1"), "oops", "2");
        start("oops", opts("-Dfaultline.oops_handler=1"), "oops", "2");
        start("timeout-negative", opts("-Dfaultline.panic_timeout=-5", "-Dfaultline.panic_exit_code=13"), "bug");
        start("timeout-positive", opts("-Dfaultline.panic_timeout=1", "-Dfaultline.panic_dumps=none"), "bug");
        start("hooks-default", opts("-Dfaultline.panic_dumps=none"), "hook", "print");
        start("hooks-allowed", opts("-Dfaultline.panic_dumps=none", "-Dfaultline.panic_shutdown_hooks_ms=20000"),
                "hook", "print");
        start("hooks-hang", opts("-Dfaultline.panic_dumps=none", "-Dfaultline.panic_shutdown_hooks_ms=1000"),
                "hook", "hang");
        start("emergency", opts("-Dfaultline.panic_dumps=none"), "emergency");
        start("stderr-held", opts("-Dfaultline.panic_dumps=none"), "stderr-held");
        start("clean-exit", opts(), "clean-exit");
        start("heavy", opts("-Xmx32m", "-XX:StartFlightRecording", "-Dfaultline.panic_dumps=threads,jfr,heap",
                "-Dfaultline.panic_dump_dir=" + crashDir), "bug");
        start("symlink", opts("-Dfaultline.panic_dumps=heap,bogus", "-Dfaultline.panic_dump_dir=" + linkDir), "bug");
    }

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    private static void start(String name, List<String> options, String... args) {
        RUNS.put(name, POOL.submit(() -> child(name, options, args)));
    }

    static Run run(String name) throws Exception {
        return RUNS.get(name).get();
    }

    /** One finished child: its result and the lines its sink received. */
    static final class Run {
        final Jvm.Result result;
        final List<String> sink;
        final long tookMs;
        /** Every valid record of the child's crash ring, read after it exited. */
        final List<RingRecord> ring;

        Run(Jvm.Result result, List<String> sink, long tookMs, List<RingRecord> ring) {
            this.result = result;
            this.sink = sink;
            this.tookMs = tookMs;
            this.ring = ring;
        }

        /** The crash ring's BUG and PANIC records. */
        List<RingRecord> ringPanics() {
            return ring.stream().filter(r -> r.isReport() && (r.kind().equals("BUG") || r.kind().equals("PANIC")))
                    .collect(Collectors.toList());
        }

        String err() {
            return result.stderr;
        }

        String out() {
            return result.stdout;
        }

        /** The sink's BUG and PANIC lines. */
        List<String> panicRecords() {
            return sink.stream().filter(l -> l.startsWith("BUG ") || l.startsWith("PANIC ")).collect(Collectors.toList());
        }

        List<String> records(String kind) {
            return sink.stream().filter(l -> l.startsWith(kind + " ")).collect(Collectors.toList());
        }

        @Override
        public String toString() {
            return result + "\n--- sink ---\n" + String.join("\n", sink);
        }
    }

    static Run child(String name, List<String> options, String... args) throws Exception {
        Path sink = tmp.resolve("sink-" + name + ".txt");
        Path ringDir = tmp.resolve("ring-" + name);
        List<String> opts = new ArrayList<>(options);
        opts.add("-Dpanictest.sink=" + sink);
        opts.add("-Dfaultline.dir=" + ringDir);
        long start = System.nanoTime();
        Jvm.Result r = Jvm.run(PanicMain.class, opts, TIMEOUT, args);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        List<String> lines = Files.exists(sink) ? Files.readAllLines(sink, StandardCharsets.UTF_8) : List.of();
        List<RingRecord> ring = new ArrayList<>();
        if (Files.isDirectory(ringDir)) {
            try (Stream<Path> files = Files.list(ringDir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".ring")).collect(Collectors.toList())) {
                    ring.addAll(RingReader.read(f).records());
                }
            }
        }
        return new Run(r, lines, took, ring);
    }

    /**
     * Exactly one panic record, complete on the console (headline to end marker), in the sink
     * before the sink was forced, and the exit code.
     */
    static String assertOnePanic(Run run, int exitCode, String kind, String site, String message) {
        assertEquals(exitCode, run.result.exitCode, run.toString());
        assertEquals(1, count(run.err(), NOT_SYNCING), run.toString());
        List<String> panics = run.panicRecords();
        assertEquals(1, panics.size(), run.toString());
        String record = panics.get(0);
        assertTrue(record.startsWith(kind + " "), record);
        assertTrue(record.contains(" " + site + " | "), record);
        assertTrue(record.contains(message), record);
        long seq = Long.parseLong(record.split(" ")[1]);
        int at = run.err().indexOf(Report.CUT_HERE + "\n" + kind + ": " + site + " at ");
        assertTrue(at >= 0, run.toString());
        String console = run.err().substring(at);
        assertTrue(console.contains(Report.endMarker(seq)), run.toString());
        assertTrue(console.contains(message), run.toString());
        assertTrue(run.sink.indexOf("FORCED") > run.sink.indexOf(record), "the sinks are forced after the record\n" + run);
        List<RingRecord> ringPanics = run.ringPanics();
        assertEquals(1, ringPanics.size(), "exactly one panic record in the crash ring\n" + run + "\n--- ring ---\n" + run.ring);
        RingRecord inRing = ringPanics.get(0);
        assertEquals(kind, inRing.kind());
        assertEquals(site, inRing.logger());
        assertTrue(inRing.message().contains(Report.endMarker(seq)), "the ring holds the complete report: " + inRing.message());
        return console;
    }

    static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    static List<String> opts(String... o) {
        return List.of(o);
    }

    // ---- the JVM is sick -----------------------------------------------------------------

    @Test
    void aBugOnAFullHeapStillPanicsWithOneCompleteRecord() throws Exception {
        Run run = run("oom-bug");
        assertTrue(run.out().contains("heap full after"), run.toString());
        assertOnePanic(run, 70, "BUG", "child.bug", "heap exhausted");
        assertTrue(run.err().contains("Full thread dump (Faultline, PANIC: "), "the heavy dump still runs\n" + run);
        assertTrue(run.err().endsWith("---[ end Faultline panic - halting with exit code 70 ]---\n"), run.toString());
    }

    @Test
    void panicOnOomTurnsAThreadDyingOfOutOfMemoryIntoAPanic() throws Exception {
        Run run = run("oom-thread");
        assertEquals(1, run.records("OOPS").size(), run.toString());
        assertTrue(run.records("OOPS").get(0).startsWith("OOPS 1 java.lang.OutOfMemoryError | thread \"hoarder\" died"),
                run.toString());
        assertOnePanic(run, 70, "PANIC", "java.lang.OutOfMemoryError",
                "out of memory: thread \"hoarder\" died of java.lang.OutOfMemoryError (faultline.panic_on_oom=1)");
    }

    @Test
    void aBugAtTheBottomOfAStackOverflowPanicsOnce() throws Exception {
        Run run = run("deep-bug");
        String console = assertOnePanic(run, 70, "BUG", "child.bug", "stack exhausted at depth ");
        assertTrue(console.contains(" " + PanicMain.class.getName() + ".recurse(PanicMain.java:"), console);
        assertFalse(run.out().contains("survived"), run.toString());
    }

    @Test
    void aBugAtTheBottomOfAStackOverflowWorksWhenDeclaringTheSiteWasAllThatBootedFaultline() throws Exception {
        // No sink: nothing but the site declaration touches Faultline before the recursion.
        Jvm.Result r = Jvm.run(PanicMain.class, opts("-Xss512k"), TIMEOUT, "deep-bug");
        assertEquals(70, r.exitCode, r.toString());
        assertEquals(1, count(r.stderr, "BUG: child.bug at "), r.toString());
        assertEquals(1, count(r.stderr, NOT_SYNCING), r.toString());
    }

    @Test
    void sixtyFourThreadsPanickingAtOnceLeaveExactlyOneReport() throws Exception {
        for (int trial = 1; trial <= RACE_TRIALS; trial++) {
            Run run = run("64-threads-" + trial);
            assertOnePanic(run, 70, "BUG", "child.bug", "thread ");
            assertEquals(1, count(run.err(), "BUG: child.bug at "), "trial " + trial + "\n" + run);
            assertFalse(run.out().contains("survived"), run.toString());
        }
    }

    // ---- dumpers that misbehave ----------------------------------------------------------

    @Test
    void aHungDumperIsAbandonedAfterItsBudgetAndTheNextOneRuns() throws Exception {
        Run run = run("hung-dumper");
        assertOnePanic(run, 70, "BUG", "child.bug", "with a hung dumper");
        int abandoned = run.err().indexOf("faultline: dumper 'hang' did not finish within 1000 ms; abandoned, going on");
        assertTrue(abandoned >= 0, run.toString());
        assertTrue(run.err().indexOf("after-hang ran", abandoned) > abandoned, run.toString());
        // The warning storm on another thread stops at the panic: nothing of it after the BUG record.
        List<String> sink = run.sink;
        int bug = sink.indexOf(run.panicRecords().get(0));
        assertTrue(sink.subList(0, bug).stream().anyMatch(l -> l.startsWith("WARNING ")), run.toString());
        assertTrue(sink.subList(bug, sink.size()).stream().noneMatch(l -> l.startsWith("WARNING ")), run.toString());
        String afterBug = run.err().substring(run.err().indexOf(NOT_SYNCING));
        assertFalse(afterBug.contains("WARNING: child.warn"), "no warning printed mid-dump\n" + run);
    }

    @Test
    void throwingDumpersCostOneLineEachAndTheReportStands() throws Exception {
        Run run = run("throwing-dumpers");
        assertOnePanic(run, 70, "BUG", "child.bug", "every dumper fails");
        assertTrue(run.err().contains("faultline: dumper 'boom' failed: java.lang.IllegalStateException: dumper broke;"
                + " going on\n"), run.toString());
        assertTrue(run.err().contains("faultline: dumper 'oom' failed: java.lang.OutOfMemoryError: pretend; going on\n"),
                run.toString());
        assertTrue(run.err().indexOf("dumper 'boom'") < run.err().indexOf("dumper 'oom'"), "light before heavy");
    }

    @Test
    void aWarningInsideADumperIsPrintedButDoesNotPanicAgain() throws Exception {
        Run run = run("warn-in-dumper");
        assertOnePanic(run, 70, "BUG", "child.bug", "then a dumper warns");
        assertTrue(run.err().contains("Message: warning from inside a dumper\n"), run.toString());
        assertTrue(run.err().contains("dumper warned: true\n"), run.toString());
        assertEquals(1, run.records("WARNING").size(), run.toString());
    }

    @Test
    void notifiersRunWithTheReasonAndTheReport() throws Exception {
        Run run = run("notifier");
        assertOnePanic(run, 70, "BUG", "child.bug", "notify");
        String seq = run.panicRecords().get(0).split(" ")[1];
        assertTrue(run.out().contains("notifier saw 'BUG at child.bug' in report " + seq + "\n"), run.toString());
    }

    // ---- policy ----------------------------------------------------------------------------

    @Test
    void panicOnWarnPanicsAtTheFirstWarning() throws Exception {
        Run run = run("panic-on-warn");
        assertOnePanic(run, 70, "PANIC", "child.warn", "panic_on_warn set (faultline.panic_on_warn=1) after warning #1");
        assertEquals(1, run.records("WARNING").size(), run.toString());
        assertFalse(run.out().contains("survived warning 1"), run.toString());
    }

    @Test
    void warnLimitPanicsAtTheNthWarning() throws Exception {
        Run run = run("warn-limit");
        assertOnePanic(run, 70, "PANIC", "child.warn", "warned too often (faultline.warn_limit is 3)");
        assertEquals(3, run.records("WARNING").size(), run.toString());
        assertTrue(run.out().contains("survived warning 2\n"), run.toString());
        assertFalse(run.out().contains("survived warning 3"), run.toString());
    }

    @Test
    void oopsLimitPanicsAtTheNthDeadThread() throws Exception {
        Run run = run("oops-limit");
        String console = assertOnePanic(run, 70, "PANIC", "java.lang.IllegalStateException",
                "oopsed too often (faultline.oops_limit is 3)");
        assertEquals(3, run.records("OOPS").size(), run.toString());
        assertTrue(console.contains("\nTainted: D "), console);
        assertTrue(run.out().contains("survived oops 2\n"), run.toString());
        assertFalse(run.out().contains("survived oops 3"), run.toString());
    }

    @Test
    void panicOnOopsPanicsAtTheFirstDeadThread() throws Exception {
        Run run = run("panic-on-oops");
        assertOnePanic(run, 70, "PANIC", "java.lang.IllegalStateException",
                "Fatal exception: thread \"worker-1\" died (faultline.panic_on_oops=1)");
        assertEquals(1, run.records("OOPS").size(), run.toString());
    }

    @Test
    void anOopsWithoutPanicPolicyIsReportedAndTheProcessGoesOn() throws Exception {
        Run run = run("oops");
        assertEquals(0, run.result.exitCode, run.toString());
        assertTrue(run.out().contains("survived\n"), run.toString());
        assertEquals(2, run.records("OOPS").size(), run.toString());
        assertTrue(run.records("OOPS").get(0).contains("thread \"worker-1\" died: java.lang.IllegalStateException:"
                + " worker 1 gave up"), run.toString());
        assertTrue(run.err().contains("OOPS: java.lang.IllegalStateException at " + PanicMain.class.getName()
                + ".lambda$oops$"), run.toString());
        assertTrue(run.err().contains("\nTainted: D (D: a thread died of an uncaught exception)\n"), run.toString());
        assertTrue(run.panicRecords().isEmpty(), run.toString());
    }

    // ---- exit actions ----------------------------------------------------------------------

    @Test
    void aNegativeTimeoutHaltsAtOnce() throws Exception {
        Run run = run("timeout-negative");
        assertOnePanic(run, 13, "BUG", "child.bug", "the queue size is -1");
        assertTrue(run.err().endsWith("---[ end Faultline panic - halting with exit code 13 ]---\n"), run.toString());
        assertFalse(run.err().contains("Halting in"), run.toString());
    }

    @Test
    void aPositiveTimeoutWaitsThenHalts() throws Exception {
        Run run = run("timeout-positive");
        assertOnePanic(run, 70, "BUG", "child.bug", "the queue size is -1");
        assertTrue(run.err().contains("Halting in 1 seconds (faultline.panic_timeout=1)\n"), run.toString());
        assertTrue(run.tookMs >= 1000, "took " + run.tookMs + " ms");
    }

    @Test
    void aZeroTimeoutParksForeverAfterTheRecordIsForcedWithoutSpinning() throws Exception {
        Path sink = tmp.resolve("parked-sink.txt");
        // The failing thread has an interrupt pending: its wait must park, not spin.
        Process p = Jvm.start(PanicMain.class, opts("-Dfaultline.panic_timeout=0", "-Dfaultline.panic_dumps=none",
                "-Dpanictest.sink=" + sink), "bug", "interrupted");
        try {
            Jvm.Output output = new Jvm.Output(p.getErrorStream());
            output.await("faultline.panic_timeout=0: parking the panic thread forever", Duration.ofSeconds(60));
            // Let start-up compilation settle before measuring what the parked process burns.
            assertFalse(p.waitFor(1, TimeUnit.SECONDS), "the process must stay up after a panic with timeout 0");
            Duration cpuBefore = p.info().totalCpuDuration().orElseThrow();
            assertFalse(p.waitFor(2, TimeUnit.SECONDS));
            Duration cpuUsed = p.info().totalCpuDuration().orElseThrow().minus(cpuBefore);
            assertTrue(cpuUsed.toMillis() < 250, "a parked process used " + cpuUsed.toMillis() + " ms of CPU in 2 s");
            String err = output.text();
            assertEquals(1, count(err, NOT_SYNCING), err);
            List<String> lines = Files.readAllLines(sink);
            assertEquals(1, lines.stream().filter(l -> l.startsWith("BUG ")).count(), lines.toString());
            assertTrue(lines.contains("FORCED"), lines.toString());
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void shutdownHooksAreSkippedByDefault() throws Exception {
        Run run = run("hooks-default");
        assertOnePanic(run, 70, "BUG", "child.bug", "with a shutdown hook");
        assertFalse(run.out().contains("hook ran"), run.toString());
    }

    @Test
    void shutdownHooksRunWhenAllowedAndTheExitCodeStays() throws Exception {
        Run run = run("hooks-allowed");
        assertOnePanic(run, 70, "BUG", "child.bug", "with a shutdown hook");
        assertTrue(run.out().contains("hook ran\n"), run.toString());
        assertTrue(run.err().contains("running shutdown hooks for at most 20000 ms"), run.toString());
        assertFalse(run.err().contains("did not finish"), run.toString());
    }

    @Test
    void aHangingShutdownHookIsCutOffByTheBound() throws Exception {
        Run run = run("hooks-hang");
        assertOnePanic(run, 70, "BUG", "child.bug", "with a shutdown hook");
        assertTrue(run.out().contains("hook ran\n"), run.toString());
        assertTrue(run.err().contains("faultline: shutdown hooks did not finish within 1000 ms; halting\n"), run.toString());
    }

    @Test
    void anEmergencyRestartRunsOnlyTheEmergDumpersForcesTheSinksAndHalts() throws Exception {
        Run run = run("emergency");
        assertEquals(70, run.result.exitCode, run.toString());
        assertTrue(run.err().contains("Faultline emergency restart - the operator asked\n"), run.toString());
        assertTrue(run.err().contains("dumped for EMERG: the operator asked\n"), run.toString());
        assertFalse(run.err().contains("panic-only ran"), run.toString());
        assertTrue(run.sink.contains("FORCED"), run.toString());
        assertFalse(run.out().contains("survived"), run.toString());
    }

    @Test
    void aCleanExitRunsOnlyTheShutdownDumpers() throws Exception {
        Run run = run("clean-exit");
        assertEquals(0, run.result.exitCode, run.toString());
        assertTrue(run.out().contains("survived\n"), run.toString());
        assertTrue(run.err().contains("dumped for SHUTDOWN: clean shutdown\n"), run.toString());
        assertFalse(run.err().contains("panic-only ran"), run.toString());
        assertTrue(run.panicRecords().isEmpty(), run.toString());
    }

    @Test
    void aConsoleBlockedByAnotherThreadCostsBoundedTimeAndTheExitStillHappens() throws Exception {
        Run run = run("stderr-held");
        assertEquals(70, run.result.exitCode, run.toString());
        assertEquals(1, run.panicRecords().size(), run.toString());
        assertTrue(run.sink.indexOf("FORCED") > run.sink.indexOf(run.panicRecords().get(0)), run.toString());
        // System.err is blocked for good: the printer is stuck on it, so the panic writes the BUG
        // report and its own lines to file descriptor 2 directly, at once, within one deadline.
        assertTrue(run.err().contains("Message: with the console blocked\n"), run.toString());
        assertTrue(run.err().contains(NOT_SYNCING + "BUG at child.bug\n"), run.toString());
        assertTrue(run.err().endsWith("---[ end Faultline panic - halting with exit code 70 ]---\n"), run.toString());
    }

    // ---- built-in heavy dumps --------------------------------------------------------------

    @Test
    void heavyDumpsWriteOwnerOnlyFilesNamedByRun() throws Exception {
        Path dir = crashDir;
        Run run = run("heavy");
        assertOnePanic(run, 70, "BUG", "child.bug", "the queue size is -1");
        assertTrue(run.err().contains("Full thread dump (Faultline, PANIC: "), run.toString());
        assertTrue(run.err().contains("\"main\" #1 "), run.toString());
        List<Path> runDirs;
        try (Stream<Path> s = Files.list(dir)) {
            runDirs = s.collect(Collectors.toList());
        }
        assertEquals(1, runDirs.size(), "one directory for the run: " + runDirs);
        Path runDir = runDirs.get(0);
        assertTrue(runDir.getFileName().toString().startsWith("faultline-"), runDir.toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(runDir)),
                "the run's directory is owner-only before anything is written into it");
        List<Path> files;
        try (Stream<Path> s = Files.list(runDir)) {
            files = s.sorted().collect(Collectors.toList());
        }
        assertEquals(2, files.size(), files + "\n" + run);
        for (Path f : files) {
            String name = f.getFileName().toString();
            assertTrue(name.startsWith("faultline-") && (name.endsWith("-heap.hprof") || name.contains("-jfr-")), name);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), name);
            assertTrue(Files.size(f) > 0, name);
            assertTrue(run.err().contains(f.toString()), "the console names " + f + "\n" + run);
        }
    }

    @Test
    void aSymlinkedCrashDirectoryIsRefusedAndTheExitStillHappens() throws Exception {
        Path real = realDir;
        Path link = linkDir;
        Run run = run("symlink");
        assertOnePanic(run, 70, "BUG", "child.bug", "the queue size is -1");
        assertTrue(run.err().contains("faultline: unknown token 'bogus' in faultline.panic_dumps"), run.toString());
        assertTrue(run.err().contains("faultline: dumper 'heap' failed: java.io.IOException: refusing crash directory "
                + link + " (faultline.panic_dump_dir): it is a symbolic link; going on"), run.toString());
        try (Stream<Path> s = Files.list(real)) {
            assertEquals(0, s.count());
        }
    }

}
