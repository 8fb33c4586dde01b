package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Cli;
import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.Launch;
import dev.faultline.fixtures.LiveMain;
import dev.faultline.internal.ring.RingWriter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command line as production uses it: the service runs as an unprivileged user, and the
 * operator runs {@code faultline} as that user (switched to it when the test runs as root).
 */
class ServiceUserCliTest {
    static final Duration WAIT = Duration.ofSeconds(90);

    static Path ownDirectory(Launch launch, String name, String mode) throws Exception {
        Path base = Files.createDirectories(Path.of("target", "service-user").toAbsolutePath());
        Path dir = launch.own(Files.createTempDirectory(base, name));
        Process c = new ProcessBuilder("chmod", mode, dir.toString()).inheritIO().start();
        assertTrue(c.waitFor(30, TimeUnit.SECONDS) && c.exitValue() == 0);
        return dir;
    }

    static String mode(Path p) throws Exception {
        return Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777);
    }

    @Test
    void psFindsTheServiceUsersJvmInItsDefaultCrashDirectoryAndStatusReadsIt() throws Exception {
        Launch svc = Launch.unprivileged();
        Path tmp = ownDirectory(svc, "tmp", "700");
        List<String> opts = List.of("-Djava.io.tmpdir=" + tmp);
        Process child = Jvm.start(svc, Jvm.testClassPath(), LiveMain.class.getName(),
                List.of("-Dfaultline.dir=", "-Djava.io.tmpdir=" + tmp, "-Dfaultline.app=svc-live"));
        try {
            Jvm.Output out = new Jvm.Output(child.getInputStream());
            Jvm.Output err = new Jvm.Output(child.getErrorStream());
            try {
                out.await("ready ", WAIT);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- stderr ---\n" + err.text(), e);
            }
            String pid = String.valueOf(child.pid());
            Jvm.Result ps = Cli.run(svc, opts, "ps");
            assertEquals(0, ps.exitCode, ps.toString());
            String line = ps.stdout.lines().filter(l -> l.trim().startsWith(pid + " ")).findFirst().orElse("");
            String user = svc.user() != null ? svc.user() : System.getProperty("user.name");
            assertTrue(line.matches("\\s*" + pid + "  " + user + "\\s+svc-live\\s+[0-9a-f]{16}\\s+W\\s+2\\s+0  " + tmp
                    + "/faultline-" + user + "/svc-live/" + pid + "-.*\\.ring"), ps.toString());
            Jvm.Result status = Cli.run(svc, opts, "status", pid);
            assertEquals(0, status.exitCode, status.toString());
            assertTrue(status.stdout.contains("pid " + pid + "  user " + user + "  app svc-live  run "), status.stdout);
            System.out.println("ps and status found the JVM of " + (svc.user() == null ? "this user" : svc.user()));
        } finally {
            try (OutputStream in = child.getOutputStream()) {
                // closing stdin ends the child
            }
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void recoverAsTheServiceUserArchivesADeadRunAndLeavesTheDirectorysModeAsItIs() throws Exception {
        recoverLeavesTheModeAsItIs(Launch.unprivileged());
    }

    @Test
    void recoverAsThisUserArchivesADeadRunAndLeavesTheDirectorysModeAsItIs() throws Exception {
        recoverLeavesTheModeAsItIs(Launch.DIRECT);
    }

    private static void recoverLeavesTheModeAsItIs(Launch svc) throws Exception {
        Path dir = ownDirectory(svc, "recover", "750");
        RingWriter dead = RingWriter.inMemory(64 * 1024, 999_101, 1_700_000_000_000L, "0123456789abcdef", "svc-app");
        dead.append(System.Logger.Level.INFO, "svc", "the last line before the kill");
        Files.write(dir.resolve("999101-0123456789abcdef.ring"), dead.snapshot());
        svc.own(dir);
        Jvm.Result r = Cli.run(svc, List.of(), "recover", dir.toString());
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("1 run recovered from " + dir), r.toString());
        assertEquals("750", mode(dir), "recover changes no mode of a directory it did not create");
        try (Stream<Path> s = Files.list(dir.resolve("archive"))) {
            Path run = s.findFirst().orElseThrow();
            assertTrue(Files.readString(run.resolve("ring.txt")).contains("the last line before the kill"), run.toString());
        }
    }
}
