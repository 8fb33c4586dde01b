package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** warnOnce: the first firing per site reports; later ones are counted, not printed; clearWarnOnce resets. */
class WarnOnceTest {
    @RegisterExtension
    final Captured captured = new Captured();

    @Test
    void onlyTheFirstFiringReportsTheRestAreCounted() {
        Site site = Faultline.site("cache.stale-entry");
        for (int i = 0; i < 1000; i++) {
            assertTrue(site.warnOnce(true, "entry %s", i), "warnOnce still returns the condition");
        }
        assertEquals(1, captured.reports.size());
        assertEquals("entry 0", captured.reports.get(0).message());
        assertEquals(1000, site.fired());
        assertEquals(1, site.reported());
        assertEquals(999, site.suppressed());
        assertEquals(1, Faultline.warnCount(), "suppressed firings do not count as warnings");
    }

    @Test
    void clearWarnOnceLetsEverySiteReportOnceMore() {
        Site a = Faultline.site("a");
        Site b = Faultline.site("b");
        a.warnOnce(true);
        b.warnOnce(true);
        a.warnOnce(true);
        Faultline.clearWarnOnce();
        a.warnOnce(true);
        a.warnOnce(true);
        b.warnOnce(true);
        assertEquals(List.of("a", "b", "a", "b"), sites());
    }

    @Test
    void onceIsPerSiteNotPerProcess() {
        Faultline.site("x").warnOnce(true);
        Faultline.site("y").warnOnce(true);
        assertEquals(List.of("x", "y"), sites());
    }

    @Test
    void underContentionExactlyOneThreadReports() throws Exception {
        Site site = Faultline.site("contended");
        int threads = 8;
        int perThread = 10_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    site.warnOnce(true);
                }
            });
            w.start();
            workers.add(w);
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertEquals(1, captured.reports.size());
        assertEquals((long) threads * perThread, site.fired());
        assertEquals(1, site.reported());
        assertEquals(site.fired(), site.reported() + site.suppressed());
    }

    private List<String> sites() {
        List<String> names = new ArrayList<>();
        captured.reports.forEach(r -> names.add(r.site()));
        return names;
    }
}
