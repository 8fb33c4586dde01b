package dev.faultline.internal.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.BootLoopMain;
import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.Launch;
import dev.faultline.fixtures.PanicMain;
import dev.faultline.fixtures.RingChildMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Production is not root: every crash-path feature, with the JVM run as an unprivileged service
 * user (switched to it when the test runs as root; the test's own user otherwise) — the ring in
 * every kind of directory of the user's own, recovery and archive at the next start (also as
 * pid 1 of its own PID namespace), the boot-loop guard's run history, the heavy panic dumps.
 */
class ServiceUserTest {
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** A fresh directory of the child's user with {@code mode}, under {@code target/} (which any user can enter). */
    static Path ownDirectory(Launch launch, String name, String mode) throws Exception {
        Path base = Files.createDirectories(Path.of("target", "service-user").toAbsolutePath());
        Path dir = launch.own(Files.createTempDirectory(base, name));
        chmod(mode, dir);
        return dir;
    }

    static void chmod(String mode, Path p) throws Exception {
        // chmod(1): Java cannot set the sticky bit.
        Process c = new ProcessBuilder("chmod", mode, p.toString()).inheritIO().start();
        assertTrue(c.waitFor(30, TimeUnit.SECONDS) && c.exitValue() == 0, "chmod " + mode + " " + p);
    }

    /** The permission bits of {@code p} in octal, the sticky bit included ({@code 1777}). */
    static String mode(Path p) throws IOException {
        int m = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return Integer.toOctalString(m & 07777);
    }

    /** The owner's name of {@code p} (a link itself). */
    static String owner(Path p) throws IOException {
        return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
    }

    /** The user name a child of {@code launch} runs as. */
    static String userOf(Launch launch) {
        return launch.user() != null ? launch.user() : System.getProperty("user.name");
    }

    /** The ring file named by the child's {@code ready <file>} line; fails when the ring stayed in memory. */
    static Path readyRing(Jvm.Result r) {
        String first = r.stdout.lines().findFirst().orElse("");
        assertTrue(first.startsWith("ready /"), "a ring file, not in memory only:\n" + r);
        return Path.of(first.substring("ready ".length()));
    }

    @Test
    void theRingIsWrittenInTheDefaultDirectoryInAnExistingDirectoryAndInAFreshOne() throws Exception {
        Launch svc = Launch.unprivileged();
        // The default: <java.io.tmpdir>/faultline-<user>/<app>, with a private temporary directory.
        Path tmp = ownDirectory(svc, "tmp", "700");
        Jvm.Result byDefault = Jvm.run(svc, RingChildMain.class, List.of("-Dfaultline.dir=", "-Djava.io.tmpdir=" + tmp,
                "-Dfaultline.app=svc-default"), TIMEOUT, "exit");
        assertEquals(0, byDefault.exitCode, byDefault.toString());
        Path ring = readyRing(byDefault);
        assertEquals(tmp.resolve("faultline-" + userOf(svc)).resolve("svc-default"), ring.getParent(), byDefault.toString());
        assertEquals(userOf(svc), owner(ring));
        assertEquals("700", mode(ring.getParent()), "a directory Faultline created is owner-only");

        // An existing directory of the user's, readable by others (a home directory's folder).
        Path existing = ownDirectory(svc, "home", "755");
        Jvm.Result inExisting = Jvm.run(svc, RingChildMain.class, List.of("-Dfaultline.dir=" + existing), TIMEOUT, "exit");
        assertEquals(0, inExisting.exitCode, inExisting.toString());
        assertEquals(existing, readyRing(inExisting).getParent(), inExisting.toString());
        assertEquals("755", mode(existing), "an existing directory keeps its mode");
        assertEquals("600", mode(readyRing(inExisting)));

        // A directory that does not exist yet, two levels down.
        Path fresh = ownDirectory(svc, "fresh", "700").resolve("var").resolve("crash");
        Jvm.Result inFresh = Jvm.run(svc, RingChildMain.class, List.of("-Dfaultline.dir=" + fresh), TIMEOUT, "exit");
        assertEquals(0, inFresh.exitCode, inFresh.toString());
        assertEquals(fresh, readyRing(inFresh).getParent(), inFresh.toString());
        assertEquals(userOf(svc), owner(fresh));
        assertEquals("700", mode(fresh));
        System.out.println("service user " + userOf(svc) + ": rings written in the default, an existing and a fresh"
                + " directory");
    }

    @Test
    void aKilledRunIsRecoveredAndArchivedAtTheNextStart() throws Exception {
        killedRunIsRecovered(Launch.unprivileged());
    }

    @Test
    void aKilledRunThatWasPidOneOfItsOwnNamespaceIsRecoveredAndArchivedAtTheNextStart() throws Exception {
        killedRunIsRecovered(Launch.unprivileged().pidOne());
    }

