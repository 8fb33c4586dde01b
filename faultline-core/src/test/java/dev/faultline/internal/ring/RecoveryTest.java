package dev.faultline.internal.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.ring.RingReader;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which rings the start-up recovery takes, which it leaves, and what it keeps. */
class RecoveryTest {
    static final long ME = ProcessHandle.current().pid();
    static final long MY_START = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
    /** A pid no process has: ProcessHandle.of finds nothing. */
    static final long GONE = Long.MAX_VALUE / 2;

    @TempDir
    Path dir;

    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    Recovery recovery(long myPid, int keep) {
        return new Recovery(dir, keep, myPid, "feedfacefeedface", lines::add);
    }

    /** Leaves a ring file as a run that never shut down would. */
    Path deadRing(long pid, long start, String runId, String message) throws Exception {
        RingWriter w = RingWriter.inMemory(64 * 1024, pid, start, runId);
        w.append(Level.ERROR, "app", message);
        Path f = dir.resolve(pid + "-" + runId + Recovery.RING_SUFFIX);
        Files.write(f, w.snapshot());
        return f;
    }

    List<Path> archived() throws Exception {
        Path a = dir.resolve(Recovery.ARCHIVE);
        if (!Files.exists(a)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(a)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aDeadRunIsArchivedWithOneSummaryLineAndItsRingMovedIntoTheArchive() throws Exception {
        Path ring = deadRing(GONE, 1_700_000_000_000L, "0000000000000001", "last words");
        List<Path> made = recovery(ME, 10).run();
        assertEquals(1, made.size());
        assertFalse(Files.exists(ring));
        assertEquals(List.of(made.get(0)), archived());
        assertTrue(made.get(0).getFileName().toString().startsWith("20231114T221320Z-" + GONE + "-0000000000000001"),
                made.get(0).toString());
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("faultline: recovered the crash ring of run 0000000000000001 (pid " + GONE
                + ", started 2023-11-14T22:13:20Z, last record "), lines.get(0));
        assertTrue(lines.get(0).contains("): 1 records, no reports; skipped 0 torn and 0 corrupt; archived in "), lines.get(0));
        assertTrue(Files.readString(made.get(0).resolve("ring.txt")).contains("ERROR app: last words"));
        assertTrue(Files.readString(made.get(0).resolve(RunHistory.OUTCOME_FILE)).startsWith(
                "run=0000000000000001\nstart=1700000000000\npanic_domain=\npanic_after_ms=-1\n"));
        assertEquals(1, RingReader.read(made.get(0).resolve("ring.bin")).records().size());
        assertEquals(List.of(), recovery(ME, 10).run(), "never twice");
    }

    @Test
    void eachRecoveredRunIsDescribedForTheApplicationsLogsAndTelemetry() throws Exception {
        RingWriter w = RingWriter.inMemory(64 * 1024, GONE, 1_700_000_000_000L, "0000000000000009");
        w.append(Level.INFO, "app", "before the end");
        w.append(dev.faultline.report.Report.builder(dev.faultline.report.ReportKind.BUG).sequence(4).site("ledger.corrupt")
                .location("a.B.c(B.java:1)").message("journal torn").thread("main", 1)
                .process(GONE, "0000000000000009").build());
        Files.write(dir.resolve(GONE + "-0000000000000009" + Recovery.RING_SUFFIX), w.snapshot());
        Recovery recovery = recovery(ME, 10);
        List<Path> made = recovery.run();
        List<dev.faultline.ring.RecoveredRun> runs = recovery.recovered();
        assertEquals(1, runs.size());
        dev.faultline.ring.RecoveredRun run = runs.get(0);
        assertEquals("0000000000000009", run.runId());
        assertEquals(GONE, run.pid());
        assertEquals(java.time.Instant.ofEpochMilli(1_700_000_000_000L), run.start());
        assertEquals(2, run.records());
        assertEquals(made.get(0), run.archive());
        assertFalse(run.markedClean());
        assertTrue(run.lastReport().firstLine().startsWith("BUG: ledger.corrupt at a.B.c(B.java:1)"),
                run.lastReport().firstLine());
        assertEquals(lines.get(0), run.summary(), "the same line the console got");
    }

    @Test
    void inAContainerEveryRunIsPid1SoARingWithOurPidButAnotherRunIdIsAnEarlierRun() throws Exception {
        deadRing(ME, MY_START, "0000000000000002", "previous incarnation");
        assertEquals(1, recovery(ME, 10).run().size());
    }

    @Test
    void aLiveProcessWithTheRecordedPidAndStartTimeKeepsItsRing() throws Exception {
        Path ring = deadRing(ME, MY_START, "0000000000000003", "still running");
        assertEquals(List.of(), recovery(ME + 1, 10).run());
        assertTrue(Files.exists(ring));
        assertEquals(List.of(), lines);
    }

    @Test
    void aLivePidWithAnotherStartTimeIsAReusedPidSoTheRingIsRecovered() throws Exception {
        deadRing(ME, MY_START - 3_600_000, "0000000000000004", "pid reused since");
        assertEquals(1, recovery(ME + 1, 10).run().size());
    }

    @Test
    void aCleanlyEndedRunIsRemovedWithoutAnArchive() throws Exception {
        RingWriter w = RingWriter.inMemory(64 * 1024, GONE, 1, "0000000000000005");
        w.markClean(2);
        Path f = dir.resolve("x" + Recovery.RING_SUFFIX);
        Files.write(f, w.snapshot());
        assertEquals(List.of(), recovery(ME, 10).run());
        assertFalse(Files.exists(f));
        assertEquals(List.of(), archived());
        assertEquals(List.of(), lines);
    }

    @Test
    void onlyTheNewestArchivesAreKept() throws Exception {
        for (int i = 1; i <= 5; i++) {
            RingWriter w = RingWriter.inMemory(64 * 1024, GONE - i, 1_700_000_000_000L + i * 1000L,
                    "000000000000000" + i, "app");
            w.append(Level.ERROR, "app", "run " + i);
            Files.write(dir.resolve(i + Recovery.RING_SUFFIX), w.snapshot());
        }
        assertEquals(5, new Recovery(dir, 3, ME, "feedfacefeedface", "app", lines::add).run().size());
        List<Path> kept = archived();
        assertEquals(3, kept.size());
        for (int i = 0; i < 3; i++) {
            assertTrue(kept.get(i).getFileName().toString().endsWith("000000000000000" + (i + 3)), kept.toString());
        }
    }

    @Test
    void manyRecoveriesAtOnceArchiveEachDeadRunExactlyOnce() throws Exception {
        int rings = 20;
        for (int i = 0; i < rings; i++) {
            deadRing(GONE - i, 1_700_000_000_000L + i, String.format("%016x", i + 100), "run " + i);
        }
        int racers = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Path> all = Collections.synchronizedList(new ArrayList<>());
        List<Thread> ts = new ArrayList<>();
        for (int r = 0; r < racers; r++) {
            String id = String.format("%016x", 0xabc0 + r);
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    all.addAll(new Recovery(dir, 100, ME, id, lines::add).run());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            ts.add(t);
        }
        go.countDown();
        for (Thread t : ts) {
            t.join();
        }
        assertEquals(rings, all.size(), lines.toString());
        assertEquals(rings, archived().size());
        assertEquals(rings, lines.stream().filter(l -> l.startsWith("faultline: recovered")).count(), lines.toString());
    }

    @Test
    void aRecoveryThatDiedHalfWayIsFinishedByTheNextStart() throws Exception {
        Path ring = deadRing(GONE, 1_700_000_000_000L, "0000000000000006", "half recovered");
        Files.move(ring, ring.resolveSibling(ring.getFileName() + Recovery.CLAIM_INFIX + "0000000000000bad"));
        List<Path> made = recovery(ME, 10).run();
        assertEquals(1, made.size());
        assertTrue(Files.readString(made.get(0).resolve("ring.txt")).contains("half recovered"));
    }

    @Test
    void aSymlinkedRingIsRefusedByNameAndLeftAlone() throws Exception {
        Path target = deadRing(GONE, 1, "0000000000000007", "target");
        Path outside = Files.move(target, dir.resolveSibling(dir.getFileName() + "-outside.bin"));
        Path link = Files.createSymbolicLink(dir.resolve("evil" + Recovery.RING_SUFFIX), outside);
        try {
            assertEquals(List.of(), recovery(ME, 10).run());
            assertEquals(List.of("faultline: left alone 1 file in " + dir + " named like crash rings: evil.ring (a"
                    + " symbolic link)"), lines);
            assertTrue(Files.exists(outside));
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void aSymlinkedArchiveDirectoryIsRefusedAndTheRingStaysForLater() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Files.createSymbolicLink(dir.resolve(Recovery.ARCHIVE), elsewhere);
        deadRing(GONE, 1, "0000000000000008", "kept");
        assertEquals(List.of(), recovery(ME, 10).run());
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).contains("refusing crash archive directory " + dir.resolve(Recovery.ARCHIVE)
                + ": it is a symbolic link"), lines.get(0));
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void aForeignFileNamedLikeARingIsLeftAlone() throws Exception {
        Path f = Files.writeString(dir.resolve("notes" + Recovery.RING_SUFFIX), "just text");
        assertEquals(List.of(), recovery(ME, 10).run());
        assertTrue(Files.exists(f));
        assertEquals(List.of("faultline: left alone 1 file in " + dir + " named like crash rings: notes.ring (not a"
                + " Faultline crash ring)"), lines);
    }

    @Test
    void manyForeignFilesNamedLikeRingsCostOneLineAtStart() throws Exception {
        for (int i = 0; i < 50; i++) {
            Files.writeString(dir.resolve(String.format("notes-%02d", i) + Recovery.RING_SUFFIX), "just text " + i);
        }
        Path outside = Files.writeString(dir.resolveSibling(dir.getFileName() + "-outside.bin"), "elsewhere");
        try {
            Files.createSymbolicLink(dir.resolve("evil" + Recovery.RING_SUFFIX), outside);
            Files.createDirectory(dir.resolve("folder" + Recovery.RING_SUFFIX));
            assertEquals(List.of(), recovery(ME, 10).run());
            assertEquals(1, lines.size(), lines.toString());
            assertEquals("faultline: left alone 52 files in " + dir + " named like crash rings: evil.ring (a symbolic"
                    + " link), folder.ring (not a regular file), notes-00.ring (not a Faultline crash ring) and 49 more",
                    lines.get(0));
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(52, s.count(), "all left where they were");
            }
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void aRingLeftHalfMadeByAStartThatDiedIsRemovedOnceItIsAnHourOld() throws Exception {
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 2 * 3_600_000L);
        Path stale = Files.write(dir.resolve("7-00000000000000bb" + dev.faultline.ring.RingFormat.CREATING_SUFFIX),
                new byte[4096]);
        Files.setLastModifiedTime(stale, old);
        Path fresh = Files.write(dir.resolve("8-00000000000000cc" + dev.faultline.ring.RingFormat.CREATING_SUFFIX),
                new byte[4096]);
        RingWriter other = RingWriter.inMemory(64 * 1024, GONE, 1, "00000000000000dd", "other");
        Path others = Files.write(dir.resolve("9-00000000000000dd" + dev.faultline.ring.RingFormat.CREATING_SUFFIX),
                other.snapshot());
        Files.setLastModifiedTime(others, old);
        assertEquals(List.of(), new Recovery(dir, 10, ME, "feedfacefeedface", "app", lines::add).run());
        assertFalse(Files.exists(stale), "nobody's, an hour old, no header: a start died making it");
        assertTrue(Files.exists(fresh), "maybe still being made");
        assertTrue(Files.exists(others), "another application's");
        assertEquals(List.of(), lines);
    }
}
