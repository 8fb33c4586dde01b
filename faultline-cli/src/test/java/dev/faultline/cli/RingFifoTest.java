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
}
