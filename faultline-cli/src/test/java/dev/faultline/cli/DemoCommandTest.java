package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Cli;
import dev.faultline.fixtures.Jvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code faultline demo} tells the whole story and exits 0, in a real JVM. */
class DemoCommandTest {
    @Test
    void theDemoShowsEachStepAndExitsZero() throws Exception {
        long start = System.nanoTime();
        Jvm.Result r = Cli.run("demo", "--exit-code", "37");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(0, r.exitCode, r.toString());
        // "Well under a minute" on an idle machine; the bound is loose for a loaded one.
        assertTrue(took.compareTo(Duration.ofSeconds(60)) < 0, "the demo took " + took);
        String out = r.stdout;
        assertTrue(out.contains("WARNING: demo.overdraft at dev.faultline.cli.DemoCommand.withdraw("), out);
        assertTrue(out.contains("=> balance is still 100; the service goes on."), out);
        assertTrue(out.contains("=> fired 1000 times, reported 1, suppressed 999."), out);
        assertTrue(out.contains("NOTICE: demo.stale-cache-entry\n"), out);
        assertTrue(out.contains("\nSuppressed: 999 since "), out);
        assertTrue(out.contains("=> fired 50, reported 3, suppressed 47"), out);
        assertTrue(out.contains("\nSuppressed: 47 since "), out);
        assertTrue(out.contains("\nTainted: W (W: a warning was reported)\n"), out);
        assertTrue(out.contains("\nDump: [not faithful: size"), out);
        assertTrue(out.contains("OOPS: java.lang.IllegalStateException at dev.faultline.cli.DemoCommand.reconcile("), out);
        assertTrue(out.contains("=> oopses: 1; the process goes on, tainted D."), out);
        String via = "(via cli as " + System.getProperty("user.name") + ")";
        assertTrue(out.contains("\ndemo.cache = warn (set " + via.substring(1) + "\n"), out);
        assertTrue(out.contains("  | faultline: debug domain demo.cache changed from inherit (off) to warn " + via), out);
        assertTrue(out.contains("  | WARNING: demo.cache at dev.faultline.cli.DemoDomainChild.main("), out);
        assertTrue(out.contains("  | BUG: demo.queue-size at dev.faultline.cli.DemoBugChild.main("), out);
        assertTrue(out.contains("  | ---[ end Faultline panic - halting with exit code 37 ]---"), out);
        assertTrue(out.contains("=> the child halted with exit code 37, as configured."), out);
        // The BUG report, and the panic's own records (the not-syncing line) with it.
        assertTrue(out.contains("did not shut down cleanly; ") && out.contains(" valid, 0 torn, 0 corrupt"), out);
        assertTrue(out.contains("panic report: BUG: demo.queue-size at dev.faultline.cli.DemoBugChild.main("), out);

        // Traces are cut to the demo's frames in what it prints; the ring keeps them whole.
        assertFalse(out.contains("picocli"), out);
        assertTrue(out.contains(" frames of the launcher and the JDK (all in the crash ring)\n"), out);

        // The crash directory is kept, and the command the demo suggests reads it.
        Matcher m = Pattern.compile("\n   \\./faultline ring show (\\S+)\n").matcher(out);
        assertTrue(m.find(), out);
        Path dir = Path.of(m.group(1));
        try {
            Jvm.Result show = Cli.run("ring", "show", dir.toString());
            assertEquals(0, show.exitCode, show.toString());
            assertTrue(show.stdout.contains(": app faultline-demo run "), show.stdout);
            assertTrue(show.stdout.contains("picocli.CommandLine"), "the demo's own ring has the whole stack:\n" + show.stdout);
            assertTrue(show.stdout.contains(": app dev.faultline.cli.DemoBugChild run "), show.stdout);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void noArgumentsPrintsUsageOnStderrAsAUsageError() throws Exception {
        Jvm.Result r = Cli.run();
        assertEquals(2, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("Usage: faultline"), r.stderr);
        assertTrue(r.stderr.contains("demo"), r.stderr);
    }

    @Test
    void anUnknownCommandIsNamedAndFails() throws Exception {
        Jvm.Result r = Cli.run("dmeo");
        assertEquals(2, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("dmeo"), r.stderr);
    }
}
