package dev.faultline.internal.clock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The process clock ticks on its own, never goes backwards, and maps to wall time. */
class JiffiesTest {
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
