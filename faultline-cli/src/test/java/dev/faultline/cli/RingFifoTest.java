package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Cli;
import dev.faultline.fixtures.Jvm;
import dev.faultline.internal.ring.RingWriter;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FIFO where a ring is expected — given by name, planted in a crash directory, or swapped in
 * just before the open — costs the commands a bounded time and a message naming it, never a hang
 * (opening a FIFO for reading waits for a writer). Real FIFOs ({@code mkfifo}); the commands run
 * in a JVM of their own, so that a hang fails the test instead of stopping it.
 */
class RingFifoTest {
    @TempDir
    Path dir;

    private Path fifo(String name) throws Exception {
        Path f = dir.resolve(name);
        assertEquals(0, new ProcessBuilder("mkfifo", f.toString()).inheritIO().start().waitFor(), "mkfifo");
        return f;
    }

    @Test
    void aFifoNamedAsARingIsNotOpenedAndIsNamed() throws Exception {
        Path fifo = fifo("evil.ring");
        for (List<String> cmd : List.of(List.of("ring", "show", fifo.toString()), List.of("ring", "verify", fifo.toString()),
                List.of("triage", fifo.toString()))) {
            long t0 = System.nanoTime();
            Jvm.Result r = Cli.run(cmd.toArray(new String[0]));
            assertEquals(3, r.exitCode, cmd + ": " + r);
            assertTrue(r.stderr.contains(fifo + " is not a regular file (a FIFO, socket or device?)"), r.stderr);
            assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 60, cmd + " took too long");
        }
    }

    @Test
    void aFifoPlantedInACrashDirectoryIsPassedOver() throws Exception {
        fifo("1-planted.ring");
        RingWriter w = RingWriter.inMemory(64 * 1024, 999_999_999L, 1_700_000_000_000L, "0123456789abcdef");
        w.append(Level.INFO, "app.Orders", "order 7 accepted");
        Files.write(dir.resolve("2-real.ring"), w.snapshot());
        for (String sub : List.of("show", "verify")) {
            Jvm.Result r = Cli.run("ring", sub, dir.toString());
            assertEquals(0, r.exitCode, r.toString());
            assertTrue(r.stdout.contains("2-real.ring") && !r.stdout.contains("1-planted.ring"), r.stdout);
        }
        Jvm.Result ps = Cli.run("ps", "--dir", dir.toString());
        assertEquals(0, ps.exitCode, ps.toString());
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang fails, not stops, the build
    void anOpenThatDoesNotReturnIsGivenUpAfterItsBoundNamingTheFile() throws Exception {
        Path fifo = fifo("swapped.ring"); // as if swapped in after the regular-file check
        long t0 = System.nanoTime();
        BoundedOpen.TimedOut e = assertThrows(BoundedOpen.TimedOut.class,
                () -> BoundedOpen.ring(fifo, Duration.ofSeconds(1)));
        long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertTrue(s < 30, "gave up after " + s + " s");
        assertEquals("timed out after 1 s opening " + fifo + ": a FIFO or device with nothing at the other end, or a hung"
                + " file system? Nothing was read from it", e.getMessage());
        // A regular file opens and reads as ever, its run judged like RingReader.read(Path) judges it.
        RingWriter w = RingWriter.inMemory(64 * 1024, 999_999_999L, 1_700_000_000_000L, "0123456789abcdef");
        w.append(Level.INFO, "app.Orders", "order 7 accepted");
        Path real = Files.write(dir.resolve("real.ring"), w.snapshot());
        var scan = BoundedOpen.ring(real, Duration.ofSeconds(10));
        assertTrue(scan.isRing() && scan.intact() && !scan.live(), scan.summary());
        assertEquals(1, scan.records().size(), scan.summary());
        assertFalse(BoundedOpen.ring(dir.resolve("missing.ring"), Duration.ofSeconds(10)).isRing());
    }

    /**
     * The bounded open also for the reads that keep no records ({@code ring show}, {@code triage}
     * hand them on; {@code ring verify} reads none): a FIFO times out before anything is handed
     * on, a regular file hands its scan on once and then its records, a file that cannot be
     * opened hands on the reader's "cannot read" scan, and the run is judged by its file's lock.
     */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theStreamingAndCheckingReadsAreBoundedAndJudgeTheRunToo() throws Exception {
        Path fifo = fifo("swapped.ring");
        List<String> handed = new java.util.ArrayList<>();
        assertThrows(BoundedOpen.TimedOut.class, () -> BoundedOpen.ring(fifo, Duration.ofSeconds(1),
                s -> handed.add("scan " + s.summary()), r -> handed.add("record " + r.message())));
        assertThrows(BoundedOpen.TimedOut.class, () -> BoundedOpen.check(fifo, Duration.ofSeconds(1)));
        assertEquals(List.of(), handed, "nothing is handed on from a file that did not open");

        RingWriter w = RingWriter.inMemory(64 * 1024, 999_999_999L, 1_700_000_000_000L, "0123456789abcdef");
        w.append(Level.INFO, "app.Orders", "order 7 accepted");
        w.append(Level.INFO, "app.Orders", "order 8 accepted");
        Path real = Files.write(dir.resolve("real.ring"), w.snapshot());
        var scan = BoundedOpen.ring(real, Duration.ofSeconds(10), s -> handed.add("scan " + s.recordCount()),
                r -> handed.add("record " + r.message()));
        assertEquals(List.of("scan 2", "record order 7 accepted", "record order 8 accepted"), handed);
        assertTrue(scan.intact() && !scan.live() && scan.records().isEmpty(), scan.summary());
        var checked = BoundedOpen.check(real, Duration.ofSeconds(10));
        assertTrue(checked.intact() && !checked.live() && checked.records().isEmpty() && checked.recordCount() == 2,
                checked.summary());

        handed.clear();
        var missing = BoundedOpen.ring(dir.resolve("missing.ring"), Duration.ofSeconds(10),
                s -> handed.add("scan " + s.isRing()), r -> handed.add("record"));
        assertFalse(missing.isRing());
        assertEquals(List.of("scan false"), handed, "a file that cannot be opened is handed on once, as not a ring");

        // A run that holds its ring's lock is alive, whatever its pid says (this process holds it here).
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(real,
                java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            ch.lock();
            assertTrue(BoundedOpen.check(real, Duration.ofSeconds(10)).live(), "check judges the lock");
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(real,
                java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            ch.lock();
            assertTrue(BoundedOpen.ring(real, Duration.ofSeconds(10), s -> { }, r -> { }).live(),
                    "the streaming read judges the lock");
        }
    }
}
