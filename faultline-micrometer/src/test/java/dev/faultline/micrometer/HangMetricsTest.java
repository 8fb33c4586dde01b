package dev.faultline.micrometer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hang reports reach Micrometer: one counter per kind, and no site meters for sites that were never declared. */
class HangMetricsTest {
    @Test
    void aDeadlockAndAHungTaskAreCountedByKind() throws Exception {
        Jvm.Result r = Jvm.run(Jvm.testClassPath(), HangMetricsChildMain.class.getName(), List.of(
                "-Dfaultline.deadlock_check=500ms", "-Dfaultline.hung_task_timeout=1",
                "-Dfaultline.hung_task_check_interval=200ms", "-Dfaultline.stall_threshold=0"), Duration.ofSeconds(90));
        String scrape = r.stdout;
        assertTrue(scrape.contains("\nfaultline_hangs_total{kind=\"DEADLOCK\"} 1.0\n"), r.toString());
        // The deadlock's two threads are left to the DEADLOCK report: the one HUNG is the cache reader.
        assertTrue(scrape.contains("\nfaultline_hangs_total{kind=\"HUNG\"} 1.0\n"), r.toString());
        assertTrue(scrape.contains("\nfaultline_hangs_total{kind=\"LOCKUP\"} 0.0\n"), r.toString());
        assertTrue(scrape.contains("\nfaultline_hangs_total{kind=\"STALL\"} 0.0\n"), r.toString());
        assertFalse(scrape.contains("faultline_site_fired_total{kind=\"HUNG\""), r.toString());
        assertFalse(scrape.contains("faultline_site_fired_total{kind=\"DEADLOCK\""), r.toString());
    }
}
