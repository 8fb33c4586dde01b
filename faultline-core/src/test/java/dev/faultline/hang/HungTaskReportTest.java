package dev.faultline.hang;

import static dev.faultline.hang.DeadlockReportTest.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.report.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A thread blocked behind a lock whose owner does not let go, in a child JVM with a short
 * {@code hung_task_timeout}: one HUNG report per wait, with the waiter's stack and the owner's,
 * on a monitor and on a {@code ReentrantLock}.
 */
class HungTaskReportTest {
    static final List<String> KEYS = List.of("-Dfaultline.hung_task_timeout=2", "-Dfaultline.hung_task_check_interval=500ms");

    @Test
    void aThreadBlockedBehindASleepingMonitorHolderIsHungWithTheHoldersStack() throws Exception {
        HangRun run = HangRun.run("hung-monitor", 6, KEYS, null);
        assertEquals(0, run.exitCode, run.toString());
        Report r = run.only("HUNG");
        long after = r.time().toEpochMilli() - run.marker("HUNG_AT");
        System.out.println("hung monitor wait reported " + after + " ms after it began (timeout 2000 ms, scans every 500 ms)");
        assertTrue(after >= 2000 && after <= 2000 + 500 + 2000, after + " ms\n" + run);
        assertEquals("hung_task", r.site());
        assertEquals("cache-reader", r.threadName());
        assertTrue(r.message().startsWith("thread \"cache-reader\" #" + r.threadId() + " blocked for more than 2.0 s,"
                + " entering the monitor <0x"),
                r.message());
        assertTrue(r.message().contains("entering the monitor <0x") && r.message().contains("(a java.lang.Object) held by"
                + " \"slow-holder\" #") && r.message().endsWith(", which is TIMED_WAITING"), r.message());
        assertEquals("HUNG in dev.faultline.fixtures.HangMain.enter", r.signature().title());
        assertTrue(r.location().startsWith("app//dev.faultline.fixtures.HangMain.enter("), r.location());
        String dump = r.dump();
        assertTrue(dump.startsWith("\"cache-reader\" #"), dump);
        assertTrue(dump.contains("   java.lang.Thread.State: BLOCKED (on object monitor)\n"
                + "    at app//dev.faultline.fixtures.HangMain.enter(HangMain.java:"), dump);
        // The holder's stack: where it sleeps, holding the monitor.
        String holder = dump.substring(dump.indexOf("Held by:\n"));
        assertTrue(holder.startsWith("Held by:\n\"slow-holder\" #"), dump);
        assertTrue(holder.contains("    at java.base@") && holder.contains("java.lang.Thread.sleep(Native Method)"), dump);
        assertTrue(holder.contains("    at app//dev.faultline.fixtures.HangMain.holdAndSleep(HangMain.java:"), dump);
        assertEquals(1, count(holder, "    - locked <0x"), dump);
        assertEquals(1, count(run.err, "\nHUNG: hung_task at "), "once per wait: " + run.err);
    }

    @Test
    void aThreadParkedBehindAReentrantLockHeldByAStuckOwnerIsHung() throws Exception {
        HangRun run = HangRun.run("hung-lock", 6, KEYS, null);
        assertEquals(0, run.exitCode, run.toString());
        Report r = run.only("HUNG");
        assertEquals("lock-waiter", r.threadName());
        assertTrue(r.message().contains("parked on <0x") && r.message().contains(
                "(a java.util.concurrent.locks.ReentrantLock$NonfairSync) owned by \"remote-caller\" #"), r.message());
        assertTrue(r.location().startsWith("app//dev.faultline.fixtures.HangMain.lambda$hungLock$"), r.location());
        String holder = r.dump().substring(r.dump().indexOf("Held by:\n"));
        assertTrue(holder.contains("    at app//dev.faultline.fixtures.HangMain.awaitRemoteCall(HangMain.java:"), holder);
        assertTrue(holder.contains("   Locked ownable synchronizers:\n    - <0x"), holder);
    }

    @Test
    void hungTaskWarningsIsABudgetThatCountsDown() throws Exception {
        // Budget 0: the wait is found, nothing is reported, and one line says why.
        HangRun run = HangRun.run("hung-monitor", 5, List.of("-Dfaultline.hung_task_timeout=1",
                "-Dfaultline.hung_task_check_interval=250ms", "-Dfaultline.hung_task_warnings=0"), null);
        assertEquals(0, run.exitCode, run.toString());
        assertEquals(List.of(), run.reports("HUNG"), run.toString());
        assertEquals(1, count(run.err, "faultline: future hung task reports are suppressed, see"
                + " faultline.hung_task_warnings"), run.err);
    }

    @Test
    void withHungTaskPanicTheRunPanics() throws Exception {
        HangRun run = HangRun.run("hung-monitor", 30, List.of("-Dfaultline.hung_task_timeout=1",
                "-Dfaultline.hung_task_check_interval=250ms", "-Dfaultline.hung_task_panic=1"), null);
        assertEquals(70, run.exitCode, run.toString());
        run.only("HUNG");
        assertEquals("hung_task: blocked tasks (faultline.hung_task_panic=1)", run.only("PANIC").message());
    }
}
