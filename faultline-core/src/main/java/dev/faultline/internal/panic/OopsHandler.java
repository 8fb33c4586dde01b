package dev.faultline.internal.panic;

import dev.faultline.PanicError;
import dev.faultline.internal.runtime.RunPolicy;
import dev.faultline.Registration;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.report.Taint;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.console.Console;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.runtime.Reports;
import dev.faultline.internal.runtime.Taints;
import dev.faultline.internal.runtime.Counters;
import dev.faultline.internal.text.Escape;
import dev.faultline.internal.text.LenientFormat;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns a thread dying of an uncaught exception into an oops (kernel: the task dies, the
 * kernel goes on): an {@code OOPS} report with the exception's stack, taint {@code D}, the
 * oops count, the OOPS dumpers, then the policy — {@code panic_on_oom} for an
 * {@link OutOfMemoryError}, {@code panic_on_oops}, and {@code oops_limit}. Then the handler it
 * replaced is called, so existing logging keeps working; when there was none, the JDK's own
 * {@code Exception in thread "..."} output with its {@code Caused by:} sections is printed, as
 * it would have been without Faultline: installing the handler never leaves less evidence.
 *
 * <p>The report's call trace holds the whole cause chain: the exception's frames, then each
 * cause's frames without those it shares with the trace that enclosed it (as the JDK prints
 * {@code ... n more}); the message names each cause and the trace line where its frames begin.
 */
public final class OopsHandler implements Thread.UncaughtExceptionHandler {
    private static final AtomicReference<OopsHandler> INSTALLED = new AtomicReference<>();

    private final Thread.UncaughtExceptionHandler previous;

    private OopsHandler(Thread.UncaughtExceptionHandler previous) {
        this.previous = previous;
    }

    /**
     * Installs the handler as the default uncaught-exception handler, chaining the current
     * one. Installing twice keeps the first. Closing the registration puts the replaced handler
     * back, unless someone else has replaced Faultline's meanwhile.
     */
    public static synchronized Registration install() {
        OopsHandler current = INSTALLED.get();
        if (current != null && Thread.getDefaultUncaughtExceptionHandler() == current) {
            return () -> { };
        }
        OopsHandler h = new OopsHandler(Thread.getDefaultUncaughtExceptionHandler());
        DumpRun.OOPS_BOX.prestart();
        Thread.setDefaultUncaughtExceptionHandler(h);
        INSTALLED.set(h);
        return () -> uninstall(h);
    }

    private static synchronized void uninstall(OopsHandler h) {
        if (Thread.getDefaultUncaughtExceptionHandler() == h) {
            Thread.setDefaultUncaughtExceptionHandler(h.previous);
        }
        INSTALLED.compareAndSet(h, null);
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        try {
            oops(t, e);
        } catch (PanicError panic) {
            // Test mode: the panic has been reported; the thread is dying anyway.
        } catch (Throwable failure) {
            Console.raw("faultline: could not report the death of thread " + Escape.text(LenientFormat.safeString(t))
                    + ": " + Escape.text(LenientFormat.safeString(failure)) + "\n");
        }
        if (previous != null && previous != this) {
            previous.uncaughtException(t, e);
        } else if (previous == null) {
            jdkDefault(t, e);
        }
    }

    /**
     * What {@link ThreadGroup#uncaughtException} prints when there is no default handler; it
     * cannot be called itself, because it would find this handler as the default and loop.
     */
    private static void jdkDefault(Thread t, Throwable e) {
        jdkDefault(t, e, System.err);
    }

    /** As above, onto {@code err}. */
    static void jdkDefault(Thread t, Throwable e, PrintStream err) {
        if (e instanceof ThreadDeath) {
            return;
        }
        try {
            // One block under the stream's lock, as it is two calls: the printer thread, printing
            // the oops report to the same stream, must not land between the heading and the trace.
            synchronized (err) {
                err.print("Exception in thread \"" + t.getName() + "\" ");
                e.printStackTrace(err);
            }
        } catch (Throwable ignored) {
            // As in the JDK: the exception is dropped if it cannot even be printed.
        }
    }

    /**
     * Reports {@code t} dying of {@code e} as an oops, then panics if the policy says so.
     * A {@link PanicError} (a panic already reported, in test mode) is not an oops.
     */
    public static void oops(Thread t, Throwable e) {
        if (e instanceof PanicError) {
            return;
        }
        boolean oom = e instanceof OutOfMemoryError;
        if (oom) {
            // The dying thread may have left the heap full; the report below must still be built.
            Panic.releaseReserve();
        }
        List<StackTraceElement> frames = new ArrayList<>();
        String message = describe(t, e, frames);
        Report r = Reports.newReport(ReportKind.OOPS, e.getClass().getName(), message, null, t,
                frames.toArray(new StackTraceElement[0]));
        Core.emit(r);
        Taints.taint(Taint.DIED);
        long count = Counters.countOops();
        DumpRun.oops("thread \"" + t.getName() + "\" died of " + e.getClass().getName(), r);
        RunPolicy policy = RunPolicy.process();
        if (oom && PanicSettings.panicOnOom()) {
            Panic.panic("out of memory: thread \"" + t.getName() + "\" died of " + e.getClass().getName()
                    + " (" + Keys.PANIC_ON_OOM.property() + "=1)", r);
        }
        if (policy.panicOnOops()) {
            Panic.panic("Fatal exception: thread \"" + t.getName() + "\" died (" + Keys.PANIC_ON_OOPS.property() + "=1)", r);
        }
        int limit = policy.oopsLimit();
        if (limit > 0 && count >= limit) {
            Panic.panic("oopsed too often (" + Keys.OOPS_LIMIT.property() + " is " + limit + ")", r);
        }
        if (oom) {
            Panic.rearmReserve();
        }
    }

    /** At most this many causes are named and their frames kept. */
    static final int MAX_CAUSES = 8;

    /**
     * {@code thread "name" died: <exception>; caused by: <cause> (trace from #n)...} for at
     * most {@link #MAX_CAUSES} causes; adds the exception's frames and then each cause's own
     * frames (those not shared with the enclosing trace) to {@code frames}.
     */
    static String describe(Thread t, Throwable e, List<StackTraceElement> frames) {
        StringBuilder b = new StringBuilder(128).append("thread \"").append(t.getName()).append("\" died: ")
                .append(LenientFormat.safeString(e));
        StackTraceElement[] enclosing = safeTrace(e);
        frames.addAll(Arrays.asList(enclosing));
        Throwable c = e.getCause();
        for (int i = 0; c != null && c != e && i < MAX_CAUSES; i++, c = c.getCause()) {
            StackTraceElement[] own = safeTrace(c);
            int unique = own.length;
            for (int j = enclosing.length - 1; unique > 0 && j >= 0 && own[unique - 1].equals(enclosing[j]); j--) {
                unique--;
            }
            b.append("; caused by: ").append(LenientFormat.safeString(c));
            if (unique > 0) {
                b.append(" (trace from #").append(frames.size() + 1).append(')');
            }
            frames.addAll(Arrays.asList(own).subList(0, unique));
            enclosing = own;
        }
        return b.toString();
    }

    /** {@code e.getStackTrace()}, or none when a hostile exception throws from it. */
    private static StackTraceElement[] safeTrace(Throwable e) {
        try {
            StackTraceElement[] st = e.getStackTrace();
            return st == null ? new StackTraceElement[0] : st;
        } catch (Throwable failure) {
            return new StackTraceElement[0];
        }
    }
}
