package dev.faultline.internal.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import dev.faultline.PanicError;
import dev.faultline.fixtures.Captured;
import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.RingChildMain;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.runtime.Core;
import dev.faultline.ring.CrashRing;
import dev.faultline.ring.RingFormat;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import dev.faultline.ring.RingScan;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ring of the running process: where it lives, what goes in, and how it is configured. */
class CrashRingRuntimeTest {
    @TempDir
    Path tmp;

    static RingScan myRing() {
        // Read through the writer, not the file: closing another channel on our own ring file
        // would drop this process's lock on it.
        return RingReader.read(((RingWriter) Faultline.ring()).snapshot(), "this run");
    }

    @Test
    void thisRunsRingIsAnOwnerOnlyFileInTheCrashDirectoryNamedByPidAndRunId() throws Exception {
        CrashRing ring = Faultline.ring();
        Path file = ring.file();
        assertNotNull(file, "the surefire configuration points faultline.dir at target/faultline-test");
        assertEquals(Path.of(System.getProperty("faultline.dir")).toAbsolutePath().normalize(), file.getParent());
        assertEquals(Core.PID + "-" + Core.RUN_ID + ".ring", file.getFileName().toString());
        assertEquals(1 << 20, ring.capacity());
        assertEquals(RingFormat.HEADER_LENGTH + (1 << 20), Files.size(file));
        if (RingFiles.posix(file)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        }
        RingScan scan = myRing();
        assertEquals(Core.PID, scan.pid());
        assertEquals(Core.RUN_ID, scan.runId());
    }

    @Test
    void everyReportGoesIntoTheRingAndApplicationRecordsSitBetweenThem() {
        try (Captured c = new Captured()) {
            long before = Faultline.ring().append(Level.INFO, "app.Orders", "about to check");
            Faultline.site("ring.runtime-test").warnOn(true, "balance %s", -5);
            try {
                Faultline.site("ring.runtime-bug").bugOn(true);
            } catch (PanicError expected) {
                // test mode: the panic path ran (the BUG is the panic report, the ring was forced) and threw
            }
            List<RingRecord> rs = myRing().records();
            RingRecord app = rs.stream().filter(r -> r.sequence() == before).findFirst().orElseThrow();
            assertEquals("app.Orders", app.logger());
            // Reports only: the panic's own lines (not syncing) are ring records too.
            List<RingRecord> after = rs.stream().filter(r -> r.sequence() > before && r.isReport()).toList();
            assertEquals(List.of("WARNING", "BUG"), after.stream().map(RingRecord::kind).toList(),
                    after.toString());
            assertEquals("ring.runtime-test", after.get(0).logger());
            assertTrue(after.get(0).message().contains("\nMessage: balance -5\n"), after.get(0).message());
            assertTrue(after.get(1).firstLine().startsWith("BUG: ring.runtime-bug at "), after.get(1).firstLine());
        }
    }

    @Test
    void appendingAllocatesNothingOnceTheThreadHasAppendedBefore() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        RingWriter ring = RingWriter.inMemory(1 << 20, 1, 1, "0000000000000000");
        String message = "order 12345 for customer 67890 was accepted after 3 retries; queue depth 17, latency 4 ms.....";
        long tid = Thread.currentThread().getId();
        String[] loggers = {"app.Orders", "app.Payments", "app.Ünïcode"};
        for (int i = 0; i < 200_000; i++) { // warm up: compile the path
            ring.append(Level.INFO, loggers[i % 3], message);
        }
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) { // switching loggers on every record, as applications do
            ring.append(Level.INFO, loggers[i % 3], message);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        // A handful of bytes can come from the measurement itself; one byte per append cannot.
        assertTrue(allocated < 10_000, "100000 appends allocated " + allocated + " bytes");
    }

    @Test
    void ringSizesTakeKMAndGSuffixes() {
        assertEquals(65536, CrashRings.parseSize("64k"));
        assertEquals(1 << 20, CrashRings.parseSize(" 1M "));
        assertEquals(1L << 30, CrashRings.parseSize("1g"));
        assertEquals(4096, CrashRings.parseSize("4096"));
        assertEquals(-1, CrashRings.parseSize("lots"));
        assertEquals(-1, CrashRings.parseSize("-5m"));
        assertEquals(-1, CrashRings.parseSize("99999999999g"));
    }

    @Test
    void aBadRingSizeIsReportedByKeyAndTheDefaultApplies() {
        String old = System.setProperty("faultline.ring_size", "3k");
        try {
            assertEquals(1 << 20, CrashRings.ringSize());
        } finally {
            if (old == null) {
                System.clearProperty("faultline.ring_size");
            } else {
                System.setProperty("faultline.ring_size", old);
            }
        }
        assertTrue(Settings.problems().contains("faultline: invalid value '3k' for faultline.ring_size (from system property"
                + " faultline.ring_size): expected a size in bytes with an optional k, m or g suffix, from 64k to 1g;"
                + " keeping the default 1m"), Settings.problems().toString());
    }

    @Test
    void ringOffMeansNoFileNoRecoveryAndAppendsReturnMinusOne() throws Exception {
        Jvm.Result r = Jvm.run(RingChildMain.class, List.of("-Dfaultline.dir=" + tmp, "-Dfaultline.ring=0"),
                Duration.ofSeconds(60), "exit");
        assertEquals(0, r.exitCode, r.toString());
        assertEquals("ready null\n", r.stdout);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void aPeriodicForceRunsOnItsOwnDaemonThreadOnlyWhenAsked() throws Exception {
        Jvm.Result on = Jvm.run(RingChildMain.class, List.of("-Dfaultline.dir=" + tmp, "-Dfaultline.ring_force_ms=100"),
                Duration.ofSeconds(60), "threads");
        assertEquals(0, on.exitCode, on.toString());
        assertTrue(on.stdout.contains("\nthread faultline-ring-force\n"), on.stdout);
        Jvm.Result off = Jvm.run(RingChildMain.class, List.of("-Dfaultline.dir=" + tmp), Duration.ofSeconds(60), "threads");
        assertTrue(!off.stdout.contains("faultline-ring-force"), off.stdout);
        Jvm.Result bad = Jvm.run(RingChildMain.class, List.of("-Dfaultline.dir=" + tmp, "-Dfaultline.ring_force_ms=soon"),
                Duration.ofSeconds(60), "threads");
        assertTrue(bad.stderr.contains("faultline: invalid value 'soon' for faultline.ring_force_ms (from system property"
                + " faultline.ring_force_ms): expected an integer from 0 to 86400000; keeping the default 0"), bad.stderr);
        assertTrue(!bad.stdout.contains("faultline-ring-force"), bad.stdout);
    }

    @Test
    void theDefaultDirectoryIsPerUserAndPerApplicationUnderTheTemporaryDirectory() {
        String old = System.clearProperty("faultline.dir");
        try {
            assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "faultline-" + System.getProperty("user.name"),
                    dev.faultline.Faultline.app()), CrashRings.directory());
        } finally {
            System.setProperty("faultline.dir", old);
        }
    }
}
