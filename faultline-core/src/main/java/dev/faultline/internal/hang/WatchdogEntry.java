package dev.faultline.internal.hang;

import dev.faultline.Watchdog;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;

/**
 * One watchdog: the loop's side is one field, {@code beat}, that {@link #touch()} and
 * {@link #idle()} store into; the checker's side is the rest, written by the checker thread
 * only.
 *
 * <p><b>The beat.</b> {@code touch()} stores the next even number, {@code idle()} the current
 * one made odd: one store each, so "busy and making progress" and "idle" never need two fields
 * kept in step. The checker sees progress when the beat changed since it last looked, and an
 * idle loop when the beat is odd.
 *
 * <p><b>Why an opaque store, and why that is enough.</b> The loop's thread and the checker share
 * nothing but this one number, and the checker needs no other memory to be visible along with
 * it: it only asks "has the number changed?". So no happens-before edge is needed, and no
 * volatile write (which costs a fence on every touch, the price a Vert.x-style volatile
 * timestamp pays). What is needed is that the store really happens and becomes visible in
 * bounded time: a plain field store gives neither guarantee (the JIT may keep the field in a
 * register for a whole loop and store it once at the end, and the JMM promises no progress for
 * a plain write). {@link VarHandle#setOpaque} promises both (the store is performed, in program
 * order with respect to other accesses of the same variable, and eventually seen by an opaque
 * reader) and compiles to the same single {@code mov} as a plain store on x86 and AArch64: the
 * only thing it forbids is the compiler's merging and sinking of the store. The read half of
 * {@code touch()} is a plain read of the thread's own last store. If two threads touch one
 * watchdog, a racing pair of touches may store the same number twice; the next touch changes it
 * again, so at most one touch is lost, never the fact of progress.
 */
final class WatchdogEntry implements Watchdog {
    private static final VarHandle BEAT;

    static {
        try {
            BEAT = MethodHandles.lookup().findVarHandle(WatchdogEntry.class, "beat", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String name;
    final long timeoutNanos;
    final Thread thread;
    /** Even: busy; odd: idle. Stored only through {@link #BEAT} (opaque). */
    @SuppressWarnings("unused") // written through BEAT; read plainly by touch() for its own last store
    private long beat;
    private volatile boolean closed;

    // The checker's state, written and read by the checker thread only.
    /** False until the checker first looked at this watchdog. */
    boolean seen;
    /** The beat the checker saw last. */
    long lastBeat;
    /** When (the checker's clock) the beat last changed or was seen idle. */
    long progressAt;
    /** True from the LOCKUP report until the all-clear. */
    boolean stuck;

    WatchdogEntry(String name, long timeoutNanos, Thread thread) {
        this.name = name;
        this.timeoutNanos = timeoutNanos;
        this.thread = thread;
    }

    @Override
    public void touch() {
        BEAT.setOpaque(this, (beat | 1) + 1);
    }

    @Override
    public void idle() {
        BEAT.setOpaque(this, beat | 1);
    }

    /** The beat as the checker reads it (opaque: sees the loop's stores in bounded time). */
    long beat() {
        return (long) BEAT.getOpaque(this);
    }

    boolean closed() {
        return closed;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    @Override
    public Thread thread() {
        return thread;
    }

    @Override
    public void close() {
        closed = true;
        Watchdogs.closed(this);
    }

    @Override
    public String toString() {
        return "watchdog " + name + " of thread \"" + thread.getName() + "\" (timeout "
                + HangDurations.seconds(timeoutNanos) + ")";
    }
}
