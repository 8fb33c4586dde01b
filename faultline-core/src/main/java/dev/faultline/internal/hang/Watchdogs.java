package dev.faultline.internal.hang;

import dev.faultline.Watchdog;
import dev.faultline.internal.config.Settings;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The watchdogs the checker looks at: a copy-on-write array (made and closed rarely, read on
 * every check without a lock). Bounded: past {@link #MAX} live watchdogs a new one still works
 * but is not checked, and one line says so, because a program that makes one per request and
 * never closes them must not grow memory or the checker's work without limit.
 */
public final class Watchdogs {
    /** Live watchdogs checked at most. */
    static final int MAX = 4096;
    /** The shortest timeout a watchdog takes: the checker samples at a quarter of it. */
    static final long MIN_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final Object LOCK = new Object();
    private static volatile WatchdogEntry[] live = new WatchdogEntry[0];
    private static long unchecked;

    private Watchdogs() {}

    /**
     * A watchdog named {@code name} for the calling thread, checked from now on (see
     * {@link Watchdog}); wakes (or starts) the checker.
     *
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if {@code timeoutNanos} is below 100 ms (the checker
     *                                  samples at a quarter of the timeout)
     */
    public static Watchdog create(String name, long timeoutNanos) {
        if (name == null) {
            throw new NullPointerException("watchdog name");
        }
        if (timeoutNanos < MIN_TIMEOUT_NANOS) {
            throw new IllegalArgumentException("watchdog " + name + ": timeout " + timeoutNanos + " ns is below the"
                    + " minimum of 100 ms (the checker looks at a watchdog four times per timeout)");
        }
        WatchdogEntry w = new WatchdogEntry(name, timeoutNanos, Thread.currentThread());
        boolean added;
        long refused = 0;
        synchronized (LOCK) {
            WatchdogEntry[] now = live;
            added = now.length < MAX;
            if (added) {
                WatchdogEntry[] next = Arrays.copyOf(now, now.length + 1);
                next[now.length] = w;
                live = next;
            } else {
                refused = ++unchecked;
            }
        }
        if (!added) {
            if (Long.bitCount(refused) == 1) { // the 1st, 2nd, 4th, 8th...: bounded output
                Settings.problem(refused + " watchdog(s) made past the " + MAX + " live ones are not checked (the"
                        + " latest: " + name + "); close watchdogs whose loops have ended");
            }
            return w;
        }
        HangChecker.wake();
        return w;
    }

    /** The live watchdogs now. */
    static WatchdogEntry[] snapshot() {
        return live;
    }

    /** Called by {@link WatchdogEntry#close()}: it is removed at the checker's next look, which says the all-clear if it was stuck. */
    static void closed(WatchdogEntry w) {
        HangChecker.wake();
    }

    /** Takes {@code w} out of the checked set (the checker does, after its last look). */
    static void remove(WatchdogEntry w) {
        synchronized (LOCK) {
            WatchdogEntry[] now = live;
            for (int i = 0; i < now.length; i++) {
                if (now[i] == w) {
                    WatchdogEntry[] next = new WatchdogEntry[now.length - 1];
                    System.arraycopy(now, 0, next, 0, i);
                    System.arraycopy(now, i + 1, next, i, now.length - i - 1);
                    live = next;
                    return;
                }
            }
        }
    }

    /** The shortest timeout among the live watchdogs, or {@code Long.MAX_VALUE} when there are none. */
    static long shortestTimeout() {
        long min = Long.MAX_VALUE;
        for (WatchdogEntry w : live) {
            min = Math.min(min, w.timeoutNanos);
        }
        return min;
    }
}
