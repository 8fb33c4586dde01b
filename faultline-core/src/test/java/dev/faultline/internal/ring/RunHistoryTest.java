package dev.faultline.internal.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history the boot-loop guard reads: one application's earlier runs only, newest first, and
 * no ring read whole that the guard does not need (each ring's header says whose run it is and
 * when it started; the guard stops at the first run that breaks its streak).
 */
class RunHistoryTest {
    static final long T0 = 1_700_000_000_000L;
    /** The guard's question after each run: could an older one still extend the streak? */
    static final Predicate<RunOutcome> STREAK = o -> o.panicDomain != null;

    @TempDir
    Path dir;

    /** Leaves an archived run: a BUG of debug domain mm half a second after its start, or only a log line. */
    void archived(String app, long pid, long start, String runId, boolean panicked) throws Exception {
        RingWriter w = RingWriter.inMemory(64 * 1024, pid, start, runId, app);
        w.append(Level.INFO, "app", "starting");
        if (panicked) {
            w.append(Report.builder(ReportKind.BUG).sequence(2).site("mm").location("a.B.c(B.java:1)")
                    .message("free pages -1").domain("mm").thread("main", 1).time(Instant.ofEpochMilli(start + 500))
                    .process(pid, runId).app(app).build());
        }
        Path run = Files.createDirectories(dir.resolve("archive").resolve(start + "-" + app + "-" + pid + "-" + runId));
        Files.write(run.resolve("ring.bin"), w.snapshot());
    }

    @Test
    void onlyTheRingsTheGuardNeedsAreReadWhole() throws Exception {
        for (int i = 1; i <= 10; i++) {
            // The newest run (10) lived: it breaks any streak at once.
            archived("svc", 100 + i, T0 + i * 60_000L, String.format("%016x", i), i < 10);
        }
        RunHistory.Read r = RunHistory.read(dir, "ffffffffffffffff", "svc", 3, STREAK);
        assertEquals(List.of("000000000000000a"), ids(r));
        assertEquals(1, r.readWhole, "the other nine were judged by their 128-byte header");

        archived("svc", 111, T0 + 11 * 60_000L, "000000000000000b", true);
        archived("svc", 112, T0 + 12 * 60_000L, "000000000000000c", true);
        r = RunHistory.read(dir, "ffffffffffffffff", "svc", 3, STREAK);
        assertEquals(List.of("000000000000000c", "000000000000000b", "000000000000000a"), ids(r));
        assertEquals(3, r.readWhole);
        assertEquals(0, r.unreadable);
    }

    @Test
    void anotherApplicationsRunsAreNeverPartOfTheHistory() throws Exception {
        archived("svc", 101, T0, "0000000000000001", true);
        archived("other", 102, T0 + 60_000, "0000000000000002", true); // newer, and another application's
        archived("", 103, T0 + 120_000, "0000000000000003", true); // from before rings named their application
        RunHistory.Read r = RunHistory.read(dir, "ffffffffffffffff", "svc", 3, STREAK);
        assertEquals(List.of("0000000000000001"), ids(r));
        assertEquals(1, r.readWhole);
        assertEquals(List.of("0000000000000002"), ids(RunHistory.read(dir, "ffffffffffffffff", "other", 3, STREAK)));
    }

    @Test
    void aRunArchivedWithItsOutcomeIsNotReadWholeAgain() throws Exception {
        archived("svc", 101, T0, "0000000000000001", true);
        archived("svc", 102, T0 + 60_000, "0000000000000002", true);
        // What the recovery writes beside the ring it archives, for the run archived last.
        Path newest = dir.resolve("archive").resolve((T0 + 60_000) + "-svc-102-0000000000000002");
        RunHistory.writeOutcome(RunHistory.outcome(newest.resolve("ring.bin")), newest);
        RunHistory.Read r = RunHistory.read(dir, "ffffffffffffffff", "svc", 3, STREAK);
        assertEquals(List.of("0000000000000002", "0000000000000001"), ids(r));
        assertEquals(1, r.readWhole, "only the run without an outcome file");
        RunOutcome o = r.runs.get(0);
        assertEquals("mm", o.panicDomain);
        assertEquals(500, o.panicAfterMillis);
        assertEquals("BUG: mm at a.B.c(B.java:1)", o.lastReport);
        // An outcome file that names another run is not believed: the ring is read instead.
        Files.writeString(newest.resolve(RunHistory.OUTCOME_FILE), "run=0000000000000009\nstart=" + (T0 + 60_000) + "\n");
        r = RunHistory.read(dir, "ffffffffffffffff", "svc", 3, STREAK);
        assertEquals(List.of("0000000000000002", "0000000000000001"), ids(r));
        assertEquals(2, r.readWhole);
    }

    @Test
    void anArchivedRingThatCannotBeReadIsCountedAndNamed() throws Exception {
        archived("svc", 101, T0, "0000000000000001", true);
        Path bad = Files.createDirectories(dir.resolve("archive").resolve("x")).resolve("ring.bin");
        Files.write(bad, new byte[] {1, 2, 3});
        RunHistory.Read r = RunHistory.read(dir, "ffffffffffffffff", "svc", 3, STREAK);
        assertEquals(List.of("0000000000000001"), ids(r));
        assertEquals(1, r.unreadable);
        assertEquals(List.of(bad + ": not a Faultline crash ring"), r.unreadableNamed);
    }

    private static List<String> ids(RunHistory.Read r) {
        return r.runs.stream().map(o -> o.runId).collect(Collectors.toList());
    }
}
