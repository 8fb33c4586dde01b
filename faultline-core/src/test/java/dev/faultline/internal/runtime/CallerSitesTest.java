package dev.faultline.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The convenience form's site table is bounded: a fixed maximum of distinct callers, then one
 * shared overflow site whose use is counted, even when many threads meet new callers at once.
 */
class CallerSitesTest {
    @Test
    void pastTheMaximumEveryNewCallerSharesTheCountedOverflowSite() {
        AtomicInteger made = new AtomicInteger();
        CallerSites<String> sites = new CallerSites<>(k -> { made.incrementAndGet(); return "site " + k; },
                k -> "overflow", 100);
        for (int i = 0; i < 10_000; i++) {
            sites.forKey("Caller.line:" + i);
        }
        assertEquals(100, sites.size());
        assertEquals(100, made.get(), "no site is made and then thrown away");
        assertEquals(9_900, sites.overflowed());
        assertEquals("site Caller.line:7", sites.forKey("Caller.line:7"), "a remembered caller keeps its site");
        assertSame(sites.overflowSite(), sites.forKey("Caller.line:5000"));
        assertEquals(9_901, sites.overflowed());
    }

    @Test
    void theBoundHoldsWhenManyThreadsMeetNewCallersAtOnce() throws Exception {
        CallerSites<Object> sites = new CallerSites<>(k -> new Object(), k -> new Object(), 64);
        AtomicInteger toOverflow = new AtomicInteger();
        int threads = 8;
        int perThread = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    // Half the keys are shared between threads, half are the thread's own.
                    if (sites.forKey(i % 2 == 0 ? "shared:" + i : "t" + id + ":" + i) == sites.overflowSite()) {
                        toOverflow.incrementAndGet();
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertEquals(64, sites.size(), "never one site more than the maximum");
        assertEquals(toOverflow.get(), sites.overflowed(), "every firing sent to the overflow site is counted");
    }

    @Test
    void theProductionTableHoldsFourThousandNinetySixSites() {
        CallerSites<String> sites = new CallerSites<>(k -> k);
        for (int i = 0; i < 5_000; i++) {
            sites.forKey("k" + i);
        }
        assertEquals(CallerSites.MAX_SITES, sites.size());
        assertEquals(5_000 - CallerSites.MAX_SITES, sites.overflowed());
    }

    @Test
    void aCallerSiteBelongsToTheClassInItsKey() {
        assertEquals("com.acme.Pool", CallerSites.ownerClass("com.acme.Pool.alloc:42"));
        assertEquals("com.acme.Pool$Inner", CallerSites.ownerClass("com.acme.Pool$Inner.run:7"));
        assertEquals("?", CallerSites.ownerClass("<unknown caller>"));
    }
}
