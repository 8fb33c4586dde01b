package dev.faultline.internal.clock;

import java.util.concurrent.locks.LockSupport;

/**
 * Parking for the failure paths that an interrupt cannot turn into a busy loop: a pending
 * interrupt makes {@link LockSupport#park} return at once, so a thread waiting out a panic
 * would spin on a CPU the dumpers need. Each call clears the interrupt and says whether there
 * was one; a caller that returns to application code sets it again.
 */
public final class Pause {
    private Pause() {}

    /** Parks for at most {@code nanos}; returns true when the thread had been interrupted (now cleared). */
    public static boolean nanos(Object blocker, long nanos) {
        LockSupport.parkNanos(blocker, nanos);
        return Thread.interrupted();
    }

    /** Parks until unparked; returns true when the thread had been interrupted (now cleared). */
    public static boolean untilUnparked(Object blocker) {
        LockSupport.park(blocker);
        return Thread.interrupted();
    }

    /** Sets the interrupt status again if {@code interrupted}. */
    public static void restore(boolean interrupted) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
