package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Cli;
import dev.faultline.fixtures.Jvm;
import org.junit.jupiter.api.Test;

/** {@code faultline demo} tells the whole story and exits 0, in a real JVM. */
class DemoCommandTest {
    @Test
    void theDemoShowsEachStepAndExitsZero() throws Exception {
        Jvm.Result r = Cli.run("demo", "--exit-code", "37");
        assertEquals(0, r.exitCode, r.toString());
        String out = r.stdout;
        assertTrue(out.contains("WARNING: demo.overdraft at dev.faultline.cli.DemoCommand.withdraw("), out);
        assertTrue(out.contains("=> balance is still 100; the service goes on."), out);
        assertTrue(out.contains("=> fired 1000 times, reported 1, suppressed 999."), out);
        assertTrue(out.contains("NOTICE: demo.stale-cache-entry\n"), out);
        assertTrue(out.contains("\nSuppressed: 999 since "), out);
        assertTrue(out.contains("\nTainted: W (W: a warning was reported)\n"), out);
        assertTrue(out.contains("  | BUG: demo.queue-size at dev.faultline.cli.DemoBugChild.main("), out);
        assertTrue(out.contains("  | ---[ end Faultline panic - halting with exit code 37 ]---"), out);
        assertTrue(out.contains("=> the child halted with exit code 37, as configured."), out);
        // The BUG report, and the panic's own records (the not-syncing line) with it.
        assertTrue(out.contains("did not shut down cleanly; ") && out.contains(" valid, 0 torn, 0 corrupt"), out);
        assertTrue(out.contains("last report: BUG: demo.queue-size at dev.faultline.cli.DemoBugChild.main("), out);
    }

    @Test
    void noArgumentsPrintsUsage() throws Exception {
        Jvm.Result r = Cli.run();
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("Usage: faultline"), r.stdout);
        assertTrue(r.stdout.contains("demo"), r.stdout);
    }

    @Test
    void anUnknownCommandIsNamedAndFails() throws Exception {
        Jvm.Result r = Cli.run("dmeo");
        assertEquals(2, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("dmeo"), r.stderr);
    }
}
