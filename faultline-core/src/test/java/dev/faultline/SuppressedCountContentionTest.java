package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Under contention the counts stay exact: reported + suppressed == fired, every report counted
 * is a report received, and every suppressed firing is announced exactly once (by a later
 * report of the site or by the flush).
 */
class SuppressedCountContentionTest {
    static final int THREADS = Math.max(4, Runtime.getRuntime().availableProcessors());
    static final int PER_THREAD = 200_000;

    @RegisterExtension
    final Captured captured = new Captured();

    @Test
    void aRateLimitedWarningSiteCountsEveryFiringExactlyOnce() throws Exception {
        // A 1 ms window on the real clock: windows open and close many times during the run.
        Site site = Faultline.site("contended.warn", RateLimit.of(5, Duration.ofMillis(1)));
        hammer(() -> site.warnOn(true, "firing %s", 1L));
        assertExact(site, ReportKind.WARNING);
    }

    @Test
    void aRateLimitedPrintSiteCountsEveryFiringExactlyOnce() throws Exception {
        Site site = Faultline.site("contended.print", RateLimit.of(3, Duration.ofMillis(2)));
        hammer(() -> site.printRatelimited("print %s", "x"));
        assertExact(site, ReportKind.NOTICE);
    }

    @Test
    void aOnceSiteCountsEveryFiringExactlyOnce() throws Exception {
        Site site = Faultline.site("contended.once");
        hammer(() -> site.warnOnce(true));
        assertExact(site, ReportKind.WARNING);
        assertEquals(1, site.reported());
    }

    private void assertExact(Site site, ReportKind kind) {
        long calls = (long) THREADS * PER_THREAD;
        assertEquals(calls, site.fired());
        assertEquals(calls, site.reported() + site.suppressed());
        long received = captured.reports.stream().filter(r -> r.site().equals(site.name()) && r.kind() == kind).count();
        assertEquals(site.reported(), received, "every counted report was emitted");
        assertTrue(site.suppressed() > 0, "the limit suppressed something: " + site.stats());

        long announcedByReports = announced(site);
        long flushed = Faultline.flushSuppressed();
        assertEquals(site.suppressed(), announcedByReports + flushed,
                "every suppressed firing announced exactly once: " + announcedByReports + " by reports, "
                        + flushed + " by the flush");
        assertEquals(0, Faultline.flushSuppressed());
    }

    private long announced(Site site) {
        return captured.reports.stream().filter(r -> r.site().equals(site.name())).mapToLong(Report::suppressed).sum();
    }

    private static void hammer(Runnable firing) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < PER_THREAD; i++) {
                    firing.run();
                }
            });
            w.start();
            workers.add(w);
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
    }
}
