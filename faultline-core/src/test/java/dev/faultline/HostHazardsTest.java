package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.ThreadsMain;
import dev.faultline.report.ReportKind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Faultline must never harm its host: no spinning thread, no pinned class loader, no new failure mode. */
class HostHazardsTest {
    @Test
    void anInterruptedJiffiesThreadDoesNotSpin() throws Exception {
        Site site = Faultline.site("host.jiffies");
        try (Captured captured = new Captured()) {
            site.warnOnce(true); // the first firing starts the clock
        }
        Thread jiffies = null;
        for (int i = 0; i < 100 && jiffies == null; i++) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("faultline-jiffies")) {
                    jiffies = t;
                }
            }
            Thread.sleep(20);
        }
        assertTrue(jiffies != null, "no faultline-jiffies thread");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        jiffies.interrupt();
        long cpu0 = mx.getThreadCpuTime(jiffies.getId());
        Thread.sleep(2_000);
        long cpuMs = TimeUnit.NANOSECONDS.toMillis(mx.getThreadCpuTime(jiffies.getId()) - cpu0);
        System.out.println("jiffies thread after an interrupt: " + cpuMs + " ms CPU in 2 s");
        // Ticking every 4 ms costs a few ms of CPU; a spin takes whatever share of a core it gets.
        assertTrue(cpuMs < 100, "the jiffies thread used " + cpuMs + " ms of CPU in 2 s after an interrupt");
    }

    @Test
    void faultlinesThreadsAreInTheSystemGroupAndHoldNoApplicationClassLoader() throws Exception {
        Jvm.Result r = Jvm.run(ThreadsMain.class, List.of("-Dfaultline.oops_handler=1", "-Dfaultline.ring_force_ms=50"),
                Duration.ofSeconds(60));
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("thread faultline-jiffies "), r.toString());
        assertTrue(r.stdout.contains("thread faultline-panic "), r.toString());
        for (String line : r.stdout.split("\n")) {
            if (line.startsWith("thread faultline-")) {
                assertTrue(line.endsWith(" group=system loader=null"), line + "\n" + r);
            }
        }
    }

    @Test
    void aLambdaCheckThatThrowsAnErrorIsReportedAndCountsAsNotHeld() {
        try (Captured captured = new Captured()) {
            DebugDomain d = Faultline.domain("host.lambda-error");
            Faultline.debugDomains().set("host.lambda-error", DebugMode.PANIC);
            d.bugOn(() -> {
                throw new AssertionError("assert in a check");
            });
            assertEquals(1, captured.reports.size());
            assertEquals(ReportKind.WARNING, captured.reports.get(0).kind());
            assertEquals("the check itself threw java.lang.AssertionError: assert in a check",
                    captured.reports.get(0).message());
        }
    }

    @Test
    void aLambdaCheckThatRunsOutOfStackStillThrows() {
        try (Captured captured = new Captured()) {
            DebugDomain d = Faultline.domain("host.lambda-vm-error");
            Faultline.debugDomains().set("host.lambda-vm-error", DebugMode.WARN);
            assertThrows(StackOverflowError.class, () -> d.warnOn(() -> {
                throw new StackOverflowError("deep check");
            }));
            assertTrue(captured.reports.isEmpty());
        }
    }
}
