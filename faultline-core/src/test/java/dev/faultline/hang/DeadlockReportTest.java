package dev.faultline.hang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.report.Report;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Real deadlocks in child JVMs, on monitors and on {@code ReentrantLock}s: reported within one
 * period of {@code faultline.deadlock_check}, exactly once however long they last, with every
 * thread of the cycle, its lock and its stack; with {@code deadlock_panic=1} the run panics and
 * the ring holds the cycle.
 */
class DeadlockReportTest {
    /** The check period in these runs. */
    static final long PERIOD_MS = 1000;
    /** Scheduling slack on a loaded 2-core machine, on top of the period. */
    static final long SLACK_MS = 2000;

    @Test
    void aMonitorDeadlockIsReportedOnceWithinOnePeriodWithBothStacks() throws Exception {
        HangRun run = HangRun.run("deadlock-monitor", 6, List.of("-Dfaultline.deadlock_check=1"), null);
        assertEquals(0, run.exitCode, run.toString());
        Report r = run.only("DEADLOCK");
        long latency = r.time().toEpochMilli() - run.marker("HUNG_AT");
        System.out.println("monitor deadlock reported " + latency + " ms after it formed (period " + PERIOD_MS + " ms)");
        assertTrue(latency <= PERIOD_MS + SLACK_MS, latency + " ms\n" + run);
        assertEquals("deadlock", r.site());
        assertTrue(r.message().startsWith("2 threads: \"transfer-a-to-b\""), r.message());
        assertEquals("DEADLOCK in dev.faultline.fixtures.HangMain.lockBoth", r.signature().title());
        String dump = r.dump();
        assertTrue(dump.startsWith("Found one Java-level deadlock:\n"), dump);
        for (String thread : new String[] {"transfer-a-to-b", "transfer-b-to-a"}) {
            assertTrue(dump.contains("\"" + thread + "\":\n  waiting to lock <0x"), dump);
            assertTrue(dump.contains("\"" + thread + "\" #"), "its stack section: " + dump);
        }
        assertEquals(2, count(dump, "    at app//dev.faultline.fixtures.HangMain.lockBoth(HangMain.java:"), dump);
        assertEquals(2, count(dump, "    - waiting to lock <0x"), dump);
        assertEquals(2, count(dump, "    - locked <0x"), dump);
        assertTrue(dump.endsWith("Found 1 deadlock."), dump);
        assertTrue(r.headline().startsWith("DEADLOCK: deadlock at app//dev.faultline.fixtures.HangMain.lockBoth("),
                r.headline());
        // The console shows the same report, the dump as an indented block.
        assertEquals(1, count(run.err, "\nDEADLOCK: deadlock at "), run.err);
        assertTrue(run.err.contains("\nDump:\n  Found one Java-level deadlock:\n  =============================\n"),
                run.err);
    }

    @Test
    void aReentrantLockDeadlockIsReportedOnceWithinOnePeriodWithBothStacks() throws Exception {
        HangRun run = HangRun.run("deadlock-lock", 6, List.of("-Dfaultline.deadlock_check=1"), null);
        assertEquals(0, run.exitCode, run.toString());
        Report r = run.only("DEADLOCK");
        long latency = r.time().toEpochMilli() - run.marker("HUNG_AT");
        System.out.println("ReentrantLock deadlock reported " + latency + " ms after it formed (period " + PERIOD_MS
                + " ms)");
        assertTrue(latency <= PERIOD_MS + SLACK_MS, latency + " ms\n" + run);
        String dump = r.dump();
        for (String thread : new String[] {"lock-a-then-b", "lock-b-then-a"}) {
            assertTrue(dump.contains("\"" + thread + "\":\n  waiting for ownable synchronizer <0x"), dump);
        }
        assertEquals(2, count(dump, "    - parking to wait for  <0x"), dump);
        assertEquals(2, count(dump, "   Locked ownable synchronizers:\n    - <0x"), "each holds one lock: " + dump);
        assertEquals(2, count(dump, "    at app//dev.faultline.fixtures.HangMain.lockBoth(HangMain.java:"), dump);
        // The location is the application's frame, not the JDK's park.
        assertTrue(r.location().startsWith("app//dev.faultline.fixtures.HangMain.lockBoth("), r.location());
        assertTrue(r.stack().get(0).getClassName().equals("jdk.internal.misc.Unsafe"), "the call trace is whole: " + r.stack());
    }

    @Test
    void withDeadlockPanicTheRunPanicsAndTheRingHoldsTheCycle() throws Exception {
        HangRun run = HangRun.run("deadlock-monitor", 30, List.of("-Dfaultline.deadlock_check=1",
                "-Dfaultline.deadlock_panic=1"), null);
        assertEquals(70, run.exitCode, run.toString());
        Report deadlock = run.only("DEADLOCK");
        Report panic = run.only("PANIC");
        assertTrue(panic.sequence() > deadlock.sequence(), run.toString());
        assertEquals("deadlock: 2 threads (faultline.deadlock_panic=1)", panic.message());
        assertTrue(deadlock.dump().contains("\"transfer-a-to-b\":\n  waiting to lock"), deadlock.dump());
        assertTrue(deadlock.dump().contains("\"transfer-b-to-a\":\n  waiting to lock"), deadlock.dump());
        assertTrue(run.err.contains("Faultline panic - not syncing: deadlock: 2 threads"), run.err);
        // The panic's thread dump (a dumper) names the deadlock too, in the ring.
        assertTrue(run.ring.stream().anyMatch(r -> r.kind().equals("DUMP")
                && r.payload().contains("Found one Java-level deadlock")), run.toString());
    }

    static int count(String s, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
