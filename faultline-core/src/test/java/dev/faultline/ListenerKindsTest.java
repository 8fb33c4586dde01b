package dev.faultline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Captured;
import dev.faultline.report.Report;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A slow listener costs the printer thread, not the thread that warned; a synchronous one sees the report at once. */
class ListenerKindsTest {
    @RegisterExtension
    final Captured captured = new Captured();

    @Test
    void aSlowListenerDoesNotSlowTheWarningThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Long> threads = new CopyOnWriteArrayList<>();
        try (Registration r = Faultline.addListener(rep -> {
            threads.add(Thread.currentThread().getId());
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            long t0 = System.nanoTime();
            Faultline.site("kinds.slow").warnOn(true);
            Faultline.site("kinds.slow2").warnOn(true);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            release.countDown();
            assertTrue(ms < 2_000, "warnOn waited for the listener: " + ms + " ms");
            assertTrue(Faultline.awaitPrinted(Duration.ofSeconds(10)));
            assertEquals(2, threads.size());
            assertTrue(threads.get(0) != Thread.currentThread().getId(), "called on the printer thread");
        }
    }

    @Test
    void aSynchronousListenerSeesTheReportBeforeTheCheckReturns() {
        List<Report> seen = new CopyOnWriteArrayList<>();
        try (Registration r = Faultline.addSynchronousListener(seen::add)) {
            Faultline.site("kinds.sync").warnOn(true);
            assertEquals(1, seen.size());
            assertEquals(Thread.currentThread().getId(), seen.get(0).threadId());
        }
    }
}
