package dev.faultline;

import java.time.Duration;
import dev.faultline.report.ReportKind;

/**
 * A soft-lockup watchdog for one loop, from {@link Faultline#watchdog(String, Duration)}: the
 * kernel's {@code touch_softlockup_watchdog()} for a JVM thread. The loop calls {@link #touch()}
 * each time it makes progress, and {@link #idle()} before it waits for work. Faultline's checker
 * thread looks at the watchdog four times per timeout; when the loop has neither touched it nor
 * said it is idle for longer than its timeout, it reports a {@link ReportKind#LOCKUP} with the
 * stack of the watchdog's thread at that moment (once per lockup, tainting the process
 * {@code L}), and when the loop touches it again (or goes idle, or its thread ends, or it is
 * closed) a {@link ReportKind#NOTICE} says how long it was stuck.
 *
 * <pre>{@code
 * try (Watchdog watchdog = Faultline.watchdog("event-loop", Duration.ofSeconds(2))) {
 *     while (running) {
 *         watchdog.idle();            // waiting for work is never a lockup
 *         Task task = queue.take();
 *         watchdog.touch();           // from here on it must touch again within 2 s
 *         task.run();
 *     }
 * }
 * }</pre>
 *
 * <p>Whatever the loop's thread does between touches counts: computing, spinning, blocking I/O,
 * waiting for a lock, sleeping. That is the point of a watchdog (an event loop that sleeps or
 * waits on a future is as stuck as one that spins); only {@link #idle()} says "not stuck".
 *
 * <p>A watchdog belongs to the thread that made it: its stack and state go into the report.
 * When that thread ends, the watchdog is retired at the next check (an ended thread is not
 * stuck). Close the watchdog when the loop ends; one that is neither closed nor retired is
 * checked for the life of its thread. {@code faultline.soft_watchdog=0} stops all checking and
 * {@code faultline.softlockup_panic=1} makes a LOCKUP panic.
 */
public interface Watchdog extends AutoCloseable {
    /**
     * The loop made progress (and is busy: the timeout runs from now). One opaque store into
     * this watchdog: no fence, no volatile write, nothing allocated, the cost of writing a field.
     * Callable from any thread, at any rate; after {@link #close()} it is ignored.
     */
    void touch();

    /**
     * The loop is about to wait for work: until the next {@link #touch()} it is idle and never
     * reported. One store, as {@code touch()}.
     */
    void idle();

    /** The name given at creation: the reports' site. */
    String name();

    /** How long the loop may go without touching before it is reported. */
    Duration timeout();

    /** The thread this watchdog watches: the one that made it. */
    Thread thread();

    /** Stops watching. Idempotent; never throws. */
    @Override
    void close();
}
