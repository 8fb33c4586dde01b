package dev.faultline.hang;

import static dev.faultline.hang.DeadlockReportTest.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.report.Report;
import dev.faultline.report.Taint;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Watchdogs in child JVMs: a loop that stops touching is a LOCKUP with its stack at that moment,
 * then a NOTICE when it touches again; a loop that touches, and one that goes idle before it
 * waits, are never reported.
 */
class WatchdogReportTest {
    @Test
    void aLoopThatStopsTouchingIsALockupThenANoticeWhenItRecovers() throws Exception {
        HangRun run = HangRun.run("lockup", 8, List.of(), null);
        assertEquals(0, run.exitCode, run.toString());
        Report lockup = run.only("LOCKUP");
        long stuckAt = run.marker("HUNG_AT");
        long after = lockup.time().toEpochMilli() - stuckAt;
        System.out.println("lockup reported " + after + " ms after the last touch (timeout 1000 ms, looked at every 250 ms)");
        assertTrue(after >= 1000 && after <= 1250 + 2000, after + " ms\n" + run);
        assertEquals("event-loop", lockup.site());
        assertEquals("event-loop-thread", lockup.threadName());
        assertTrue(lockup.message().startsWith("watchdog event-loop: thread \"event-loop-thread\" #" + lockup.threadId()
                + " stuck for "), lockup.message());
        assertTrue(lockup.message().endsWith("(timeout 1.0 s), RUNNABLE"), lockup.message());
        // Its stack at that moment: in the loop that stopped touching.
        assertTrue(lockup.stack().stream().anyMatch(f -> f.getMethodName().equals("spinWithoutTouching")), lockup.stack()
                .toString());
        assertEquals("LOCKUP in event-loop", lockup.signature().title(), "one row per watched loop, wherever it was caught");

        List<Report> notices = run.reports("NOTICE");
        assertEquals(1, notices.size(), run.toString());
        Report notice = notices.get(0);
        assertTrue(notice.sequence() > lockup.sequence());
        assertTrue(notice.message().matches("watchdog event-loop: thread \"event-loop-thread\" #\\d+ made progress again"
                + " after being stuck for \\d+\\.\\d s"), notice.message());
        double stuck = Double.parseDouble(notice.message().replaceAll(".* stuck for (\\d+\\.\\d) s", "$1"));
        long stuckMs = run.marker("RECOVERED_AT") - stuckAt;
        System.out.println("recovery NOTICE says stuck for " + stuck + " s; the loop did not touch for " + stuckMs + " ms");
        assertTrue(Math.abs(stuck * 1000 - stuckMs) <= 250 + 100 + 500, stuck + " s vs " + stuckMs + " ms");
        assertTrue(notice.taints().contains(Taint.SOFTLOCKUP), "the lockup tainted the process L: " + notice.taints());
        assertTrue(run.err.contains("\nTainted: L (L: a soft lockup was reported)\n"), run.err);
    }

    @Test
    void loopsThatTouchOrGoIdleAreNeverReported() throws Exception {
        HangRun run = HangRun.run("touching", 8, List.of("-Dfaultline.stall_threshold=0"), null);
        assertEquals(0, run.exitCode, run.toString());
        assertEquals(List.of(), run.reports(), run.toString());
        assertEquals(0, count(run.err, "cut here"), run.err);
    }

    @Test
    void withSoftlockupPanicALockupPanics() throws Exception {
        HangRun run = HangRun.run("lockup", 10, List.of("-Dfaultline.softlockup_panic=1"), null);
        assertEquals(70, run.exitCode, run.toString());
        run.only("LOCKUP");
        assertEquals("softlockup: watchdog event-loop stuck (faultline.softlockup_panic=1)", run.only("PANIC").message());
    }
}