    private static void killedRunIsRecovered(Launch svc) throws Exception {
        Path dir = ownDirectory(svc, "recover", "700");
        List<String> opts = List.of("-Dfaultline.dir=" + dir, "-Dfaultline.app=svc-recover");
        Process victim = Jvm.start(svc, RingChildMain.class, opts, "sleep");
        String ready;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8))) {
            // A JVM's own warnings go to stdout too (two pid-1 JVMs of one user share /tmp/hsperfdata_<user>/1).
            do {
                ready = out.readLine();
            } while (ready != null && !ready.startsWith("ready "));
            String err = ready == null ? new String(victim.getErrorStream().readAllBytes(), StandardCharsets.UTF_8) : "";
            assertTrue(ready != null && ready.startsWith("ready " + dir + "/"), ready + "\n" + err);
            long jvm = svc.jvmPid(victim);
            new ProcessBuilder("kill", "-9", Long.toString(jvm)).start().waitFor();
            assertTrue(victim.waitFor(60, TimeUnit.SECONDS));
        }
        String run = RecoveryEndToEndTest.runIdOf(ready);
        String pid = svc.isPidOne() ? "1" : ready.replaceAll(".*/([0-9]+)-[0-9a-f]+\\.ring$", "$1");

        Jvm.Result next = Jvm.run(svc, RingChildMain.class, opts, TIMEOUT, "exit");
        assertEquals(0, next.exitCode, next.toString());
        List<String> lines = RecoveryEndToEndTest.recoveredLines(next.stderr);
        assertEquals(1, lines.size(), next.toString());
        assertTrue(lines.get(0).contains("run " + run + " (app svc-recover, pid " + pid + ","), lines.get(0));
        Path archive = dir.resolve(Recovery.ARCHIVE);
        List<Path> runs;
        try (Stream<Path> s = Files.list(archive)) {
            runs = s.toList();
        }
        assertEquals(1, runs.size(), runs.toString());
        assertTrue(Files.readString(runs.get(0).resolve("ring.txt")).contains("INFO child: hello from "), runs.toString());
        assertEquals(userOf(svc), owner(runs.get(0).resolve("ring.bin")));
        System.out.println("service user " + userOf(svc) + " (" + svc + "): killed run recovered and archived");
    }

    @Test
    void theBootLoopGuardReadsTheRunsOfTheServiceUser() throws Exception {
        Launch svc = Launch.unprivileged();
        Path dir = ownDirectory(svc, "bootloop", "700");
        List<String> opts = List.of("-Dfaultline.dir=" + dir, "-Dfaultline.debug=mm=panic", "-Dfaultline.panic_dumps=none");
        for (int run = 1; run <= 3; run++) {
            Jvm.Result r = Jvm.run(svc, BootLoopMain.class, opts, TIMEOUT, "domain");
            assertEquals(70, r.exitCode, "run " + run + " panics: " + r);
        }
        Jvm.Result fourth = Jvm.run(svc, BootLoopMain.class, opts, TIMEOUT, "domain");
        assertEquals(0, fourth.exitCode, "the fourth run starts demoted: " + fourth);
        assertTrue(fourth.stderr.contains("faultline: boot-loop guard: debug domain mm demoted from panic to warn"),
                fourth.stderr);
    }

    @Test
    void heavyPanicDumpsAreWrittenInTheServiceUsersDirectory() throws Exception {
        Launch svc = Launch.unprivileged();
        Path dumps = ownDirectory(svc, "dumps", "750");
        // The JDK's own recording repository, which a halt leaves behind, goes here rather than to /tmp.
        Path repository = ownDirectory(svc, "jfr-repository", "700");
        Jvm.Result r = Jvm.run(svc, PanicMain.class, List.of("-Xmx32m", "-XX:StartFlightRecording",
                "-XX:FlightRecorderOptions=repository=" + repository, "-Dfaultline.panic_dumps=threads,jfr,heap",
                "-Dfaultline.panic_dump_dir=" + dumps), TIMEOUT, "bug");
        assertEquals(70, r.exitCode, r.toString());
        assertTrue(!r.stderr.contains("failed"), "no dumper failed:\n" + r);
        List<Path> runDirs;
        try (Stream<Path> s = Files.list(dumps)) {
            runDirs = s.toList();
        }
        assertEquals(1, runDirs.size(), runDirs + "\n" + r);
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(runDirs.get(0))) {
            for (Path f : s.sorted().toList()) {
                names.add(f.getFileName().toString());
                assertEquals(userOf(svc), owner(f), f.toString());
                assertEquals("600", mode(f), f.toString());
                assertTrue(Files.size(f) > 0, f.toString());
            }
        }
        assertEquals(2, names.size(), names + "\n" + r);
        assertTrue(names.stream().anyMatch(n -> n.endsWith("-heap.hprof")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.contains("-jfr-")), names.toString());
        assertEquals("750", mode(dumps), "the dump directory keeps its mode");
    }
}
