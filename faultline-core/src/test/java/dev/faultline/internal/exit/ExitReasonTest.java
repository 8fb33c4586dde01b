package dev.faultline.internal.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.BugAfterSuppressedMain;
import dev.faultline.fixtures.ExitChildMain;
import dev.faultline.fixtures.ExitNextMain;
import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.Launch;
import dev.faultline.internal.ring.Recovery;
import dev.faultline.ring.ExitReason;
import dev.faultline.ring.RecoveredRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * One test per way a run ends: a real child JVM ends that way (a real signal, a real HotSpot
 * crash, a real heap exhaustion), and the next start (another real JVM of the same application
 * and user) says why, with its evidence. The signal, kill and crash runs are repeated as the
 * unprivileged service user. {@code -Dfaultline.exitTrials=N} repeats each (the {@code
 * exit-trials} profile runs 20); the counts are printed at the end.
 */
class ExitReasonTest {
    static final int TRIALS = Integer.getInteger("faultline.exitTrials", 2);
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final String APP = "exit-test";
    static final Map<String, int[]> COUNTS = new TreeMap<>();

    @AfterAll
    static void counts() {
        StringBuilder b = new StringBuilder("exit reasons classified as expected (passed/trials):");
        COUNTS.forEach((k, v) -> b.append("\n  ").append(k).append(": ").append(v[0]).append('/').append(v[1]));
        System.out.println(b);
    }

    static Path fresh(Launch launch) throws Exception {
        Path base = Files.createDirectories(Path.of("target", "exit-runs").toAbsolutePath());
        base.toFile().setExecutable(true, false);
        base.toFile().setReadable(true, false);
        return launch.own(Files.createTempDirectory(base, "run"));
    }

    static List<String> opts(Path dir, String... more) {
        List<String> o = new ArrayList<>(List.of("-Dfaultline.dir=" + dir, "-Dfaultline.app=" + APP,
                "-XX:ErrorFile=" + dir + "/hs_err_pid%p.log", "-XX:-CreateCoredumpOnCrash"));
        o.addAll(List.of(more));
        return o;
    }

    /** The next start's line about the one dead run: {@code run <id> <reason> <confidence> <evidence>}. */
    static String next(Launch launch, Path dir) throws Exception {
        Jvm.Result r = Jvm.run(launch, ExitNextMain.class, opts(dir), TIMEOUT);
        assertEquals(0, r.exitCode, r.toString());
        List<String> runs = new ArrayList<>();
        for (String l : r.stdout.split("\n")) {
            if (l.startsWith("run ")) {
                runs.add(l);
            }
        }
        assertEquals(1, runs.size(), r.toString());
        return runs.get(0) + "\n" + r.stdout + r.stderr;
    }

    static void trial(String name, Trial t) throws Exception {
        int[] c = COUNTS.computeIfAbsent(name, k -> new int[2]);
        Throwable first = null;
        for (int i = 0; i < TRIALS; i++) {
            c[1]++;
            try {
                t.run();
                c[0]++;
            } catch (org.opentest4j.TestAbortedException e) {
                c[1]--;
                throw e;
            } catch (Exception | AssertionError e) {
                first = first == null ? e : first; // every trial runs: the counts say how often it holds
            }
        }
        if (first != null) {
            throw new AssertionError(name + ": " + (c[1] - c[0]) + " of " + c[1] + " trials failed; the first: " + first,
                    first);
        }
    }

    interface Trial {
        void run() throws Exception;
    }

