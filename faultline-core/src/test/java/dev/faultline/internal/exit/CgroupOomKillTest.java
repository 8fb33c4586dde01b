package dev.faultline.internal.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.ExitChildMain;
import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.Launch;
import dev.faultline.ring.ExitReason;
import dev.faultline.ring.PastRun;
import dev.faultline.ring.RunLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The kernel's OOM killer, for real: a child JVM in a memory cgroup of its own (cgroup v1, made
 * under this test's own memory cgroup, 256 MiB) takes memory until the kernel kills it. Classified
 * while the cgroup still exists (a systemd service keeps its cgroup across restarts) the run is
 * {@code oom_killed}, certain, from the cgroup's OOM-kill count; once the cgroup is gone (a
 * container restarted in a new one) it is {@code oom_killed}, likely, from its last heartbeat. The
 * cgroup is removed whatever happens. Skipped, with the reason printed, where this host cannot
 * (not root, no cgroup v1 memory hierarchy).
 */
class CgroupOomKillTest {
    static final long LIMIT = 256L << 20;

    @Test
    void aRunKilledByTheKernelsOomKillerIsOomKilled() throws Exception {
        int trials = Integer.getInteger("faultline.exitTrials", 2);
        int passed = 0;
        Throwable first = null;
        for (int i = 0; i < trials; i++) {
            try {
                trial();
                passed++;
            } catch (org.opentest4j.TestAbortedException e) {
                throw e;
            } catch (Exception | AssertionError e) {
                first = first == null ? e : first; // every trial runs: the count says how often it holds
            }
        }
        System.out.println("exit reasons classified as expected (passed/trials):\n  oom_killed (certain, then likely): "
                + passed + "/" + trials);
        if (first != null) {
            throw new AssertionError((trials - passed) + " of " + trials + " trials failed; the first: " + first, first);
        }
    }

    private static void trial() throws Exception {
        Path parent = ownMemoryCgroup();
        // A test JVM killed mid-trial cannot remove its cgroup: an empty one left by an earlier run goes now.
        try (var old = Files.newDirectoryStream(parent, "faultline-oom-*")) {
            for (Path o : old) {
                if (Files.readString(o.resolve("cgroup.procs")).isBlank()) {
                    Files.delete(o);
                }
            }
        } catch (java.io.IOException e) {
            // Still in use, or already gone.
        }
        Path cg = parent.resolve("faultline-oom-" + Long.toHexString(System.nanoTime()));
        try {
            Files.createDirectory(cg);
        } catch (java.io.IOException e) {
            skip("cannot make a memory cgroup under " + parent + ": " + e);
        }
        try {
            Files.writeString(cg.resolve("memory.limit_in_bytes"), String.valueOf(LIMIT));
            Path swsw = cg.resolve("memory.memsw.limit_in_bytes");
            if (Files.exists(swsw)) {
                Files.writeString(swsw, String.valueOf(LIMIT)); // no swap to escape into
            }
            Path base = Files.createDirectories(Path.of("target", "exit-runs").toAbsolutePath());
            Path dir = Files.createTempDirectory(base, "oom");
            List<String> cmd = new ArrayList<>(List.of("sh", "-c", "echo $$ > \"$0\" && exec \"$@\"",
                    cg.resolve("cgroup.procs").toString(), Jvm.javaBin(), "-Xmx2g", "-Dfaultline.dir=" + dir,
                    "-Dfaultline.app=exit-test", "-Dfaultline.heartbeat=100ms", "-cp", Jvm.classPath(),
                    ExitChildMain.class.getName(), "grow"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            Jvm.Output out = new Jvm.Output(p.getInputStream());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "not killed within 120 s: " + out.text());
            assertEquals(137, p.exitValue(), out.text());
            // 1. The cgroup is still there: its OOM-kill count says it.
            List<PastRun> runs = RunLog.read(dir, "exit-test");
            assertEquals(1, runs.size(), runs.toString());
            PastRun run = runs.get(0);
            assertEquals(ExitReason.OOM_KILLED, run.exit().reason(), run.exit().toString());
            assertTrue(run.exit().certain(), run.exit().toString());
            assertTrue(run.exit().evidence().contains("memory cgroup " + cg + " counts 1 OOM kill(s), 0 when the run started"),
                    run.exit().toString());
            // 2. The cgroup is gone: the last heartbeat says it was at the limit.
            Files.delete(cg);
            PastRun again = RunLog.read(dir, "exit-test").get(0);
            assertEquals(ExitReason.OOM_KILLED, again.exit().reason(), again.exit().toString());
            assertTrue(!again.exit().certain(), again.exit().toString());
            assertTrue(again.exit().evidence().contains("its last heartbeat, at ")
                    && again.exit().evidence().contains("no evidence from the memory cgroup because " + cg + " is gone"),
                    again.exit().toString());
        } finally {
            for (int i = 0; i < 50 && Files.exists(cg); i++) {
                try {
                    Files.delete(cg);
                } catch (java.io.IOException e) {
                    Thread.sleep(100); // its last task is still leaving
                }
            }
            assertTrue(!Files.exists(cg), "the test's cgroup " + cg + " was left behind");
        }
    }

    /** This test's own cgroup v1 memory directory (made under it, the test's cgroup tree stays tidy). */
    private static Path ownMemoryCgroup() throws Exception {
        if (!Launch.root()) {
            skip("making a memory cgroup needs root");
        }
        Path dir = MemoryCgroup.own();
        if (dir == null || !MemoryCgroup.isV1(dir) || !Files.isWritable(dir)) {
            skip("no cgroup v1 memory hierarchy to make a cgroup in (found " + dir + ")");
        }
        return dir;
    }

    private static void skip(String why) {
        System.out.println("skipped: " + why);
        Assumptions.abort(why);
    }
}
