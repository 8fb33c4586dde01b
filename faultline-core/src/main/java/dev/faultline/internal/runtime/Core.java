package dev.faultline.internal.runtime;

import dev.faultline.Faultline;
import dev.faultline.Registration;
import dev.faultline.Report;
import dev.faultline.ReportKind;
import dev.faultline.ReportListener;
import dev.faultline.Taint;
import dev.faultline.internal.console.Console;
import dev.faultline.internal.text.Escape;
import dev.faultline.internal.text.LenientFormat;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one process-wide runtime: taint, counters, policy, listeners, and the road from a fired
 * check to a report. Only the cold path comes here; a passing check never does.
 *
 * <p>Class initialisation cannot throw and connects nothing: {@code Boot} wires the subsystems
 * to this runtime in its stated order.
 */
public final class Core {
    /** This process's id, or -1 when the platform does not tell. */
    public static final long PID = pid();
    /** Random id of this process run; with the pid it identifies a run even when every JVM is pid 1. */
    public static final String RUN_ID = runId();

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final AtomicLong WARN_COUNT = new AtomicLong();
    private static final AtomicLong OOPS_COUNT = new AtomicLong();
    private static final AtomicInteger TAINT = new AtomicInteger();
    private static final AtomicInteger ONCE_EPOCH = new AtomicInteger();
    private static final List<ReportListener> LISTENERS = new CopyOnWriteArrayList<>();
    private static final List<ReportSink> SINKS = new CopyOnWriteArrayList<>();
    private static final ThreadLocal<boolean[]> DISPATCHING = ThreadLocal.withInitial(() -> new boolean[1]);

    private Core() {}

    private static long pid() {
        try {
            return ProcessHandle.current().pid();
        } catch (Throwable e) {
            return -1;
        }
    }

    private static String runId() {
        long r = ThreadLocalRandom.current().nextLong() ^ System.nanoTime() ^ (System.currentTimeMillis() << 20);
        return String.format("%016x", r);
    }

    // ---- taint and counters -------------------------------------------------------------

    public static void taint(Taint t) {
        TAINT.getAndUpdate(bits -> bits | (1 << t.ordinal()));
    }

    public static Set<Taint> taints() {
        int bits = TAINT.get();
        EnumSet<Taint> set = EnumSet.noneOf(Taint.class);
        for (Taint t : Taint.values()) {
            if ((bits & (1 << t.ordinal())) != 0) {
                set.add(t);
            }
        }
        return set;
    }

    public static long warnCount() {
        return WARN_COUNT.get();
    }

    public static long oopsCount() {
        return OOPS_COUNT.get();
    }

    /** Counts an oops and returns the new count. */
    public static long countOops() {
        return OOPS_COUNT.incrementAndGet();
    }

    /** The current warn-once epoch; {@link #clearWarnOnce()} starts a new one. */
    public static int onceEpoch() {
        return ONCE_EPOCH.get();
    }

    /** Kernel clear_warn_once: every once-site may report again. */
    public static void clearWarnOnce() {
        ONCE_EPOCH.incrementAndGet();
    }

    /**
     * Resets counters and taint. Only for tests that need a fresh process state; a production
     * process never forgets its taint.
     */
    public static void resetForTests() {
        WARN_COUNT.set(0);
        OOPS_COUNT.set(0);
        TAINT.set(0);
        clearWarnOnce();
    }

    // ---- listeners ---------------------------------------------------------------------

    public static Registration addListener(ReportListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
    }

    // ---- sinks -------------------------------------------------------------------------

    /** Adds a sink that receives every emitted report before the console does. */
    public static Registration addSink(ReportSink sink) {
        if (sink == null) {
            throw new IllegalArgumentException("sink must not be null");
        }
        SINKS.add(sink);
        return () -> SINKS.remove(sink);
    }

    /** Forces every sink to stable storage; a sink that fails is reported and the rest still run. */
    public static void forceSinks() {
        for (ReportSink s : SINKS) {
            try {
                s.force();
            } catch (Throwable e) {
                Console.raw("faultline: could not force " + Escape.text(LenientFormat.safeString(s)) + ": "
                        + Escape.text(LenientFormat.safeString(e)) + "\n");
            }
        }
    }