    static Process started(Launch launch, Path dir, String mode, String... more) throws Exception {
        Process p = Jvm.start(launch, ExitChildMain.class, opts(dir, more), mode);
        Jvm.Output out = new Jvm.Output(p.getInputStream());
        Jvm.Output err = new Jvm.Output(p.getErrorStream());
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!out.text().contains("ready")) {
            if (!p.isAlive() || System.nanoTime() - deadline > 0) {
                p.destroyForcibly();
                throw new AssertionError("the child did not get ready (" + (p.isAlive() ? "timed out" : "exit "
                        + p.waitFor()) + "):\n" + out.text() + err.text());
            }
            Thread.sleep(20);
        }
        return p;
    }

    static void ends(Process p) throws Exception {
        assertTrue(p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the child did not end");
    }

    static void expect(String line, ExitReason reason, String confidence, String... evidence) {
        String first = line.substring(0, line.indexOf('\n'));
        assertTrue(first.matches("run [0-9a-f]+ " + reason.label() + " " + confidence + " .*"), line);
        for (String e : evidence) {
            assertTrue(first.contains(e), "'" + e + "' missing in: " + line);
        }
    }

    @Test
    void cleanExit() throws Exception {
        trial("clean", () -> {
            Path dir = fresh(Launch.DIRECT);
            assertEquals(0, Jvm.run(ExitChildMain.class, opts(dir), TIMEOUT, "clean").exitCode);
            expect(next(Launch.DIRECT, dir), ExitReason.CLEAN, "certain", "shutdown hooks finished", "no signal");
        });
    }

    @Test
    void sigtermWithFastHooks() throws Exception {
        for (Launch l : List.of(Launch.DIRECT, Launch.unprivileged())) {
            trial("signal (hooks finished) " + l, () -> {
                Path dir = fresh(l);
                Process p = started(l, dir, "wait");
                p.destroy(); // SIGTERM
                ends(p);
                assertEquals(143, p.exitValue());
                expect(next(l, dir), ExitReason.SIGNAL, "certain", "SIGTERM at ", "shutdown hooks finished");
            });
        }
    }

    @Test
    void sigtermWithHangingHookThenSigkill() throws Exception {
        for (Launch l : List.of(Launch.DIRECT, Launch.unprivileged())) {
            trial("signal (killed during shutdown) " + l, () -> {
                Path dir = fresh(l);
                Process p = started(l, dir, "hang-hook");
                p.destroy(); // SIGTERM; a hook hangs
                Thread.sleep(2000);
                p.destroyForcibly(); // SIGKILL, as a supervisor's grace period ends
                ends(p);
                String line = next(l, dir);
                expect(line, ExitReason.SIGNAL, "certain", "killed during shutdown, ", " after SIGTERM",
                        "shutdown hooks never finished");
                double s = Double.parseDouble(line.replaceAll("(?s).*killed during shutdown, ([0-9.]+) s after.*", "$1"));
                assertTrue(s >= 1.0 && s < 30, line);
            });
        }
    }

    @Test
    void sigkill() throws Exception {
        for (Launch l : List.of(Launch.DIRECT, Launch.unprivileged())) {
            trial("killed " + l, () -> {
                Path dir = fresh(l);
                Process p = started(l, dir, "wait");
                p.destroyForcibly();
                ends(p);
                expect(next(l, dir), ExitReason.KILLED, "likely", "SIGKILL or a halt");
            });
        }
    }

    @Test
    void hotspotCrashWithItsHsErrFoundAndArchived() throws Exception {
        for (Launch l : List.of(Launch.DIRECT, Launch.unprivileged())) {
            trial("jvm_crash " + l, () -> {
                Path dir = fresh(l);
                Process p = started(l, dir, "crash");
                ends(p);
                assertEquals(1, p.exitValue()); // HotSpot's exit after a fatal error with -XX:-CreateCoredumpOnCrash
                String line = next(l, dir);
                expect(line, ExitReason.JVM_CRASH, "certain", "HotSpot fatal error: SIGSEGV", "problematic frame: ",
                        "JRE version: ", "copied to ");
                String archive = line.replaceAll("(?s).*\narchive [0-9a-f]+ (\\S+)\n.*", "$1");
                assertTrue(Files.readString(Path.of(archive, "hs_err.log")).contains("SIGSEGV"), line);
            });
        }
    }

    @Test
    void javaHeapExhaustedWithExitOnOutOfMemoryError() throws Exception {
        trial("java_oom", () -> {
            Path dir = fresh(Launch.DIRECT);
            Process p = started(Launch.DIRECT, dir, "oom", "-Xmx16m", "-XX:+ExitOnOutOfMemoryError",
                    "-Dfaultline.heartbeat=100ms");
            ends(p);
            assertEquals(3, p.exitValue());
            expect(next(Launch.DIRECT, dir), ExitReason.JAVA_OOM, "likely", "-XX:+ExitOnOutOfMemoryError");
        });
    }

    @Test
    void bugWithSuppressedCountsPendingIsAPanicNamedAfterTheBug() throws Exception {
        trial("panic", () -> {
            Path dir = fresh(Launch.DIRECT);
            Jvm.Result r = Jvm.run(BugAfterSuppressedMain.class, opts(dir), TIMEOUT);
            assertEquals(70, r.exitCode, r.toString());
            String line = next(Launch.DIRECT, dir);
            expect(line, ExitReason.PANIC, "certain", "it panicked: \"BUG: child.invariant at ");
            assertTrue(line.contains("faultline: recovered the crash ring of run "), line);
            assertTrue(line.contains("; it ended: panic (certain): it panicked: \"BUG: child.invariant at "), line);
        });
    }

    @Test
    void aChangedBootIdIsHostDown() throws Exception {
        trial("host_down", () -> {
            Path dir = fresh(Launch.DIRECT);
            Process p = started(Launch.DIRECT, dir, "wait");
            p.destroyForcibly();
            ends(p);
            List<String> lines = new ArrayList<>();
            Recovery next = new Recovery(dir, 10, ProcessHandle.current().pid(), "ffffffffffffffff", APP, lines::add,
                    new ExitClassifier.Host(() -> "00000000-0000-0000-0000-000000000000"));
            next.run();
            assertEquals(1, next.recovered().size(), lines.toString());
            RecoveredRun run = next.recovered().get(0);
            assertEquals(ExitReason.HOST_DOWN, run.reason(), run.exit().toString());
            assertTrue(run.evidence().contains("is 00000000-0000-0000-0000-000000000000 now"), run.evidence());
            assertTrue(lines.get(0).contains("; it ended: host_down (certain): the host went down"), lines.toString());
        });
    }
}
