package dev.faultline.internal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.BootLoopMain;
import dev.faultline.fixtures.Jvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the boot-loop guard reads: only its own application's earlier runs (several
 * applications may share a crash directory), the panic of a run even when records followed its
 * BUG, and, when it cannot read what it needs, a line at start saying so.
 */
class BootLoopGuardHistoryTest {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    List<String> opts(String app, String... more) {
        List<String> o = new ArrayList<>(List.of("-Dfaultline.dir=" + dir, "-Dfaultline.app=" + app,
                "-Dfaultline.debug=mm=panic", "-Dfaultline.panic_dumps=none"));
        o.addAll(List.of(more));
        return o;
    }

    @Test
    void anotherApplicationsBootLoopNeitherDemotesNorTaintsThisOne() throws Exception {
        for (int run = 1; run <= 3; run++) {
            assertEquals(70, Jvm.run(BootLoopMain.class, opts("looping"), TIMEOUT, "domain").exitCode);
        }
        Jvm.Result calm = Jvm.run(BootLoopMain.class, opts("calm"), TIMEOUT, "ok");
        assertEquals(0, calm.exitCode, calm.toString());
        assertFalse(calm.stderr.contains("boot-loop guard"), "another application's runs are not this one's: " + calm);
        assertTrue(calm.stdout.contains("alive Not tainted"), calm.stdout);
        assertTrue(calm.stdout.contains("mm = panic"), calm.stdout);

        // The looping application is still judged by its own runs (the calm run does not end its streak).
        Jvm.Result fourth = Jvm.run(BootLoopMain.class, opts("looping"), TIMEOUT, "domain");
        assertEquals(0, fourth.exitCode, fourth.toString());
        assertTrue(fourth.stderr.contains("boot-loop guard: debug domain mm demoted from panic to warn"), fourth.stderr);
    }

    @Test
    void aRunThatPanickedWithSuppressedCountsPendingCountsAsItsPanic() throws Exception {
        // Each run's once-site fired twice before the BUG: the panic announces that count after
        // the BUG's report, so the BUG is not the ring's last report. It is still the panic.
        for (int run = 1; run <= 3; run++) {
            Jvm.Result r = Jvm.run(BootLoopMain.class, opts("svc"), TIMEOUT, "suppressed");
            assertEquals(70, r.exitCode, "run " + run + " panics: " + r);
        }
        Jvm.Result fourth = Jvm.run(BootLoopMain.class, opts("svc"), TIMEOUT, "suppressed");
        assertEquals(0, fourth.exitCode, fourth.toString());
        assertTrue(fourth.stderr.contains("boot-loop guard: debug domain mm demoted from panic to warn"), fourth.stderr);
        assertTrue(fourth.stderr.contains("ms later \"BUG: mm at "), "named after the BUG: " + fourth.stderr);
    }

    @Test
    void anArchiveKeepBelowTheGuardsRunsIsSaidAtStart() throws Exception {
        Jvm.Result r = Jvm.run(BootLoopMain.class, opts("svc", "-Dfaultline.archive_keep=2"), TIMEOUT, "ok");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("faultline: the boot-loop guard (faultline.bootloop_guard=3/60s) needs the last 3"
                + " runs, but faultline.archive_keep=2 keeps only 2 archived runs of this application: it can never"
                + " act; set faultline.archive_keep to 3 or more, or faultline.bootloop_guard=0"), r.stderr);

        Jvm.Result off = Jvm.run(BootLoopMain.class,
                opts("svc", "-Dfaultline.archive_keep=2", "-Dfaultline.bootloop_guard=0"), TIMEOUT, "ok");
        assertFalse(off.stderr.contains("boot-loop guard"), "nothing to say when the guard is off: " + off.stderr);
        Jvm.Result enough = Jvm.run(BootLoopMain.class, opts("svc", "-Dfaultline.archive_keep=3"), TIMEOUT, "ok");
        assertFalse(enough.stderr.contains("boot-loop guard"), enough.stderr);
    }

    @Test
    void anEarlierRunTheGuardCannotReadIsSaidAtStart() throws Exception {
        assertEquals(70, Jvm.run(BootLoopMain.class, opts("svc"), TIMEOUT, "domain").exitCode);
        assertEquals(70, Jvm.run(BootLoopMain.class, opts("svc"), TIMEOUT, "domain").exitCode);
        // A third archived run whose ring can no longer be read (damaged storage, a bad copy).
        Path archive;
        try (var s = Files.list(dir.resolve("archive"))) {
            archive = s.sorted().findFirst().orElseThrow();
        }
        Path damaged = Files.createDirectory(dir.resolve("archive").resolve("20000101T000000Z-svc-7-00000000000000aa"));
        Files.write(damaged.resolve("ring.bin"), new byte[] {1, 2, 3});
        Jvm.Result r = Jvm.run(BootLoopMain.class, opts("svc"), TIMEOUT, "domain");
        assertEquals(70, r.exitCode, "two runs are not three: " + r);
        assertTrue(r.stderr.contains("faultline: the boot-loop guard cannot read 1 earlier run of the crash directory ("
                + damaged.resolve("ring.bin")), r.stderr);
        assertTrue(Files.exists(archive), "nothing it read was removed");
    }
}
