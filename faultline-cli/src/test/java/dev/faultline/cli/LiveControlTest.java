package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Cli;
import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.LiveMain;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code ps}, {@code status}, {@code sysctl} and {@code debug} against a real running child JVM,
 * each command run as a user would, in a JVM of its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // one child: read it before it is changed
class LiveControlTest {
    static final Duration WAIT = Duration.ofSeconds(90);
    static Process child;
    static Jvm.Output out;
    static Jvm.Output err;
    static Path dir;
    static String pid;

    @BeforeAll
    static void startChild() throws Exception {
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "faultline-children")), "live")
                .toAbsolutePath();
        child = Jvm.start(Jvm.testClassPath(), LiveMain.class.getName(),
                List.of("-Dfaultline.dir=" + dir, "-Dfaultline.app=live-test"));
        out = new Jvm.Output(child.getInputStream());
        err = new Jvm.Output(child.getErrorStream());
        out.await("ready ", WAIT);
        pid = String.valueOf(child.pid());
    }

    @AfterAll
    static void stopChild() throws Exception {
        if (child != null) {
            try (OutputStream in = child.getOutputStream()) {
                // closing stdin ends the child
            }
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    @Test
    @Order(1)
    void statusShowsIdentityCountsBusiestSitesAndDomains() throws Exception {
        Jvm.Result r = Cli.run("status", pid);
        assertEquals(0, r.exitCode, r.toString());
        String s = r.stdout;
        assertTrue(s.contains("pid " + pid + "  user " + System.getProperty("user.name") + "  app live-test  run "), s);
        assertTrue(s.contains("ring: " + dir.resolve(pid + "-")), s);
        assertTrue(s.contains("Tainted: W"), s);
        assertTrue(s.contains("warnings 2, oopses 0"), s);
        assertTrue(s.contains("faultline.panic_on_warn = 0"), s);
        assertTrue(s.matches("(?s).*\\s+7\\s+1\\s+6  live\\.busy \\(20.*"), s);
        assertTrue(s.indexOf("live.busy (") < s.indexOf("live.rare ("), "busiest first:\n" + s);
        assertTrue(s.contains("\n  live.cache = off ("), s);
        // The sites the child declared (live.busy, live.rare, and the check of domain live.cache), not
        // Faultline's internal overflow site.
        assertTrue(s.contains("sites: 3 declared, 2 fired"), s);
    }

    @Test
    @Order(3)
    void sysctlListsReadsAndSetsPrintingTheChangeLine() throws Exception {
        Jvm.Result all = Cli.run("sysctl", pid);
        assertEquals(0, all.exitCode, all.toString());
        assertTrue(all.stdout.contains("faultline.warn_limit = "), all.stdout);
        assertTrue(all.stdout.contains("faultline.debug = \n"), "nothing set, nothing to read back: " + all.stdout);

        Jvm.Result set = Cli.run("sysctl", pid, "oops_limit=20", "faultline.oops_limit", "ring_size=2m", "panic_timeout=x");
        assertEquals(2, set.exitCode, set.toString());
        String via = "(via cli as " + System.getProperty("user.name") + ")";
        assertTrue(set.stdout.contains("faultline: faultline.oops_limit changed from 10000 to 20 " + via + "\n"
                + "faultline.oops_limit = 20\n"), set.stdout);
        assertTrue(set.stderr.contains("faultline: faultline.ring_size is read at start-up only"), set.stderr);
        assertTrue(set.stderr.contains("faultline: invalid value 'x' for faultline.panic_timeout"), set.stderr);
        err.await("faultline: faultline.oops_limit changed from 10000 to 20 " + via, WAIT);
    }

    @Test
    @Order(4)
    void debugSwitchesADomainInTheRunningCode() throws Exception {
        Jvm.Result r = Cli.run("debug", pid, "live.cache=warn");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("live.cache = warn (set via cli as " + System.getProperty("user.name") + ")"),
                r.stdout);
        out.await("live.cache checked", WAIT);

        Jvm.Result bad = Cli.run("debug", pid, "live.other=loud");
        assertEquals(2, bad.exitCode, bad.toString());
        assertTrue(bad.stderr.contains("unknown mode 'loud'"), bad.stderr);
    }

    @Test
    @Order(2)
    void psWithoutDirFindsAJvmWhoseCrashDirectoryIsItsOwn() throws Exception {
        // The child's faultline.dir is under target/, not a default crash directory: found by its socket.
        Jvm.Result r = Cli.run("ps");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.lines().anyMatch(l -> l.trim().startsWith(pid + " ") && l.contains(" live-test ")
                && l.endsWith(".ring") && l.contains(dir.resolve(pid + "-").toString())), r.stdout);
    }

    @Test
    @Order(2)
    void psWithoutDirFindsAJvmWithoutControlSocketByTheDirectoryOnItsCommandLine() throws Exception {
        Path own = Files.createTempDirectory(Files.createDirectories(Path.of("target", "faultline-children")), "quiet")
                .toAbsolutePath();
        Process quiet = Jvm.start(Jvm.testClassPath(), LiveMain.class.getName(),
                List.of("-Dfaultline.dir=" + own, "-Dfaultline.app=quiet-test", "-Dfaultline.control=0"));
        try {
            new Jvm.Output(quiet.getInputStream()).await("ready ", WAIT);
            Jvm.Result r = Cli.run("ps");
            String line = r.stdout.lines().filter(l -> l.trim().startsWith(quiet.pid() + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("not listed: " + r));
            assertTrue(line.endsWith(".ring") && line.contains(own.resolve(quiet.pid() + "-").toString()), line);
            assertTrue(r.stdout.contains("note: pid " + quiet.pid()), "its row has no answers, and a note says why: " + r);
        } finally {
            quiet.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(5)
    void everyChangeThroughTheCliIsOneRingRecordWithOnePrefix() throws Exception {
        Jvm.Result r = Cli.run("ring", "show", dir.toString());
        assertEquals(0, r.exitCode, r.toString());
        String via = "(via cli as " + System.getProperty("user.name") + ")";
        List<String> config = r.stdout.lines().filter(l -> l.contains(" CONFIG ")).collect(Collectors.toList());
        assertEquals(1, config.stream().filter(l -> l.endsWith(" CONFIG faultline: faultline.oops_limit changed from 10000"
                + " to 20 " + via)).count(), r.stdout);
        assertEquals(1, config.stream().filter(l -> l.endsWith(" CONFIG faultline: debug domain live.cache changed from"
                + " inherit (off) to warn " + via)).count(), r.stdout);
        assertTrue(config.stream().noneMatch(l -> l.contains("faultline: faultline: ")), r.stdout);
    }

    @Test
    @Order(2)
    void psFindsTheChildByItsLiveRing() throws Exception {
        Jvm.Result r = Cli.run("ps", "--dir", dir.toString());
        assertEquals(0, r.exitCode, r.toString());
        String line = r.stdout.lines().filter(l -> l.trim().startsWith(pid + " ")).findFirst().orElse("");
        assertTrue(line.matches("\\s*" + pid + "  " + System.getProperty("user.name") + "\\s+live-test\\s+[0-9a-f]{16}\\s+W\\s+2\\s+0  " + dir.resolve(pid + "-")
                + ".*\\.ring"), r.stdout);
    }

    @Test
    @Order(5)
    void ringShowSaysTheChildsRingIsLive() throws Exception {
        Jvm.Result r = Cli.run("ring", "show", dir.toString());
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains(": app live-test run ") && r.stdout.contains(" pid " + pid + " started ")
                && r.stdout.contains(", still running; "), r.stdout);
        Jvm.Result json = Cli.run("ring", "show", "--json", dir.toString());
        assertTrue(json.stdout.contains("\"app\":\"live-test\",\"live\":true}"), json.stdout);
    }

    @Test
    void aPidThatIsNoProcessIsNamed() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Jvm.Result r = Cli.run("status", String.valueOf(gone.pid()));
        assertEquals(4, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("faultline: no process with pid " + gone.pid() + " (list the Faultline JVMs"), r.stderr);
    }

    @Test
    void aProcessThatIsNoJvmIsNamedAndLeftAlive() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            Jvm.Result r = Cli.run("sysctl", String.valueOf(sleep.pid()));
            assertEquals(4, r.exitCode, r.toString());
            assertTrue(r.stderr.contains("pid " + sleep.pid() + " (") && r.stderr.contains("has no Faultline control socket"), r.stderr);
            Thread.sleep(200);
            assertTrue(sleep.isAlive(), "nothing may be sent to a process that is not a Faultline JVM (SIGQUIT kills it)");
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void aJvmWithoutFaultlineIsNamed() throws Exception {
        Process plain = Jvm.start(Jvm.testClassPath(), IdleMain.class.getName(), List.of());
        try {
            new Jvm.Output(plain.getInputStream()).await("idle", WAIT);
            Jvm.Result r = Cli.run("status", String.valueOf(plain.pid()));
            assertEquals(4, r.exitCode, r.toString());
            assertTrue(r.stderr.contains("has no Faultline control socket"), r.stderr);
        } finally {
            plain.destroyForcibly().waitFor();
        }
    }

    @Test
    void aJvmThatRefusesAttachIsControlledAllTheSame() throws Exception {
        // Live control does not use the Attach API: a JVM that takes no attach is reached through its socket.
        Process closed = Jvm.start(Jvm.testClassPath(), LiveMain.class.getName(), List.of("-XX:+DisableAttachMechanism",
                "-Dfaultline.ring=0", "-Dfaultline.app=closed"));
        try {
            new Jvm.Output(closed.getInputStream()).await("ready ", WAIT);
            Jvm.Result r = Cli.run("debug", String.valueOf(closed.pid()), "live.cache=warn");
            assertEquals(0, r.exitCode, r.toString());
            assertTrue(r.stdout.contains("live.cache = warn (set via cli as "), r.stdout);
        } finally {
            closed.destroy(); // SIGTERM: it removes its control socket on the way out
            if (!closed.waitFor(30, TimeUnit.SECONDS)) {
                closed.destroyForcibly().waitFor();
            }
        }
    }

    /** A JVM that never touches Faultline. */
    public static final class IdleMain {
        public static void main(String[] args) throws Exception {
            System.out.println("idle");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
