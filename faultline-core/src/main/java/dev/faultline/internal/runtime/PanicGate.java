package dev.faultline.internal.runtime;

import dev.faultline.internal.clock.Pause;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The state the report path and the panic path share: which thread owns the panic, which
 * thread runs its sequence, and how many threads are writing a report right now (kernel:
 * {@code panic_cpu} and the CPUs that {@code panic()} stops).
 *
 * <p>It lives here, below the panic implementation, so that emitting a report can respect a
 * panic in progress without the report path depending on the panic path.
 */
public final class PanicGate {
    private static final long HOLD_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long DRAIN_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private static final AtomicReference<Thread> OWNER = new AtomicReference<>();
    /** Threads outside the panic path that are writing a report right now. */
    private static final AtomicInteger WRITERS = new AtomicInteger();
    /** The thread running the sequence: the panic thread, or the owner when there is none. */
    private static volatile Thread runner;

    private PanicGate() {}

    /**
     * Makes {@code me} the panic owner if there is none. Returns the owner before the call:
     * null when {@code me} just became the owner.
     */
    public static Thread claim(Thread me) {
        return OWNER.compareAndExchange(null, me);
    }

    /**
     * Runs the claim's compare-and-exchange once without effect, at boot: its access is linked
     * on first use (deep and allocating in the interpreter), which must not first happen at
     * the bottom of a stack overflow. Exchanging this thread for itself changes nothing,
     * whoever owns the panic.
     */
    public static void linkClaim() {
        Thread me = Thread.currentThread();
        OWNER.compareAndExchange(me, me);
    }

    /** The panic owner, or null when no panic is in progress. */
    public static Thread owner() {
        return OWNER.get();
    }

    /** Test mode only: the panic is over and the next one may start. */
    public static void release() {
        OWNER.set(null);
    }

    /** Records the thread that runs the panic sequence (null when none does). */
    public static void setRunner(Thread t) {
        runner = t;
    }

    /** True when {@code t} runs the panic sequence. */
    public static boolean isRunner(Thread t) {
        return t == runner;
    }

    /** True while some thread is running the panic sequence. */
    public static boolean inProgress() {
        return OWNER.get() != null;
    }

    /** True when the calling thread belongs to the panic in progress (owner, runner or a panic worker). */
    public static boolean onPanicPath() {
        Thread me = Thread.currentThread();
        return (me instanceof PanicThread && ((PanicThread) me).onPanicPath()) || me == OWNER.get() || me == runner;
    }

    /**
     * Called by every reporting thread before it writes anything. While a panic is in
     * progress, a thread that is not part of it parks here (kernel: the other CPUs are
     * stopped), so it cannot write over the crash evidence; it holds no Faultline lock while
     * parked. Otherwise the thread is counted as writing until {@link #leaveReport(boolean)},
     * so that a panic starting meanwhile waits (briefly) for it to finish instead of
     * interleaving with it. Returns whether the caller was counted. In test mode a parked
     * thread goes on once the panic has thrown its {@link dev.faultline.PanicError}.
     */
    public static boolean enterReport() {
        boolean interrupted = false;
        try {
            while (true) {
                if (OWNER.get() != null && onPanicPath()) {
                    return false;
                }
                // Count first, then look: a panic that starts after this increment sees the writer.
                WRITERS.incrementAndGet();
                if (OWNER.get() == null || onPanicPath()) {
                    return true;
                }
                WRITERS.decrementAndGet();
                while (OWNER.get() != null) {
                    interrupted |= Pause.nanos(PanicGate.class, HOLD_POLL_NANOS);
                }
            }
        } finally {
            Pause.restore(interrupted);
        }
    }

    /** Ends what {@link #enterReport()} began. */
    public static void leaveReport(boolean counted) {
        if (counted) {
            WRITERS.decrementAndGet();
        }
    }

    /**
     * Waits until reports other threads were already writing when the panic began are
     * finished, for at most {@code nanos} (a writer stuck in a hung sink must not stop the
     * panic). Returns the number still writing.
     */
    public static int drainWriters(long nanos) {
        long deadline = System.nanoTime() + nanos;
        int n;
        while ((n = WRITERS.get()) > 0 && deadline - System.nanoTime() > 0) {
            Pause.nanos(PanicGate.class, DRAIN_POLL_NANOS);
        }
        return n;
    }

}
