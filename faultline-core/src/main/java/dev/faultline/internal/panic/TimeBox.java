package dev.faultline.internal.panic;

import dev.faultline.internal.clock.Pause;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.runtime.PanicThread;
import dev.faultline.internal.text.Escape;
import dev.faultline.internal.text.LenientFormat;
import dev.faultline.ring.RingFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one step of the panic (or oops, or shutdown) path on a separate thread and waits for it
 * at most a given time. A step that throws or overruns is abandoned with one line on the
 * console and the caller goes on; an overrunning step keeps its thread, so the next step gets
 * a fresh one. The worker is started ahead of time so that the common case starts no thread
 * while the process is failing.
 *
 * <p>Not for concurrent use: each path owns its box (the panic path runs once, under the
 * panic owner; the oops path claims its box with {@link #tryClaim()}).
 */
final class TimeBox {
    /** One piece of work run under a time budget. */
    interface Step {
        void run() throws Exception;
    }

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Longer budgets are cut to this, so that the deadline cannot overflow. */
    private static final long MAX_BUDGET_NANOS = TimeUnit.DAYS.toNanos(1);

    private final String threadName;
    private final boolean panicPath;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger claimed = new AtomicInteger();
    private volatile Worker worker;

    /** @param panicPath true for the panic's own box: its workers may report during the panic */
    TimeBox(String threadName, boolean panicPath) {
        this.threadName = threadName;
        this.panicPath = panicPath;
    }

    /** Starts the worker now, so that a failing process does not have to. Never throws. */
    void prestart() {
        try {
            worker();
        } catch (Throwable e) {
            Settings.problem("cannot start " + threadName + " ahead of time (" + e + "); it is started when needed");
        }
    }

    /** Claims the box for one caller; false when another caller has it. Release with {@link #release()}. */
    boolean tryClaim() {
        return claimed.compareAndSet(0, 1);
    }

    void release() {
        claimed.set(0);
    }

    /**
     * Runs {@code step} for at most {@code budgetNanos}. Returns true when it finished in time
     * without throwing. Never throws.
     *
     * @param what             names the step in the one line printed when it fails
     * @param inlineIfNoThread when no worker thread can be started: true runs the step on the
     *                         calling thread without a time limit (for Faultline's own steps),
     *                         false skips it (for user code that might hang)
     */
    boolean run(String what, long budgetNanos, Step step, boolean inlineIfNoThread) {
        Job job = attempt(step, budgetNanos);
        if (job == null) {
            if (!inlineIfNoThread) {
                say("faultline: " + what + " skipped: no thread could be started for it");
                return false;
            }
            return runInline(what, step);
        }
        if (!job.finished) {
            say("faultline: " + what + " did not finish within " + TimeUnit.NANOSECONDS.toMillis(budgetNanos)
                    + " ms; abandoned, going on");
            return false;
        }
        if (job.failure != null) {
            failed(what, job.failure);
            return false;
        }
        return true;
    }

    /**
     * One line of the failure path: written to the crash ring at once (as a panic line on the
     * panic's box, a console line otherwise), then printed by the printer thread; once the
     * panic has taken the console over ({@link PanicConsole}), printed by the panic path itself
     * within the console's shared deadline. Never blocks on the console beyond that.
     */
    void say(String line) {
        if (PanicConsole.active()) {
            Core.recordLine(RingFormat.CODE_PANIC, line);
            PanicConsole.line(this, line + "\n");
        } else {
            Core.notice(panicPath ? RingFormat.CODE_PANIC : RingFormat.CODE_CONSOLE, line);
        }
    }

    /** Starts a new failure sequence trusting the console again (test mode survives its panics). */
    static void trustConsole() {
        PanicConsole.reset();
    }

    /**
     * Hands {@code step} to the worker and waits at most {@code budgetNanos}. Returns the job,
     * finished or not (an unfinished job's worker is given up), or null when no worker thread
     * could be started.
     */
    Job attempt(Step step, long budgetNanos) {
        Worker w;
        try {
            w = worker();
        } catch (Throwable e) {
            return null;
        }
        Job job = new Job(step, Thread.currentThread());
        w.job = job;
        LockSupport.unpark(w.thread);
        long deadline = System.nanoTime() + Math.min(budgetNanos, MAX_BUDGET_NANOS);
        boolean interrupted = false;
        try {
            while (!job.finished) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    // The worker stays stuck in the step; the next step must not queue behind it.
                    if (worker == w) {
                        worker = null;
                    }
                    return job;
                }
                interrupted |= Pause.nanos(this, Math.min(left, POLL_NANOS));
            }
        } finally {
            Pause.restore(interrupted);
        }
        return job;
    }

    private boolean runInline(String what, Step step) {
        try {
            step.run();
            return true;
        } catch (Throwable e) {
            failed(what, e);
            return false;
        }
    }

    private void failed(String what, Throwable e) {
        say("faultline: " + what + " failed: " + Escape.text(LenientFormat.safeString(e)) + "; going on");
    }

    private Worker worker() {
        Worker w = worker;
        if (w == null || !w.isAlive()) {
            w = new Worker();
            w.setThread(new PanicThread(w, threadName + "-" + started.incrementAndGet(), panicPath));
            w.thread.start();
            worker = w;
        }
        return w;
    }

    static final class Job {
        final Step step;
        final Thread waiter;
        volatile boolean finished;
        volatile Throwable failure;

        Job(Step step, Thread waiter) {
            this.step = step;
            this.waiter = waiter;
        }
    }

    /** The loop of a worker thread: wait for a job, run it, tell the waiter. */
    private static final class Worker implements Runnable {
        volatile Job job;
        PanicThread thread;

        void setThread(PanicThread t) {
            thread = t;
        }

        boolean isAlive() {
            return thread.isAlive();
        }

        @Override
        public void run() {
            while (true) {
                Job j = job;
                if (j == null) {
                    Pause.untilUnparked(this);
                    continue;
                }
                job = null;
                try {
                    j.step.run();
                } catch (Throwable e) {
                    j.failure = e;
                }
                j.finished = true;
                LockSupport.unpark(j.waiter);
            }
        }
    }
}
