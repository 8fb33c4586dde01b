package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.BugMain;
import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.PolicyMain;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** In a real JVM a BUG halts the process with the configured exit code after a complete report. */
class BugHaltsProcessTest {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void aBugHaltsWithTheConfiguredExitCodeAfterACompleteReport() throws Exception {
        Jvm.Result r = Jvm.run(BugMain.class, List.of("-Dfaultline.panic_exit_code=42"), TIMEOUT);
        assertEquals(42, r.exitCode, r.toString());
        assertEquals("before\n", r.stdout, "nothing after the BUG runs");
        String err = r.stderr;
        int cut = err.indexOf("------------[ cut here ]------------\nBUG: child.invariant at "
                + BugMain.class.getName() + ".main(BugMain.java:");
        assertTrue(cut >= 0, err);
        String bug = err.substring(cut);
        assertTrue(bug.contains("\nTainted: W (W: a warning was reported)\n"), bug);
        assertTrue(bug.contains("\nMessage: the queue size is -1\n"), bug);
        assertTrue(bug.contains("\nCall Trace:\n " + BugMain.class.getName() + ".main(BugMain.java:"), bug);
        assertTrue(bug.contains("\n---[ end trace 0000000000000002 ]---\n"), bug);
        assertTrue(bug.contains("Faultline panic - not syncing: BUG at child.invariant\n"), bug);
        assertTrue(bug.endsWith("---[ end Faultline panic - halting with exit code 42 ]---\n"), bug);
    }

    @Test
    void theDefaultExitCodeIs70() throws Exception {
        assertEquals(70, Jvm.run(BugMain.class, List.of(), TIMEOUT).exitCode);
    }

    @Test
    void panicOnWarnAtBootHaltsOnTheFirstWarning() throws Exception {
        Jvm.Result r = Jvm.run(PolicyMain.class, List.of("-Dfaultline.panic_on_warn=1"), TIMEOUT, "3");
        assertEquals(70, r.exitCode, r.toString());
        assertFalse(r.stdout.contains("survived 1"), r.toString());
        assertTrue(r.stderr.contains("PANIC: child.site at "), r.stderr);
        assertTrue(r.stderr.contains("panic_on_warn set"), r.stderr);
    }

    @Test
    void warnLimitAtBootHaltsOnTheNthWarning() throws Exception {
        Jvm.Result r = Jvm.run(PolicyMain.class, List.of("-Dfaultline.warn_limit=2"), TIMEOUT, "5");
        assertEquals(70, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("survived 1"), r.toString());
        assertFalse(r.stdout.contains("survived 2"), r.toString());
        assertTrue(r.stderr.contains("warned too often (faultline.warn_limit is 2)"), r.stderr);
    }

    @Test
    void aPositivePanicTimeoutWaitsThenHalts() throws Exception {
        long start = System.nanoTime();
        Jvm.Result r = Jvm.run(BugMain.class, List.of("-Dfaultline.panic_timeout=2"), TIMEOUT);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(70, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("Halting in 2 seconds (faultline.panic_timeout=2)"), r.stderr);
        assertTrue(tookMs >= 2000, "took " + tookMs + " ms");
    }

    @Test
    void aZeroPanicTimeoutParksForever() throws Exception {
        Process p = Jvm.start(BugMain.class, List.of("-Dfaultline.panic_timeout=0"));
        try {
            Jvm.Output err = new Jvm.Output(p.getErrorStream());
            err.await("faultline.panic_timeout=0: parking the panic thread forever", TIMEOUT);
            assertFalse(p.waitFor(2, TimeUnit.SECONDS), "the process must stay up after a panic with timeout 0");
        } finally {
            p.destroyForcibly().waitFor();
        }
    }
}
