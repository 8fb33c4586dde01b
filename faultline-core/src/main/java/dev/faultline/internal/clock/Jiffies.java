package dev.faultline.internal.clock;

import dev.faultline.internal.threads.SystemThreads;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A coarse monotonic clock that costs one volatile read: the kernel's {@code jiffies}.
 * {@link System#nanoTime()} is sampled every {@link #TICK_NANOS} by a daemon thread, started
 * when the clock is first read (the first firing of any site). Why: a firing that is suppressed
 * must cost a few nanoseconds, and on virtualised hosts {@code System.nanoTime()} alone costs
 * tens to a hundred; the kernel's rate limiter reads jiffies for the same reason.
 *
 * <p>Reads lag real time by up to one tick, more when the machine is so loaded that the
 * ticking thread is not scheduled. A lagging clock only opens a rate-limit window late (fewer
 * reports, never more than the burst) and shifts the times in stats; counts are unaffected.
 *
 * <p>Class initialisation does nothing that can fail (the class is loaded at boot, so it must
 * never break on a full heap later): the thread is started by the first read, and if it cannot
 * be started then (no memory, thread limits), reads fall back to {@code System.nanoTime()} and
 * the next read tries again.
 */
final class Jiffies {
    /** 4 ms: the kernel's HZ=250. */
    static final long TICK_NANOS = 4_000_000L;

    /** The last sample; 0 until the ticking thread runs (nanoTime() is never 0 in practice). */
    private static volatile long now;
    private static final AtomicBoolean STARTING = new AtomicBoolean();

    private Jiffies() {}

    static long nanoTime() {
        long n = now;
        return n != 0 ? n : startAndRead();
    }

    private static long startAndRead() {
        if (STARTING.compareAndSet(false, true)) {
            try {
                SystemThreads.daemon(Jiffies::tick, "faultline-jiffies").start();
            } catch (Throwable e) {
                STARTING.set(false); // no thread now; a later read tries again
            }
        }
        return System.nanoTime();
    }

    private static void tick() {
        for (;;) {
            now = System.nanoTime();
            // Pause, not parkNanos: a pending interrupt would make every park return at once (a spin).
            Pause.nanos(Jiffies.class, TICK_NANOS);
        }
    }
}
