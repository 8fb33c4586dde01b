package dev.faultline.internal.runtime;

import dev.faultline.internal.threads.SystemThreads;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.console.Console;
import dev.faultline.internal.text.Escape;
import dev.faultline.internal.text.LenientFormat;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Work done at a clean JVM shutdown, in a fixed order, from one shutdown hook. One hook rather
 * than one per feature because the order matters: suppressed counts are flushed as reports
 * before the crash ring is forced and marked clean.
 *
 * <p>A panic halts the JVM, so none of this runs after a panic — the panic path does its own
 * forcing.
 */
public final class Shutdown {
    /** Order for work that emits final reports (e.g. "N suppressed" flushes). */
    public static final int FLUSH = 100;
    /** Order for printing what the printer has not printed yet (after the final flushes, before the ring is closed). */
    public static final int PRINT = 500;
    /** Order for sinks that make reports durable and mark the run as cleanly ended. */
    public static final int CLOSE_SINKS = 900;

    private static final List<Task> TASKS = new ArrayList<>();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();
    private static volatile boolean running;
    /** Open deferrals: name → how long the hook waits for it, in nanoseconds. */
    private static final Map<Object, Deferral> DEFERRALS = new IdentityHashMap<>();

    private static final class Deferral {
        final String name;
        final long maxWaitNanos;

        Deferral(String name, long maxWaitNanos) {
            this.name = name;
            this.maxWaitNanos = maxWaitNanos;
        }
    }

    private Shutdown() {}

    private static final class Task {
        final int order;
        final String name;
        final Runnable work;

        Task(int order, String name, Runnable work) {
            this.order = order;
            this.name = name;
            this.work = work;
        }
    }

    /** Adds {@code work} to run at clean shutdown; lower {@code order} runs first. */
    public static void add(int order, String name, Runnable work) {
        synchronized (TASKS) {
            TASKS.add(new Task(order, name, work));
            TASKS.sort((a, b) -> Integer.compare(a.order, b.order));
        }
        if (HOOKED.compareAndSet(false, true)) {
            try {
                Thread hook = new Thread(SystemThreads.systemGroup(), Shutdown::run, "faultline-shutdown", 0);
                SystemThreads.detach(hook);
                Runtime.getRuntime().addShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: nothing more can be registered, and that is fine.
            } catch (SecurityException e) {
                Settings.problem("cannot register the shutdown hook: " + e);
            }
        }
    }

    /**
     * Holds the clean-shutdown tasks back until the returned action runs, for at most
     * {@code maxWaitNanos} from the moment the shutdown hook starts waiting. Returns the action
     * that ends the deferral (idempotent).
     */
    public static Runnable defer(String name, long maxWaitNanos) {
        Object token = new Object();
        synchronized (DEFERRALS) {
            DEFERRALS.put(token, new Deferral(name, Math.max(0, maxWaitNanos)));
        }
        return () -> {
            synchronized (DEFERRALS) {
                DEFERRALS.remove(token);
                DEFERRALS.notifyAll();
            }
        };
    }

    /** Waits for the open deferrals, each at most its own time; one line for each that ran out. */
    private static void awaitDeferrals() {
        long start = System.nanoTime();
        synchronized (DEFERRALS) {
            while (!DEFERRALS.isEmpty()) {
                long waited = System.nanoTime() - start;
                long left = 0;
                for (Iterator<Deferral> it = DEFERRALS.values().iterator(); it.hasNext(); ) {
                    Deferral d = it.next();
                    if (waited >= d.maxWaitNanos) {
                        it.remove();
                        Console.raw("faultline: clean shutdown went ahead without waiting longer for "
                                + Escape.text(d.name) + " (" + d.maxWaitNanos / 1_000_000 + " ms)\n");
                    } else {
                        left = Math.max(left, d.maxWaitNanos - waited);
                    }
                }
                if (DEFERRALS.isEmpty()) {
                    return;
                }
                try {
                    DEFERRALS.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** True while the shutdown tasks run. */
    public static boolean running() {
        return running;
    }

    /** Runs every task once, in order; a failing task is reported and the next one runs. */
    public static void run() {
        if (PanicGate.inProgress()) {
            // Hooks allowed after a panic (panic_shutdown_hooks_ms) are the application's; a clean
            // close would mark the crash evidence as a clean end.
            return;
        }
        // Work another framework does in its own shutdown hook (closing its application, logging
        // into the ring) must come before the ring is marked clean, or the mark is belied.
        awaitDeferrals();
        running = true;
        List<Task> tasks;
        synchronized (TASKS) {
            tasks = new ArrayList<>(TASKS);
            TASKS.clear();
        }
        for (Task t : tasks) {
            try {
                t.work.run();
            } catch (Throwable e) {
                Console.raw("faultline: shutdown task " + t.name + " failed: " + Escape.text(LenientFormat.safeString(e)) + "\n");
            }
        }
    }
}
