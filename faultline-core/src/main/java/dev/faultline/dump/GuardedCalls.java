package dev.faultline.dump;

import dev.faultline.internal.threads.SystemThreads;
import dev.faultline.internal.runtime.DumpGuard;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs user code a dump has to call ({@code toString()}, a foreign collection's iterator) on a
 * separate daemon thread with a time bound, so that a call which blocks on a lock of the dumped
 * object, sleeps, or loops can only cost the dumping thread the timeout, never a deadlock.
 *
 * <p>At most {@value #THREADS} such calls run at once. A call that overruns is abandoned and
 * interrupted; if it ignores the interrupt its thread stays busy, and once every thread is busy
 * further calls are not made at all (the dump says so) instead of piling up threads. The
 * threads are marked as dump code for their whole life, so a check fired from the user code is
 * suppressed.
 */
final class GuardedCalls {
    static final int THREADS = 8;

    private static final AtomicInteger NUMBER = new AtomicInteger();
    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0, THREADS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), GuardedCalls::newThread);

    private GuardedCalls() {}

    private static Thread newThread(Runnable r) {
        return SystemThreads.daemon(() -> {
            DumpGuard.enter();
            try {
                r.run();
            } finally {
                DumpGuard.exit(); // an idle dump thread ends: it no longer counts as dumping
            }
        }, "faultline-dump-" + NUMBER.incrementAndGet());
    }

    /** How a guarded call ended: a value, or a sentence saying why there is none. */
    static final class Outcome<T> {
        final T value;
        /** Null when {@link #value} is valid; otherwise e.g. {@code threw java.lang.X}. */
        final String failure;
        /** The call overran its time and was abandoned. */
        final boolean timedOut;

        private Outcome(T value, String failure, boolean timedOut) {
            this.value = value;
            this.failure = failure;
            this.timedOut = timedOut;
        }

        static <T> Outcome<T> ok(T value) {
            return new Outcome<>(value, null, false);
        }

        static <T> Outcome<T> failed(String why) {
            return new Outcome<>(null, why, false);
        }
    }

    /** Calls {@code task} on a dump thread, waiting at most {@code timeoutNanos}. Never throws. */
    static <T> Outcome<T> call(Callable<T> task, long timeoutNanos) {
        if (timeoutNanos <= 0) {
            return Outcome.failed("not called: the dump's time budget is spent");
        }
        Future<T> f;
        try {
            f = POOL.submit(task);
        } catch (RejectedExecutionException e) {
            return Outcome.failed("not called: all " + THREADS + " dump threads are busy");
        } catch (Throwable e) {
            return Outcome.failed("not called: " + e.getClass().getName());
        }
        try {
            return Outcome.ok(f.get(timeoutNanos, TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome<>(null, "timed out after " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", true);
        } catch (ExecutionException e) {
            return Outcome.failed(Dumper.threw(e.getCause()));
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt(); // not ours to swallow
            return Outcome.failed("not finished: the dumping thread was interrupted");
        } catch (Throwable e) {
            f.cancel(true);
            return Outcome.failed("not finished: " + e.getClass().getName());
        }
    }
}
