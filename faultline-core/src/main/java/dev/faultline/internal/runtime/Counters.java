package dev.faultline.internal.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process's counters, after the kernel's: {@code warn_count}, {@code oops_count}, and the
 * warn-once epoch that {@code clear_warn_once} advances.
 */
public final class Counters {
    private static final AtomicLong WARN_COUNT = new AtomicLong();
    private static final AtomicLong OOPS_COUNT = new AtomicLong();
    private static final AtomicInteger ONCE_EPOCH = new AtomicInteger();

    private Counters() {}

    public static long warnCount() {
        return WARN_COUNT.get();
    }

    public static long oopsCount() {
        return OOPS_COUNT.get();
    }

    /** Counts a reported warning and returns the process's new warn count. */
    public static long countWarning() {
        return WARN_COUNT.incrementAndGet();
    }

    /** Counts an oops and returns the new count. */
    public static long countOops() {
        return OOPS_COUNT.incrementAndGet();
    }

    /** The current warn-once epoch; {@link #clearWarnOnce()} starts a new one. */
    public static int onceEpoch() {
        return ONCE_EPOCH.get();
    }

    /** Kernel clear_warn_once: every once-site may report again. */
    public static void clearWarnOnce() {
        ONCE_EPOCH.incrementAndGet();
    }

    /**
     * Resets counters and taint. Only for tests that need a fresh process state; a production
     * process never forgets its taint: taints acquired while test mode was off (including the
     * {@code R} of turning test mode on) survive the reset.
     */
    public static void resetForTests() {
        WARN_COUNT.set(0);
        OOPS_COUNT.set(0);
        Taints.resetToSticky();
        clearWarnOnce();
    }

    /**
     * Also forgets the sticky taint. Only for Faultline's own test fixtures, whose tests turn
     * test mode off and on again inside one test JVM; never reachable through the exported API
     * ({@link #resetForTests()} is what {@code Faultline.resetForTests()} calls).
     */
    public static void resetEverythingForOwnTests() {
        Taints.forgetSticky();
        resetForTests();
    }
}
