package dev.faultline.micrometer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.BugAfterSuppressedMain;
import dev.faultline.fixtures.BugMain;
import dev.faultline.fixtures.Jvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run that died of a BUG shows up in the next run's gauges: one recovered run, one panic. */
class RecoveredRunMetricsTest {
    @Test
    void theNextStartCountsTheRunThatPanicked() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "recovered").toAbsolutePath()),
                "dir");
        // Both runs are one application: a start recovers only its own application's rings.
        List<String> options = List.of("-Dfaultline.dir=" + dir, "-Dfaultline.console=off", "-Dfaultline.app=metrics-test");
        Jvm.Result crashed = Jvm.run(Jvm.testClassPath(), BugMain.class.getName(), options, Duration.ofSeconds(60));
        assertTrue(crashed.stdout.contains("before") && !crashed.stdout.contains("after"), crashed.toString());
        Jvm.Result next = Jvm.run(Jvm.testClassPath(), MetricsChildMain.class.getName(), options,
                Duration.ofSeconds(60));
        assertTrue(next.stdout.contains("\nfaultline_recovered_runs 1.0\n"), next.toString());
        assertTrue(next.stdout.contains("\nfaultline_recovered_panics 1.0\n"), next.toString());
        assertTrue(next.stdout.contains("\nfaultline_taint{flag=\"W\"} 0.0\n"), next.toString());
    }

    @Test
    void aBugWithSuppressedCountsPendingIsCountedAsAPanic() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "recovered").toAbsolutePath()),
                "dir");
        List<String> options = List.of("-Dfaultline.dir=" + dir, "-Dfaultline.console=off", "-Dfaultline.app=metrics-test");
        // A once-site fired twice, then the BUG: the panic announces the pending count after the BUG.
        Jvm.Result crashed = Jvm.run(Jvm.testClassPath(), BugAfterSuppressedMain.class.getName(), options,
                Duration.ofSeconds(60));
        assertTrue(crashed.stdout.contains("before") && !crashed.stdout.contains("after"), crashed.toString());
        Jvm.Result next = Jvm.run(Jvm.testClassPath(), MetricsChildMain.class.getName(), options,
                Duration.ofSeconds(60));
        assertTrue(next.stdout.contains("\nfaultline_recovered_runs 1.0\n"), next.toString());
        assertTrue(next.stdout.contains("\nfaultline_recovered_panics 1.0\n"), next.toString());
    }
}
