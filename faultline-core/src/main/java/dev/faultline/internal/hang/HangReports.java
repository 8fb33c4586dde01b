package dev.faultline.internal.hang;

import dev.faultline.PanicError;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.internal.panic.Panic;
import dev.faultline.internal.runtime.Core;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where the detectors' reports go: the same road as a WARN (ring first, then the printer thread's
 * console, logs, listeners and exporters; {@link Core#emit}), a count per kind, and the
 * {@code *_panic} knob of the detector.
 */
public final class HangReports {
    private static final ReportKind[] KINDS = {ReportKind.DEADLOCK, ReportKind.HUNG, ReportKind.LOCKUP, ReportKind.STALL};
    private static final AtomicLongArray COUNTS = new AtomicLongArray(KINDS.length);

    private HangReports() {}

    /**
     * How many reports of {@code kind} the detectors have made in this process: DEADLOCK, HUNG
     * (the kernel's {@code hung_task_detect_count}), LOCKUP or STALL; 0 for any other kind.
     */
    public static long count(ReportKind kind) {
        for (int i = 0; i < KINDS.length; i++) {
            if (KINDS[i] == kind) {
                return COUNTS.get(i);
            }
        }
        return 0;
    }

    /**
     * Emits {@code r} and counts it; then, when {@code panic} is true, panics with
     * {@code reason} (in test mode the panic's {@link PanicError} is caught here: the checker
     * thread goes on).
     */
    static void emit(Report r, boolean panic, String reason) {
        Core.emit(r);
        for (int i = 0; i < KINDS.length; i++) {
            if (KINDS[i] == r.kind()) {
                COUNTS.incrementAndGet(i);
            }
        }
        if (panic) {
            try {
                Panic.panic(reason, r);
            } catch (PanicError inTestMode) {
                // Reported and recorded; a test goes on, and so does the checker.
            }
        }
    }

    /** A NOTICE (the all-clear of a lockup): emitted, not counted, never a panic. */
    static void notice(Report r) {
        Core.emit(r);
    }
}
