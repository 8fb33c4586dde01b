package dev.faultline;

import dev.faultline.report.Report;
/**
 * Thrown instead of halting the JVM when a panic happens in test mode
 * ({@code faultline.test_mode=1} or {@link Policy#setTestMode(boolean)}).
 *
 * <p>It is an {@link Error} so ordinary {@code catch (Exception e)} blocks in the code under
 * test do not swallow it. The panic's report is available through {@link #report()}, and its
 * stack trace is the report's stack: it starts at the call site that raised the check, not in
 * Faultline's panic machinery.
 */
public final class PanicError extends Error {
    private static final long serialVersionUID = 1L;

    private final transient Report report;

    public PanicError(String reason, Report report) {
        super(reason, null, false, true);
        this.report = report;
        if (report != null && !report.stack().isEmpty()) {
            // The report's stack starts at the line that raised the check; Faultline's own panic
            // frames above it would only make every finding look alike (fuzzers deduplicate by stack).
            setStackTrace(report.stack().toArray(new StackTraceElement[0]));
        }
    }

    /** The report printed by the panic (a {@code BUG} or {@code PANIC} report). */
    public Report report() {
        return report;
    }
}
