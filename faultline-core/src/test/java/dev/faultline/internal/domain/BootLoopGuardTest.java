package dev.faultline.internal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.BootLoopMain;
import dev.faultline.fixtures.Jvm;
import dev.faultline.internal.ring.RunOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boot-loop guard: a service whose debug-domain check panics at every start is restarted by
 * its supervisor; after N such runs, the next one starts with the domain demoted to warn, says
 * so, and stays up. A plain bugOn is never demoted.
 */
class BootLoopGuardTest {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    List<String> opts(String... more) {
        List<String> o = new ArrayList<>(List.of("-Dfaultline.dir=" + dir, "-Dfaultline.debug=mm=panic",
                "-Dfaultline.panic_dumps=none"));
        o.addAll(List.of(more));
        return o;
    }

    // ---- a real supervisor loop ---------------------------------------------------------

    @Test
    void afterThreeRunsThatPanicOnADebugDomainAtStartTheFourthStartsDemotedAndStaysUp() throws Exception {
        for (int run = 1; run <= 3; run++) {
            Jvm.Result r = Jvm.run(BootLoopMain.class, opts(), TIMEOUT, "domain");
            assertEquals(70, r.exitCode, "run " + run + " panics: " + r);
            assertFalse(r.stderr.contains("boot-loop guard"), "not demoted yet in run " + run + ": " + r);
        }
        Jvm.Result fourth = Jvm.run(BootLoopMain.class, opts(), TIMEOUT, "domain");
        assertEquals(0, fourth.exitCode, fourth.toString());
        assertTrue(fourth.stderr.contains("faultline: boot-loop guard: debug domain mm demoted from panic to warn"
                + " for this run (tainted B): the last 3 runs each panicked on its check within 60 s of starting"),
                fourth.stderr);
        assertTrue(fourth.stderr.contains("To undo:"), fourth.stderr);
        assertTrue(fourth.stderr.contains("WARNING: mm at "), "the check now warns: " + fourth.stderr);
        assertTrue(fourth.stdout.contains("alive Tainted: "), fourth.stdout);
        assertTrue(fourth.stdout.contains("B"), "taint B: " + fourth.stdout);
        assertTrue(fourth.stdout.contains("mm = warn (set via faultline.bootloop_guard, demoted from panic)"),
                fourth.stdout);
        System.out.println("boot-loop guard: runs 1-3 exited 70 (panic), run 4 exited 0 demoted");

        // The fourth run ended cleanly: that ends the streak, so the fifth panics again.
        Jvm.Result fifth = Jvm.run(BootLoopMain.class, opts(), TIMEOUT, "domain");
        assertEquals(70, fifth.exitCode, "a clean run ends the streak: " + fifth);
    }

    @Test
    void aPlainBugOnIsNeverDemoted() throws Exception {
        for (int run = 1; run <= 4; run++) {
            Jvm.Result r = Jvm.run(BootLoopMain.class, opts(), TIMEOUT, "plain");
            assertEquals(70, r.exitCode, "run " + run + ": a BUG is always fatal: " + r);
            assertFalse(r.stderr.contains("boot-loop guard"), r.stderr);
        }
    }

    @Test
    void twoProcessesStartingTogetherAfterTheStreakBothStartDemoted() throws Exception {
        for (int run = 1; run <= 3; run++) {
            assertEquals(70, Jvm.run(BootLoopMain.class, opts(), TIMEOUT, "domain").exitCode);
        }
        // Each stays up until both have passed their check: started together, whatever the load.
        java.nio.file.Path go = dir.resolve("go");
        Process a = Jvm.start(BootLoopMain.class, opts(), "domain", go.toString());
        Process b = Jvm.start(BootLoopMain.class, opts(), "domain", go.toString());
        java.util.concurrent.CompletableFuture<String> errAf = drain(a.getErrorStream());
        java.util.concurrent.CompletableFuture<String> errBf = drain(b.getErrorStream());
        awaitAliveOrExit(a);
        awaitAliveOrExit(b);
        java.nio.file.Files.createFile(go);
        String errA = errAf.get(60, TimeUnit.SECONDS);
        String errB = errBf.get(60, TimeUnit.SECONDS);
        assertTrue(a.waitFor(60, TimeUnit.SECONDS) && b.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, a.exitValue(), errA);
        assertEquals(0, b.exitValue(), errB);
        assertTrue(errA.contains("boot-loop guard: debug domain mm demoted"), errA);
        assertTrue(errB.contains("boot-loop guard: debug domain mm demoted"), errB);
    }

    private static java.util.concurrent.CompletableFuture<String> drain(java.io.InputStream in) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes());
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
    }

    /** Reads the child's stdout until its "alive" line (it passed the check) or its end (it did not). */
    private static void awaitAliveOrExit(Process p) throws java.io.IOException {
        java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
        for (String line; (line = r.readLine()) != null; ) {
            if (line.startsWith("alive")) {
                return;
            }
        }
    }

    @Test
    void theGuardCanBeTurnedOff() throws Exception {
        for (int run = 1; run <= 4; run++) {
            Jvm.Result r = Jvm.run(BootLoopMain.class, opts("-Dfaultline.bootloop_guard=0"), TIMEOUT, "domain");
            assertEquals(70, r.exitCode, r.toString());
        }
    }

    // ---- the decision alone ----------------------------------------------------------------

    static RunOutcome run(String id, String domain, long afterMs, String... cleanBefore) {
        return new RunOutcome(id, Instant.parse("2026-11-30T10:00:00Z"), domain, afterMs, List.of(cleanBefore),
                "BUG: " + domain + " at x");
    }

    static final BootLoopGuard.Limit THREE_IN_60S = new BootLoopGuard.Limit(3, 60_000);

    @Test
    void threeRunsInARowDemoteTheDomainsTheyName() {
        BootLoopGuard.Decision d = BootLoopGuard.decide(
                List.of(run("c", "mm", 900), run("b", "net", 1200), run("a", "mm", 50_000)), THREE_IN_60S);
        assertEquals(Set.of("mm", "net"), d.domains);
    }

    @Test
    void theStreakEndsAtARunThatLivedPastTheWindowDiedOfAPlainBugOrFollowedACleanRun() {
        assertEquals(Set.of(), BootLoopGuard.decide(
                List.of(run("c", "mm", 900), run("b", "mm", 61_000), run("a", "mm", 900)), THREE_IN_60S).domains);
        assertEquals(Set.of(), BootLoopGuard.decide(
                List.of(run("c", "mm", 900), run("b", null, 900), run("a", "mm", 900)), THREE_IN_60S).domains);
        assertEquals(Set.of(), BootLoopGuard.decide(
                List.of(run("c", "mm", 900), run("b", "mm", 900, "clean-run"), run("a", "mm", 900)), THREE_IN_60S)
                .domains, "a clean run before b ends the streak at b");
        assertEquals(Set.of(), BootLoopGuard.decide(List.of(run("b", "mm", 900), run("a", "mm", 900)), THREE_IN_60S)
                .domains, "two runs are not three");
    }

    @Test
    void theSettingIsRunsSlashSecondsOrZero() {
        BootLoopGuard.Limit l = BootLoopGuard.parse("5/120s");
        assertEquals(5, l.runs);
        assertEquals(120_000, l.windowMillis);
        assertEquals(0, BootLoopGuard.parse(" 0 ").runs);
        for (String bad : List.of("", "3", "3/60", "/60s", "3/s", "0/60s", "101/60s", "3/0s", "3/86401s", "x/60s",
                "3/6O s", "\u0663/60s")) {
            assertNull(BootLoopGuard.parse(bad), bad);
        }
    }
}
