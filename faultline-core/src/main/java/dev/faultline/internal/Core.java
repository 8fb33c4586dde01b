package dev.faultline.internal;

import dev.faultline.Policy;
import dev.faultline.Registration;
import dev.faultline.Report;
import dev.faultline.ReportKind;
import dev.faultline.ReportListener;
import dev.faultline.Taint;
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
 * <p>Class initialisation cannot throw: every piece that reads the environment catches what it
 * meets and falls back to defaults.
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

    public static final Policy POLICY;

    static {
        Keys.load();
        Settings.setProblemSink(Console::line);
        POLICY = new Policy(Console::line, () -> taint(Taint.RELAXED));
        FuzzMode.applyAtBoot(POLICY);
        Settings.reportUnknownKeys();
        dev.faultline.ring.CrashRings.install();
        dev.faultline.jmx.RuntimeControl.boot();
        Panic.boot();
    }

    private Core() {}

    /** Does nothing; calling it runs the class initialisation (boot) above if it has not run yet. */
    public static void ensureBooted() {
        // The work is in the static initialiser.
    }

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
        List<StackTraceElement> stack = StackCapture.capture();
        String location = stack.isEmpty() ? "" : stack.get(0).toString();
        Thread t = Thread.currentThread();
        return new Report(SEQUENCE.incrementAndGet(), kind, site, location, message, t.getName(), t.getId(),
                Instant.now(), stack, taints(), PID, RUN_ID, dump);
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
        return new Report(SEQUENCE.incrementAndGet(), kind, site, location, message,
                thread == null ? "" : thread.getName(), thread == null ? -1 : thread.getId(),
                Instant.now(), stack, taints(), PID, RUN_ID, dump);
    }

    /** Prints a report and hands it to the listeners. Never throws. */
    public static void emit(Report r) {
        // During a panic only the panic path may write: everyone else waits here, holding nothing.
        boolean counted = Panic.enterReport();
        try {
            emitNow(r);
        } finally {
            Panic.leaveReport(counted);
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
            switch (POLICY.console()) {
                case TEXT: Console.print(r.toText()); break;
                case JSON: Console.line(r.toJson()); break;
                default: break;
            }
            if (POLICY.systemLogger()) {
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

    /**
     * A warning report that was not suppressed: emit, taint {@code W}, count, then the policy
     * decides whether it panics (kernel {@code __warn} then {@code check_panic_on_warn}).
     * Warnings fired inside dump code never get here: a site's firing path counts them as
     * suppressed before it spends a once flag or a rate-limit grant.
     */
    public static void warn(Report r) {
        emit(r);
        taint(Taint.WARNED);
        long count = WARN_COUNT.incrementAndGet();
        checkPanicOnWarn(r, count);
    }

    private static void checkPanicOnWarn(Report r, long count) {
        if (Panic.inProgress()) {
            // Kernel clears panic_on_warn on entry to panic: a WARN on the panic path cannot recurse.
            return;
        }
        if (POLICY.panicOnWarn()) {
            Panic.panic("panic_on_warn set (faultline.panic_on_warn=1) after warning #" + r.sequence(), r);
        }
        int limit = POLICY.warnLimit();
        if (limit > 0 && count >= limit) {
            Panic.panic("warned too often (faultline.warn_limit is " + limit + ")", r);
        }
    }

    /**
     * A BUG: report and panic. Returns only in test mode, by throwing {@link dev.faultline.PanicError}.
     * Inside dump code ({@link DumpGuard}) it is counted as suppressed and throws
     * {@link DumpGuard.BugInDump}, which the dump catches: no report, no panic.
     */
    public static void bug(String site, String message, String dump) {
        if (DumpGuard.active()) {
            DumpGuard.countSuppressed(); // fired inside a dump: no panic, but do not run on past the BUG
            throw new DumpGuard.BugInDump(site);
        }
        Report r;
        try {
            r = newReport(ReportKind.BUG, site, message, dump);
        } catch (OutOfMemoryError e) {
            // The heap is full: drop the panic path's reserve and build the report from it.
            Panic.releaseReserve();
            r = newReport(ReportKind.BUG, site, message, dump);
        }
        Panic.panic("BUG at " + site, r);
    }
}
