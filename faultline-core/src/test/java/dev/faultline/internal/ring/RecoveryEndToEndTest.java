package dev.faultline.internal.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.BugAfterSuppressedMain;
import dev.faultline.fixtures.BugMain;
import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.RingChildMain;
import dev.faultline.ring.RecoveredRun;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import dev.faultline.ring.RingScan;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes: a run that panics and a run that is killed with kill -9 both leave a ring
 * that the next start recovers, archives (text and binary) and reports in one line — exactly
 * once, even when two processes start at the same moment.
 */
class RecoveryEndToEndTest {
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final String APP = "recovery-test";
    static final Pattern RECOVERED = Pattern.compile("faultline: recovered the crash ring of run ([0-9a-f]+) .*");

    @TempDir
    Path dir;

    List<String> opts() {
        // Different main classes, one application: a start recovers only its own application's rings.
        return List.of("-Dfaultline.dir=" + dir, "-Dfaultline.app=" + APP);
    }

    @Test
    void aPanickedRunAndAKilledRunAreEachRecoveredAndArchivedExactlyOnce() throws Exception {
        // 1. A run killed with kill -9.
        Process victim = Jvm.start(RingChildMain.class, opts(), "sleep");
        String victimRing;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8))) {
            victimRing = out.readLine();
            assertTrue(victimRing != null && victimRing.startsWith("ready " + dir), String.valueOf(victimRing));
            new ProcessBuilder("kill", "-9", Long.toString(victim.pid())).start().waitFor();
            assertTrue(victim.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(137, victim.exitValue());
        String victimRun = runIdOf(victimRing);

        // 2. A run that panics (a BUG); its start recovers the killed run.
        Jvm.Result bug = Jvm.run(BugMain.class, opts(), TIMEOUT);
        assertEquals(70, bug.exitCode, bug.toString());
        List<String> first = recoveredLines(bug.stderr);
        assertEquals(1, first.size(), bug.stderr);
        assertTrue(first.get(0).contains("run " + victimRun + " (app " + APP + ", pid " + victim.pid() + ","), first.get(0));
        // The child's record, its run facts and as many heartbeats as the hang checker wrote before the kill.
        assertTrue(first.get(0).matches(".*: [2-9] records, no reports; skipped 0 torn and 0 corrupt; archived in .*"
                + "; it ended: killed \\(likely\\): .*"), first.get(0));

        // 3. Two runs start at the same moment; exactly one of them recovers the panicked run.
        Process a = Jvm.start(RingChildMain.class, opts(), "exit");
        Process b = Jvm.start(RingChildMain.class, opts(), "exit");
        String errA = new String(a.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String errB = new String(b.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(a.waitFor(60, TimeUnit.SECONDS) && b.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, a.exitValue(), errA);
        assertEquals(0, b.exitValue(), errB);
        List<String> second = recoveredLines(errA + errB);
        assertEquals(1, second.size(), "exactly once:\n" + errA + "\n" + errB);
        String line = second.get(0);
        assertTrue(line.contains("panicked: \"BUG: child.invariant at " + BugMain.class.getName() + ".main(BugMain.java:"),
                line);
        assertFalse(line.contains("run " + victimRun), "the killed run was archived already: " + line);

        // 4. The archive holds both runs, each as text and as the original binary.
        Path archive = dir.resolve(Recovery.ARCHIVE);
        List<Path> runs;
        try (Stream<Path> s = Files.list(archive)) {
            runs = s.sorted().toList();
        }
        assertEquals(2, runs.size(), runs.toString());
        Path victimArchive = runs.stream().filter(p -> p.getFileName().toString().endsWith(victimRun)).findFirst()
                .orElseThrow();
        Path bugArchive = runs.stream().filter(p -> p != victimArchive).findFirst().orElseThrow();
        String bugText = Files.readString(bugArchive.resolve("ring.txt"));
        // The two reports, and the panic's own records (thread dump, not-syncing line) with them.
        assertTrue(bugText.contains("did not shut down cleanly; ") && bugText.contains(" valid, 0 torn, 0 corrupt"), bugText);
        assertTrue(bugText.contains("WARNING child.warning: ------------[ cut here ]------------"), bugText);
        assertTrue(bugText.contains("  Message: the queue size is -1\n"), bugText);
        RingScan bin = RingReader.read(bugArchive.resolve("ring.bin"));
        assertEquals(List.of("WARNING", "BUG"),
                bin.records().stream().filter(RingRecord::isReport).map(RingRecord::kind).toList());
        assertTrue(Files.readString(victimArchive.resolve("ring.txt")).contains("INFO child: hello from " + victim.pid()));
        if (RingFiles.posix(dir)) {
            assertEquals("rwx------", perms(archive));
            assertEquals("rwx------", perms(bugArchive));
            assertEquals("rw-------", perms(bugArchive.resolve("ring.txt")));
            assertEquals("rw-------", perms(bugArchive.resolve("ring.bin")));
        }

        // 5. The next start finds nothing more to recover, and the clean runs' rings are gone.
        Jvm.Result again = Jvm.run(RingChildMain.class, opts(), TIMEOUT, "exit");
        assertEquals(0, again.exitCode, again.toString());
        assertEquals(List.of(), recoveredLines(again.stderr));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.filter(p -> p.toString().endsWith(Recovery.RING_SUFFIX)).count(),
                    "only the last clean run's ring is left, until the next start");
        }
    }

    @Test
    void aBugWithSuppressedCountsPendingIsRecoveredAsAPanicNamedAfterTheBug() throws Exception {
        Jvm.Result bug = Jvm.run(BugAfterSuppressedMain.class, opts(), TIMEOUT);
        assertEquals(70, bug.exitCode, bug.toString());
        List<String> lines = new java.util.ArrayList<>();
        Recovery next = new Recovery(dir, 10, ProcessHandle.current().pid(), "ffffffffffffffff", APP, lines::add);
        next.run();
        assertEquals(1, next.recovered().size(), lines.toString());
        RecoveredRun run = next.recovered().get(0);
        // The panic announced the pending count after the BUG: the ring's last report is that NOTICE.
        assertEquals("NOTICE", run.lastReport().kind(), run.lastReport().toString());
        assertEquals("panicked", run.ending());
        assertTrue(run.panicked());
        assertEquals("BUG", run.panicReport().kind());
        assertTrue(run.headline().firstLine().startsWith("BUG: child.invariant at "), run.headline().firstLine());
        assertTrue(lines.get(0).contains(" records, panicked: \"BUG: child.invariant at "
                + BugAfterSuppressedMain.class.getName() + ".main("), lines.get(0));
    }

    @Test
    void fourProcessesStartingTogetherArchiveEachDeadRunExactlyOnce() throws Exception {
        int dead = 6;
        for (int i = 0; i < dead; i++) {
            RingWriter w = RingWriter.inMemory(256 * 1024, Long.MAX_VALUE / 2 - i, 1_700_000_000_000L + i,
                    String.format("%016x", 0xdead00 + i), APP);
            for (int k = 0; k < 2000; k++) { // a full ring: recovery takes long enough to race
                w.append(System.Logger.Level.INFO, "app", "dead run " + i + " record " + k);
            }
            Files.write(dir.resolve(i + Recovery.RING_SUFFIX), w.snapshot());
        }
        List<Process> ps = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ps.add(Jvm.start(RingChildMain.class, opts(), "exit"));
        }
        StringBuilder err = new StringBuilder();
        for (Process p : ps) {
            err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), err.toString());
        }
        assertEquals(dead, recoveredLines(err.toString()).size(), err.toString());
        try (Stream<Path> s = Files.list(dir.resolve(Recovery.ARCHIVE))) {
            List<Path> runs = s.toList();
            assertEquals(dead, runs.size(), runs.toString());
            for (Path run : runs) {
                assertTrue(Files.exists(run.resolve("ring.txt")) && Files.exists(run.resolve("ring.bin")), run.toString());
            }
        }
    }

    @Test
    void aSymlinkedCrashDirectoryIsRefusedAndTheRingStaysInMemory() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        Jvm.Result r = Jvm.run(RingChildMain.class, List.of("-Dfaultline.dir=" + link), TIMEOUT, "exit");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.startsWith("ready null"), r.stdout);
        assertTrue(r.stderr.contains("faultline: crash ring kept in memory only, it will not survive a crash: cannot use "
                + link + " (refusing crash directory " + link + ": it is a symbolic link)"), r.stderr);
        try (Stream<Path> s = Files.list(real)) {
            assertEquals(0, s.count(), "nothing written through the link");
        }
    }

    @Test
    void anUnusableCrashDirectoryDegradesToAnInMemoryRingWithOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        Jvm.Result r = Jvm.run(RingChildMain.class, List.of("-Dfaultline.dir=" + file.resolve("sub")), TIMEOUT, "exit");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.startsWith("ready null"), r.stdout);
        assertEquals(1, r.stderr.lines().filter(l -> l.startsWith("faultline: crash ring kept in memory only")).count(),
                r.stderr);
        assertTrue(r.stderr.contains("cannot use " + file.resolve("sub")), r.stderr);
    }

    static String perms(Path p) throws Exception {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    static String runIdOf(String readyLine) {
        Matcher m = Pattern.compile("-([0-9a-f]{16})\\.ring$").matcher(readyLine);
        assertTrue(m.find(), readyLine);
        return m.group(1);
    }

    static List<String> recoveredLines(String stderr) {
        return stderr.lines().filter(l -> RECOVERED.matcher(l).matches()).toList();
    }
}
