package dev.faultline.internal.panic;

import dev.faultline.internal.runtime.SiteDirectory;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.runtime.Reports;
import dev.faultline.internal.runtime.PanicGate;
import dev.faultline.internal.runtime.StackCapture;
import dev.faultline.internal.text.Escape;
import dev.faultline.panic.DumpReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The steps of a panic, ring first: the panic report with reason and stack, the panic
 * notifiers, the dumpers (their output into the ring), the pending suppressed counts, the
 * {@code not syncing} line, the sinks (crash ring) forced to disk, then the console. Each step runs on
 * {@link Panic#BOX} within its budget, so a step that hangs or throws costs one line and its
 * budget, never the exit.
 */
final class PanicSequence {
    /** Writing the panic report to the ring and the synchronous listeners; a listener that hangs is cut off here. */
    static final long REPORT_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final long FORCE_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How long the panic waits for reports other threads had already begun to write. */
    static final long DRAIN_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Announcing the suppressed counts pending at the panic. */
    static final long FLUSH_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(1);

    private PanicSequence() {}

    /**
     * Runs every step; returns the panic report. Never throws for a failing step. Ring first:
     * the report, the notifiers' and dumpers' lines, the pending suppressed counts and the
     * {@code not syncing} line are written to the crash ring as they happen, the ring is forced,
     * and only then does the panic write to the console what the printer had not printed, within
     * one shared deadline ({@link PanicConsole}).
     */
    static Report run(String reason, Report cause, Report prebuilt, Thread owner) {
        TimeBox.trustConsole();
        Report report = prebuilt != null ? prebuilt : rebuild(reason, cause, owner);
        int stillWriting = PanicGate.drainWriters(DRAIN_BUDGET_NANOS);
        if (stillWriting > 0) {
            Panic.BOX.say("faultline: " + stillWriting + " report(s) by other threads still being written after "
                    + TimeUnit.NANOSECONDS.toMillis(DRAIN_BUDGET_NANOS) + " ms; the panic goes on");
        }
        Panic.BOX.run("the panic report", REPORT_BUDGET_NANOS, new Emit(report), true);
        for (DumperTable.Notifier n : DumperTable.notifiers()) {
            Panic.BOX.run("panic notifier '" + Escape.text(n.name) + "'", n.budgetNanos, new Notify(n, reason, report),
                    false);
        }
        DumpRun.run(Panic.BOX, DumpReason.PANIC, reason, report);
        Panic.BOX.run("flushing suppressed counts", FLUSH_BUDGET_NANOS, FLUSH_SUPPRESSED, true);
        Panic.BOX.say(dev.faultline.ring.RingFormat.PANIC_LINE_PREFIX + Escape.text(reason));
        Panic.BOX.run("forcing the sinks", FORCE_BUDGET_NANOS, FORCE_SINKS, true);
        flushConsole();
        return report;
    }

    /** The console part of a panic or emergency: everything not printed yet, within the shared deadline. */
    static void flushConsole() {
        PanicConsole.flush(Panic.BOX);
    }

    // The steps are classes, not lambdas: a lambda is linked on first use, which allocates and
    // takes time exactly when the heap may be full; these are loaded at boot (PanicClasses).

    /** Step: print the report and hand it to the sinks and listeners. */
    static final class Emit implements TimeBox.Step {
        private final Report report;

        Emit(Report report) {
            this.report = report;
        }

        @Override
        public void run() {
            Core.emit(report);
        }
    }

    /** Step: one panic notifier. */
    static final class Notify implements TimeBox.Step {
        private final DumperTable.Notifier notifier;
        private final String reason;
        private final Report report;

        Notify(DumperTable.Notifier notifier, String reason, Report report) {
            this.notifier = notifier;
            this.reason = reason;
            this.report = report;
        }

        @Override
        public void run() throws Exception {
            notifier.notifier.onPanic(reason, report);
        }
    }

    /** Step: force every sink (the crash ring) to stable storage. */
    static final class ForceSinks implements TimeBox.Step {
        @Override
        public void run() {
            Core.forceSinks();
        }
    }

    static final TimeBox.Step FORCE_SINKS = new ForceSinks();

    /** Step: announce the suppressed counts still pending, as reports (so they reach the ring). */
    static final class FlushSuppressed implements TimeBox.Step {
        @Override
        public void run() {
            SiteDirectory.flushSuppressed();
        }
    }

    static final TimeBox.Step FLUSH_SUPPRESSED = new FlushSuppressed();

    /** The PANIC report, built from the owner's stack as seen from here (the owner is parked). */
    private static Report rebuild(String reason, Report cause, Thread owner) {
        StackTraceElement[] frames;
        try {
            frames = owner == null ? new StackTraceElement[0] : owner.getStackTrace();
        } catch (Throwable e) {
            frames = new StackTraceElement[0];
        }
        return Reports.newReport(ReportKind.PANIC, cause == null ? "panic" : cause.site(), reason, null, owner,
                withoutWaitFrames(frames));
    }

    /** The BUG report its owner could not build (out of stack or heap), from the owner's stack as seen from here. */
    static Report rebuildBug(String site, String message, String dump, Thread owner) {
        StackTraceElement[] frames;
        try {
            frames = owner == null ? new StackTraceElement[0] : owner.getStackTrace();
        } catch (Throwable e) {
            frames = new StackTraceElement[0];
        }
        return Reports.newReport(ReportKind.BUG, site, message, dump, owner, withoutWaitFrames(frames));
    }

    /** Drops the frames of the owner's wait (JDK parking and Faultline's own), keeping the caller's. */
    static StackTraceElement[] withoutWaitFrames(StackTraceElement[] frames) {
        int i = 0;
        while (i < frames.length && isWaitFrame(frames[i].getClassName())) {
            i++;
        }
        if (i == frames.length) {
            i = 0;
        }
        List<StackTraceElement> kept = new ArrayList<>();
        for (int j = i; j < frames.length; j++) {
            kept.add(frames[j]);
        }
        return kept.toArray(new StackTraceElement[0]);
    }

    private static boolean isWaitFrame(String cls) {
        return cls.startsWith("java.") || cls.startsWith("jdk.internal.") || cls.startsWith("sun.")
                || StackCapture.isMachinery(cls);
    }
}
