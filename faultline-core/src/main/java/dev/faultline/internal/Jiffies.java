package dev.faultline.internal;

import java.util.concurrent.locks.LockSupport;

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
 * If the thread cannot be started, every read falls back to {@code System.nanoTime()}.
 */
final class Jiffies {
    /** 4 ms: the kernel's HZ=250. */
    static final long TICK_NANOS = 4_000_000L;

    private static volatile long now = System.nanoTime();
    private static final boolean TICKING = start();

    private Jiffies() {}

    static long nanoTime() {
        return TICKING ? now : System.nanoTime();
    }

    private static boolean start() {
        try {
            Thread t = new Thread(Jiffies::tick, "faultline-jiffies");
            t.setDaemon(true);
            t.start();
            return true;
        } catch (Throwable e) {
            // No thread (limits, a security manager): read the real clock instead.
            return false;
        }
    }

    private static void tick() {
        for (;;) {
            now = System.nanoTime();
            LockSupport.parkNanos(TICK_NANOS);
        }
    }
}
