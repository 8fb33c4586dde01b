package dev.faultline.internal.ratelimit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The state of one rate limit, after the kernel's {@code ___ratelimit()} in
 * {@code lib/ratelimit.c}: at most {@code burst} grants per window of {@code interval}; the
 * window starts at the first firing and a new one starts with the first firing at least
 * {@code interval} after it. An interval of 0 grants everything; a burst of 0 (with an
 * interval) grants nothing.
 *
 * <p>The window is one immutable value swapped by compare-and-set, so the decision needs no
 * lock. A refusal reads the window and returns: no write, no allocation, no waiting. A thread
 * whose CAS loses re-reads and tries again only because another thread was granted or started
 * a window, so the loop ends after at most {@code burst + 1} rounds per window; it never waits
 * for another thread (the kernel takes a trylock for the same reason). Only a grant allocates,
 * and a grant is followed by a report, which allocates anyway.
 */
public final class RateLimiter {
    private static final VarHandle WINDOW;

    static {
        try {
            WINDOW = MethodHandles.lookup().findVarHandle(RateLimiter.class, "window", Window.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One window: when it began and how many grants it has given. Immutable. */
    private static final class Window {
        final long begin;
        final int granted;

        Window(long begin, int granted) {
            this.begin = begin;
            this.granted = granted;
        }
    }

    private final int burst;
    private final long intervalNanos;
    /** Null until the first firing. */
    @SuppressWarnings("unused") // updated through WINDOW
    private volatile Window window;

    /**
     * @param burst         grants per window, at least 0
     * @param intervalNanos window length in nanoseconds, at least 0; 0 = no limit
     */
    public RateLimiter(int burst, long intervalNanos) {
        if (burst < 0 || intervalNanos < 0) {
            throw new IllegalArgumentException("burst and interval must not be negative: burst " + burst
                    + ", interval " + intervalNanos + " ns");
        }
        this.burst = burst;
        this.intervalNanos = intervalNanos;
    }

    /** True when a firing at {@code now} (nanoseconds, monotonic) may be reported. */
    public boolean allow(long now) {
        if (intervalNanos == 0) {
            return true;
        }
        if (burst == 0) {
            return false;
        }
        for (;;) {
            Window w = (Window) WINDOW.getVolatile(this);
            Window next;
            if (w == null || now - w.begin >= intervalNanos) {
                next = new Window(now, 1);
            } else if (w.granted < burst) {
                next = new Window(w.begin, w.granted + 1);
            } else {
                return false;
            }
            if (WINDOW.compareAndSet(this, w, next)) {
                return true;
            }
        }
    }
}
