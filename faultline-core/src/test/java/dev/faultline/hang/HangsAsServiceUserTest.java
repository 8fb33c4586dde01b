package dev.faultline.hang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.faultline.fixtures.HangMain;
import dev.faultline.fixtures.Jvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Production is not root: the hang detectors as the unprivileged service user {@code fl-svc}
 * (run where the tests run as root and that user exists, as on the project's CI machine;
 * skipped elsewhere). The classes are copied to a world-readable directory first. Reports are
 * checked on the console: the ring's own tests run as root.
 */
class HangsAsServiceUserTest {
    private static Path classes;

    @BeforeAll
    static void copyClasses() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "runs as root, to become fl-svc");
        assumeTrue(new ProcessBuilder("id", "fl-svc").start().waitFor() == 0, "the user fl-svc exists");
        classes = Files.createTempDirectory("faultline-hang-svc-");
        Files.setPosixFilePermissions(classes, PosixFilePermissions.fromString("rwxr-xr-x"));
        copy(Path.of("target", "classes"), classes.resolve("classes"));
        copy(Path.of("target", "test-classes"), classes.resolve("test-classes"));
    }

    @AfterAll
    static void removeClasses() throws IOException {
        if (classes != null) {
            try (Stream<Path> all = Files.walk(classes)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void deadlocksHungTasksLockupsAndStallsAreReportedForAServiceUser() throws Exception {
        assertTrue(run("deadlock-monitor", 5, null, "-Dfaultline.deadlock_check=1").contains("\nDEADLOCK: deadlock at "));
        assertTrue(run("hung-lock", 6, null, "-Dfaultline.hung_task_timeout=2",
                "-Dfaultline.hung_task_check_interval=500ms").contains("\nHUNG: hung_task at "));
        String lockup = run("lockup", 8, null);
        assertTrue(lockup.contains("\nLOCKUP: event-loop at ") && lockup.contains("\nNOTICE: event-loop\n"), lockup);
        String stall = run("stall", 6, (runuser, pid) -> {
            sleep(1500);
            signal(pid, "STOP");
            sleep(4000);
            signal(pid, "CONT");
            // runuser stops itself when its child stops (as su does): continue it too.
            signal(runuser, "CONT");
        }, "-Dfaultline.stall_threshold=2");
        assertTrue(stall.contains("\nSTALL: jvm\n") && stall.contains("most likely the whole process was not running"),
                stall);
        String idle = run("idle", 8, null, "-Dfaultline.hung_task_timeout=1", "-Dfaultline.hung_task_check_interval=200ms",
                "-Dfaultline.deadlock_check=500ms", "-Dfaultline.stall_threshold=0");
        assertTrue(!idle.contains("cut here"), idle);
    }

    interface WhileRunning {
        void accept(long runuser, long java) throws Exception;
    }

    /** Runs a {@link HangMain} scenario as fl-svc; returns its stderr, which starts with a newline. */
    private static String run(String scenario, int seconds, WhileRunning during, String... keys) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", "fl-svc", "--", Jvm.javaBin(), "-XX:TieredStopAtLevel=1"));
        cmd.addAll(List.of(keys));
        cmd.addAll(List.of("-cp", classes.resolve("test-classes") + ":" + classes.resolve("classes"),
                HangMain.class.getName(), scenario, String.valueOf(seconds)));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(classes.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("FAULTLINE_"));
        Path err = Files.createTempFile("hang-svc", ".err");
        Process p = pb.redirectErrorStream(false).redirectError(err.toFile()).start();
        Jvm.Output out = new Jvm.Output(p.getInputStream());
        if (during != null) {
            out.await("READY", java.time.Duration.ofSeconds(60));
            during.accept(p.pid(), javaPid(p));
        }
        if (!p.waitFor(seconds + 90L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(scenario + " did not finish");
        }
        String text = "\n" + Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(err);
        assertEquals(0, p.exitValue(), scenario + ":\n" + out.text() + text);
        return text;
    }

    /** The JVM under runuser: its only child. */
    private static long javaPid(Process runuser) {
        return runuser.toHandle().children().findFirst().orElseThrow().pid();
    }

    private static void signal(long pid, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start().waitFor());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(p, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }
}
