package dev.faultline.ring;

import static dev.faultline.ring.RingFormat.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.BigRingMain;
import dev.faultline.fixtures.Jvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crafted 1 GiB ring (a sparse file: cheap to make) read in a child JVM with a 32 MiB heap:
 * before, the reader read the whole gigabyte into the heap before looking at the magic and ran
 * out of memory. Every read completes, finds every valid record, returns them oldest first
 * across the wrap, and the heap stays small.
 */
class RingBigSparseTest {
    @TempDir
    Path tmp;

    @Test
    void aCrafted1GiBRingIsReadWithA32MiBHeap() throws Exception {
        Path file = tmp.resolve("big.ring");
        int cap = MAX_CAPACITY;
        CraftedRing ring = CraftedRing.inFile(file, cap);
        // Lap 1 at the start (the newest), lap 0 further on and at the very end (older).
        int newest = ring.denseFrames(0, 1 << 20, 1, "newest lap");
        int middle = ring.denseFrames(512 << 20, (512 << 20) + (8 << 20), 0, "older lap");
        int end = ring.denseFrames(cap - (64 << 10), cap, 0, "the end of the ring");
        // 4 MiB of frame headers every 64 bytes, each claiming 64 KiB, none valid.
        ring.overlappingHeaders(64 << 20, 68 << 20, 64, 64 << 10, 0);
        int records = newest + middle + end;
        int bad = (4 << 20) / 64;
        assertEquals((long) HEADER_LENGTH + cap, Files.size(file));

        Jvm.Result r = Jvm.run(BigRingMain.class, List.of("-Xmx32m", "-XX:+UseSerialGC"), Duration.ofMinutes(10),
                file.toString());
        System.out.println("1 GiB crafted ring read with -Xmx32m:\n" + r.stdout.strip());
        assertEquals(0, r.exitCode, r.toString());
        String firstSeq = String.valueOf(sequenceOf(512L << 20));
        String lastSeq = String.valueOf(sequenceOf(cap + (long) (newest - 1) * ring.frame(0, "d", "newest lap", true).length));
        assertTrue(r.stdout.contains("read: " + file + ": run " + CraftedRing.RUN + " pid 4242"), r.stdout);
        assertTrue(r.stdout.contains("; " + records + " valid, "), r.stdout);
        assertTrue(r.stdout.contains("| count " + records + " kept " + RingReader.KEPT_RECORDS + " first "), r.stdout);
        assertTrue(r.stdout.contains(" last " + lastSeq + "\n"), r.stdout);
        assertTrue(r.stdout.contains("| delivered " + records + " out-of-order 0 first " + firstSeq + " last " + lastSeq),
                r.stdout);
        Matcher counts = Pattern.compile("check: .*\\| count (\\d+) torn (\\d+) corrupt (\\d+)").matcher(r.stdout);
        assertTrue(counts.find(), r.stdout);
        assertEquals(records, Integer.parseInt(counts.group(1)));
        assertEquals(bad, Integer.parseInt(counts.group(2)) + Integer.parseInt(counts.group(3)), "every bad header counted");
    }

    /**
     * The same ring left in a crash directory by a dead run of this application: the next start
     * recovers and archives it — every record into {@code ring.txt} — with a 32 MiB heap.
     */
    @Test
    void startUpRecoveryArchivesA1GiBRingWithA32MiBHeap() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("crash"));
        Path file = dir.resolve("4242-" + CraftedRing.RUN + ".ring");
        CraftedRing ring = CraftedRing.inFile(file, MAX_CAPACITY);
        ring.app("bigring");
        int records = ring.denseFrames(0, 1 << 20, 1, "newest lap")
                + ring.denseFrames(512 << 20, (512 << 20) + (8 << 20), 0, "older lap");
        ring.overlappingHeaders(64 << 20, 65 << 20, 64, 64 << 10, 0);

        Jvm.Result r = Jvm.run(dev.faultline.fixtures.RingChildMain.class, List.of("-Xmx32m", "-XX:+UseSerialGC",
                "-Dfaultline.dir=" + dir, "-Dfaultline.app=bigring"), Duration.ofMinutes(10), "exit");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("faultline: recovered the crash ring of run " + CraftedRing.RUN + " (app bigring,"
                + " pid 4242, started 2023-11-14T22:13:20Z"), r.toString());
        assertTrue(r.stderr.contains("): " + records + " records, no reports; skipped "), r.toString());
        Path archived;
        try (var runs = Files.list(dir.resolve("archive"))) {
            archived = runs.filter(p -> p.getFileName().toString().endsWith("-bigring-4242-" + CraftedRing.RUN))
                    .findFirst().orElseThrow();
        }
        long lines;
        try (var text = Files.lines(archived.resolve("ring.txt"))) {
            lines = text.filter(l -> l.startsWith("#")).count();
        }
        assertEquals(records, lines, "every record in ring.txt");
        assertEquals((long) HEADER_LENGTH + MAX_CAPACITY, Files.size(archived.resolve("ring.bin")));
    }
}
