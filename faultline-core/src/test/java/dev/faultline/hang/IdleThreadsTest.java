package dev.faultline.hang;

import static dev.faultline.hang.DeadlockReportTest.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The false-positive test: a child with 50 idle pool workers waiting on their queue for the
 * whole run, threads in {@code Object.wait}, {@code sleep}, a latch, a semaphore and a bare park,
 * and two locks hammered by twelve threads, under every detector at its shortest setting (hung
 * tasks after 1 s, scanned five times a second; deadlocks twice a second): nothing is reported.
 */
class IdleThreadsTest {
    @Test
    void idleWorkersWaitingThreadsAndBusyLocksAreNeverReported() throws Exception {
        HangRun run = HangRun.run("idle", 12, List.of("-Dfaultline.hung_task_timeout=1",
                "-Dfaultline.hung_task_check_interval=200ms", "-Dfaultline.deadlock_check=500ms",
                "-Dfaultline.stall_threshold=0"), null);
        assertEquals(0, run.exitCode, run.toString());
        System.out.println("false-positive run: " + run.reports().size() + " reports in the ring, "
                + count(run.err, "cut here") + " on the console, over 12 s with 50 idle workers and 12 busy lock users");
        assertEquals(List.of(), run.reports(), run.toString());
        assertEquals(0, count(run.err, "cut here"), run.err);
        assertTrue(run.out.contains("READY"), run.toString());
    }
}
