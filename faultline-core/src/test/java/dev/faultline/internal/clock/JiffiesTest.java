package dev.faultline.internal.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.internal.ratelimit.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The process clock ticks on its own, never goes backwards, and maps to wall time; it stops
 * when nothing reads it, and a read after the stop is never older than the read itself.
 */
class JiffiesTest {
    /** A clock of its own (not the process clock), stopping after 5 unread ticks (20 ms). */
    private static Jiffies clock(String name) {
        return new Jiffies(name, Jiffies.TICK_NANOS, 5);
    }

    /** Waits until {@code j} has stopped; fails after 20 s. */
    private static void awaitStopped(Jiffies j) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (j.ticking()) {
            assertTrue(System.nanoTime() - deadline < 0, "the clock did not stop within 20 s of its last read");
            Thread.sleep(10);
        }
    }

    @Test
    void aClockThatSleptNeverMakesARateLimitWindowLookYoungerThanItIs() throws Exception {
        Jiffies j = clock("jiffies-window");
        long interval = TimeUnit.MILLISECONDS.toNanos(300);
        RateLimiter limiter = new RateLimiter(1, interval);
        assertTrue(limiter.allow(j.nanoTime()), "the first firing opens a window");
        long ticking = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!j.ticking() && System.nanoTime() - ticking < 0) {
            Thread.sleep(1);
        }
        assertFalse(limiter.allow(j.nanoTime()), "the burst of 1 is used up in this window");
        awaitStopped(j);
        long stopped = System.nanoTime();
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(interval) + 200);
        // The window began before the stop and is now more than its interval old: a clock
        // that kept its last sample while asleep would put this firing inside it.
        long before = System.nanoTime();
        long read = j.nanoTime();
        assertTrue(read - before >= 0, "a read after the clock slept returned a time " + (before - read) / 1_000_000
                + " ms older than the read (slept " + (before - stopped) / 1_000_000 + " ms)");
        assertTrue(limiter.allow(read), "a firing after the window ended was refused: the window looked younger");
    }

    @Test
    void itStopsWhenNobodyReadsItAndTheNextReadStartsItAgain() throws Exception {
        Jiffies j = clock("jiffies-restart");
        long first = j.nanoTime();
        awaitStopped(j);
        Thread t = threadNamed("jiffies-restart");
        long waiting = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (t.getState() != Thread.State.WAITING && System.nanoTime() - waiting < 0) {
            Thread.sleep(1); // it says it stopped just before it parks
        }
        assertEquals(Thread.State.WAITING, t.getState(), "a stopped clock's thread waits without a timeout");
        for (int round = 0; round < 3; round++) {
            long before = System.nanoTime();
            long read = j.nanoTime();
            assertTrue(read - before >= 0 && read - first >= 0, "a restarting read is fresh and monotonic");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!j.ticking()) {
                assertTrue(System.nanoTime() - deadline < 0, "a read did not start the clock again within 20 s");
                Thread.sleep(1);
            }
            long ticked = j.nanoTime();
            assertTrue(ticked - read >= -Jiffies.TICK_NANOS, "the first tick after a restart is fresh");
            first = ticked;
            awaitStopped(j);
        }
        assertEquals(1, countThreadsNamed("jiffies-restart"), "restarts reuse the one thread");
    }

    private static Thread threadNamed(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no thread " + name);
    }

    private static long countThreadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).count();
    }

    @Test
    void theClockAdvancesMonotonicallyWhileNobodyFires() throws Exception {
        Ticker clock = Ticker.system();
        long first = clock.nanoTime();
        long last = first;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (last - first < 3 * Jiffies.TICK_NANOS && System.nanoTime() < deadline) {
            Thread.sleep(5);
            long now = clock.nanoTime();
            assertTrue(now - last >= 0, "the clock went backwards by " + (last - now) + " ns");
            last = now;
        }
        assertTrue(last - first >= 3 * Jiffies.TICK_NANOS, "the clock did not tick within 20 s");
    }

    @Test
    void itsInstantsAreWallClockTime() {
        Ticker clock = Ticker.system();
        Instant at = clock.instantAt(clock.nanoTime());
        Duration off = Duration.between(Instant.now(), at).abs();
        // One tick of lag plus scheduling on a loaded machine; a wrong base would be off by days.
        assertTrue(off.compareTo(Duration.ofMinutes(1)) < 0, "off by " + off);
    }
}
