package dev.faultline.hang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.report.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stalls of the whole JVM in child JVMs: a {@code SIGSTOP}/{@code SIGCONT} of the process and
 * full collections on a heap of small live objects are each reported as a STALL whose figures
 * point to the cause; the time the JVM stood still is left out of the other detectors' clocks,
 * so a watched loop and a thread blocked for less than the hung-task timeout are not reported
 * because of it.
 */
class StallReportTest {
    @Test
    void aStoppedProcessIsAStallAndNotALockupOrAHungTask() throws Exception {
        HangRun run = HangRun.run("stall", 6, List.of("-Dfaultline.stall_threshold=2",
                "-Dfaultline.hung_task_timeout=2", "-Dfaultline.hung_task_check_interval=200ms"), p -> {
                    try {
                        Thread.sleep(1500);
                        HangRun.signal(p, "STOP");
                        Thread.sleep(4000);
                        HangRun.signal(p, "CONT");
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                });
        assertEquals(0, run.exitCode, run.toString());
        Report stall = run.only("STALL");
        assertEquals("jvm", stall.site());
        assertEquals("faultline-hangcheck", stall.threadName());
        assertEquals("STALL in jvm", stall.signature().title(), "every stall is one row: no code is to blame");
        assertTrue(stall.stack().isEmpty(), stall.stack().toString());
        double seconds = Double.parseDouble(stall.message().replaceAll("the JVM stalled for at least (\\d+\\.\\d) s .*", "$1"));
        System.out.println("SIGSTOP for 4.0 s reported as a stall of at least " + seconds + " s: " + stall.message());
        assertTrue(seconds >= 3.0 && seconds <= 6.0, stall.message());
        assertTrue(stall.message().endsWith("most likely the whole process was not running"), stall.message());
        assertTrue(stall.dump().contains("\nGC in that time: "), stall.dump());
        assertTrue(stall.dump().contains("\nprocess CPU in that time: "), stall.dump());
        assertTrue(stall.dump().contains("\nsafepoints in that time: not exposed by this JVM"), stall.dump());
        // The watched loop (timeout 1 s) and every waiting thread stood still with the checker: not hung, not stuck.
        assertEquals(List.of(), run.reports("LOCKUP"), run.toString());
        assertEquals(List.of(), run.reports("HUNG"), run.toString());
        assertEquals(List.of(), run.reports("NOTICE"), run.toString());
    }

    @Test
    void fullCollectionsOfABigHeapAreStallsBlamedOnGc() throws Exception {
        HangRun run = HangRun.run("gc-stall", 2, List.of("-XX:+UseSerialGC", "-Xms600m", "-Xmx600m",
                "-Dfaultline.stall_threshold=200ms",
                "--add-exports", "java.management/sun.management=ALL-UNNAMED"), null);
        assertEquals(0, run.exitCode, run.toString());
        List<Report> stalls = run.reports("STALL");
        assertTrue(!stalls.isEmpty(), run.toString());
        Report gc = stalls.stream().filter(r -> r.message().endsWith("most likely a GC pause")).findFirst()
                .orElseThrow(() -> new AssertionError("no stall blamed on GC:\n" + run));
        System.out.println("GC stall: " + gc.message() + "\n" + gc.dump());
        assertTrue(gc.dump().contains("GC in that time: Copy +") || gc.dump().contains("MarkSweepCompact +"), gc.dump());
        // With sun.management exported, HotSpot's safepoint counters are read.
        assertTrue(gc.dump().matches("(?s).*\nsafepoints in that time: \\+\\d+, \\d+ ms stopped, of which \\d+ ms"
                + " reaching them\n.*"), gc.dump());
    }
}