    // ---- reports -----------------------------------------------------------------------

    /** Builds a report stamped with the next sequence number, this thread, now and the stack. */
    public static Report newReport(ReportKind kind, String site, String message, String dump) {
        return newReport(kind, site, message, dump, null);
    }

    /** As {@link #newReport(ReportKind, String, String, String)}, for a check of debug domain {@code domain}. */
    public static Report newReport(ReportKind kind, String site, String message, String dump, String domain) {
        List<StackTraceElement> stack = StackCapture.capture();
        String location = stack.isEmpty() ? "" : stack.get(0).toString();
        Thread t = Thread.currentThread();
        return stamped(kind, site, location, message, t.getName(), t.getId(), stack, dump, domain);
    }

    /**
     * Builds a report for {@code thread} with a stack taken elsewhere (an exception's, or a
     * parked thread's), stamped with the next sequence number and now; the stack is cut to
     * {@link StackCapture#MAX_FRAMES} frames.
     */
    public static Report newReport(ReportKind kind, String site, String message, String dump, Thread thread,
                                   StackTraceElement[] frames) {
        int n = frames == null ? 0 : Math.min(frames.length, StackCapture.MAX_FRAMES);
        List<StackTraceElement> stack = n == 0 ? List.of() : List.of(frames).subList(0, n);
        String location = stack.isEmpty() ? "" : stack.get(0).toString();
        return stamped(kind, site, location, message, thread == null ? "" : thread.getName(),
                thread == null ? -1 : thread.getId(), stack, dump, null);
    }

    private static Report stamped(ReportKind kind, String site, String location, String message, String threadName,
                                  long threadId, List<StackTraceElement> stack, String dump, String domain) {
        return Report.builder(kind).sequence(SEQUENCE.incrementAndGet()).site(site).location(location)
                .message(message).thread(threadName, threadId).time(Instant.now()).stack(stack).taints(taints())
                .process(PID, RUN_ID).dump(dump).domain(domain).build();
    }

    /** Prints a report and hands it to the listeners. Never throws. */
    public static void emit(Report r) {
        // During a panic only the panic path may write: everyone else waits here, holding nothing.
        boolean counted = PanicGate.enterReport();
        try {
            emitNow(r);
        } finally {
            PanicGate.leaveReport(counted);
        }
    }

    private static void emitNow(Report r) {
        for (ReportSink s : SINKS) {
            try {
                s.write(r);
            } catch (Throwable e) {
                Console.raw("faultline: sink " + Escape.text(LenientFormat.safeString(s)) + " failed on report "
                        + r.sequence() + ": " + Escape.text(LenientFormat.safeString(e)) + "\n");
            }
        }
        try {
            switch (Faultline.policy().console()) {
                case TEXT: Console.print(r.toText()); break;
                case JSON: Console.line(r.toJson()); break;
                default: break;
            }
            if (Faultline.policy().systemLogger()) {
                SystemLoggerSink.log(r);
            }
        } catch (Throwable e) {
            Console.raw("faultline: could not print report " + r.sequence() + ": " + Escape.text(LenientFormat.safeString(e))
                    + "\n");
        }
        boolean[] dispatching = DISPATCHING.get();
        if (dispatching[0]) {
            // A check fired inside a listener: printed above, but never fed back to listeners.
            return;
        }
        dispatching[0] = true;
        try {
            for (ReportListener l : LISTENERS) {
                try {
                    l.onReport(r);
                } catch (Throwable e) {
                    Console.line("faultline: listener " + Escape.text(LenientFormat.safeString(l)) + " threw "
                            + Escape.text(LenientFormat.safeString(e)) + " on report " + r.sequence() + "; continuing");
                }
            }
        } finally {
            dispatching[0] = false;
        }
    }

    /** Counts a reported warning and returns the process's new warn count. */
    public static long countWarning() {
        return WARN_COUNT.incrementAndGet();
    }

    /**
     * A run-time configuration change: one line saying what changed and through which channel;
     * a change that relaxes a safety setting taints the process {@link Taint#RELAXED}.
     */
    public static void configurationChanged(String line, boolean relaxes) {
        Console.line(line);
        if (relaxes) {
            taint(Taint.RELAXED);
        }
    }
}
