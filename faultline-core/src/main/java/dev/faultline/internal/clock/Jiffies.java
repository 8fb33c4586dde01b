package dev.faultline.internal.clock;

import dev.faultline.internal.threads.SystemThreads;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A coarse monotonic clock that costs one volatile read: the kernel's {@code jiffies}, and
 * tickless when idle like the kernel's {@code NO_HZ}. {@link System#nanoTime()} is sampled every
 * {@link #TICK_NANOS} by a daemon thread, started when the clock is first read (the first firing
 * of any site). Why: a firing that is suppressed must cost a few nanoseconds, and on virtualised
 * hosts {@code System.nanoTime()} alone costs tens to a hundred; the kernel's rate limiter reads
 * jiffies for the same reason.
 *
 * <p><b>Tickless.</b> The ticking thread stops after {@link #IDLE_TICKS} ticks in which nothing
 * read the clock, and the next read starts it again: a process whose sites have stopped firing
 * pays nothing for the clock. A stopped clock holds no time at all ({@link #NOT_TICKING}), so a
 * read never returns a sample taken before the stop: it takes {@code System.nanoTime()} itself
 * (and wakes the thread) until the thread has stored a fresh sample. A rate-limit window can
 * therefore never look younger than it is because the clock slept.
 *
 * <p><b>How a read is noticed without a write per read.</b> The thread stores each sample with
 * its lowest bit set; the first read after a tick clears it by compare-and-set, and every later
 * read of that tick finds the bit clear and returns at once. The thread swaps in the next sample
 * and sees from the old one whether anything read it. A read therefore costs one volatile read
 * and one test, as before; one read per tick pays a compare-and-set. Samples lose their lowest
 * nanosecond, which nothing can tell.
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
    /** The clock stops after this many ticks without a read: 100 ms. */
    static final int IDLE_TICKS = 25;
    /** The value of a clock that is not ticking: odd, so a read takes the slow path, and never a sample. */
    static final long NOT_TICKING = 1L;

    /** The process clock. */
    static final Jiffies CLOCK = new Jiffies("faultline-jiffies", TICK_NANOS, IDLE_TICKS);

    private static final VarHandle NOW;
    private static final VarHandle SLEEPING;
    private static final VarHandle STARTING;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            NOW = l.findVarHandle(Jiffies.class, "now", long.class);
            SLEEPING = l.findVarHandle(Jiffies.class, "sleeping", boolean.class);
            STARTING = l.findVarHandle(Jiffies.class, "starting", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final long tickNanos;
    private final int idleTicks;
    /**
     * The last sample: lowest bit set until something read it; {@link #NOT_TICKING} before the
     * thread's first tick and while it is stopped.
     */
    @SuppressWarnings("unused") // updated through NOW
    private volatile long now = NOT_TICKING;
    /** True from just before the thread stops until a read claims waking it. */
    @SuppressWarnings("unused") // updated through SLEEPING
    private volatile boolean sleeping;
    @SuppressWarnings("unused") // updated through STARTING
    private volatile boolean starting;
    private volatile Thread thread;

    Jiffies(String name, long tickNanos, int idleTicks) {
        this.name = name;
        this.tickNanos = tickNanos;
        this.idleTicks = idleTicks;
    }

    /** Monotonic nanoseconds, at most one tick behind {@link System#nanoTime()} (more on a loaded machine). */
    long nanoTime() {
        long n = now;
        return (n & 1) == 0 ? n : firstReadOfTick(n);
    }

    /** True while the thread ticks; false before the first read and while it is stopped. */
    boolean ticking() {
        return now != NOT_TICKING;
    }

    /** The first read after a tick marks the sample read; a read of a clock not ticking starts it. */
    private long firstReadOfTick(long n) {
        if (n != NOT_TICKING) {
            NOW.compareAndSet(this, n, n - 1);
            return n - 1;
        }
        long fresh = System.nanoTime();
        Thread t = thread;
        if (t == null) {
            start();
        } else if (SLEEPING.compareAndSet(this, true, false)) {
            LockSupport.unpark(t);
        }
        return fresh;
    }

    private void start() {
        if (STARTING.compareAndSet(this, false, true)) {
            try {
                Thread t = SystemThreads.daemon(this::run, name);
                t.start();
                thread = t;
            } catch (Throwable e) {
                STARTING.setVolatile(this, false); // no thread now; a later read tries again
            }
        }
    }

    private void run() {
        thread = Thread.currentThread();
        int unread = 0;
        for (;;) {
            long sample = System.nanoTime() | 1;
            if (sample == NOT_TICKING) {
                sample = 3;
            }
            long previous = (long) NOW.getAndSet(this, sample);
            unread = (previous & 1) == 0 ? 0 : unread + 1;
            if (unread >= idleTicks) {
                stop(sample);
                unread = 0;
                continue;
            }
            // Pause, not parkNanos: a pending interrupt would make every park return at once (a spin).
            Pause.nanos(this, tickNanos);
        }
    }

    /**
     * Stops ticking unless a read came after {@code sample} was stored; returns when a read has
     * woken the thread. {@code sleeping} is set before the clock says it is not ticking, so a
     * read that sees {@link #NOT_TICKING} also sees it and can claim the wake-up.
     */
    private void stop(long sample) {
        SLEEPING.setVolatile(this, true);
        if (!NOW.compareAndSet(this, sample, NOT_TICKING)) {
            SLEEPING.setVolatile(this, false); // read just now: keep ticking
            return;
        }
        while ((boolean) SLEEPING.getVolatile(this)) {
            Pause.untilUnparked(this); // an interrupt or a stray unpark comes back here
        }
    }
}
