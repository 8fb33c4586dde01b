package dev.faultline.report;

import java.util.List;

/**
 * A report's stack as a {@link Throwable}, for handing a report to a logging framework as the
 * exception of a log event: layouts, JSON encoders and log shippers then print and index the
 * stack as they do any exception. Its message is the report's headline
 * ({@code WARNING: site at location}); its stack trace is {@link Report#stack()} (empty for a
 * report without one). It is never thrown by Faultline, has no cause, no suppressed exceptions,
 * and does not capture the stack of the thread that creates it.
 */
public final class ReportTrace extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The report this stands for; not serialised. */
    private final transient Report report;

    /** A trace for {@code report}; never throws for a well-formed report. */
    public ReportTrace(Report report) {
        super(report.headline(), null, false, true);
        this.report = report;
        List<StackTraceElement> stack = report.stack();
        setStackTrace(stack == null ? new StackTraceElement[0] : stack.toArray(new StackTraceElement[0]));
    }

    /** The report, or null after deserialisation. */
    public Report report() {
        return report;
    }
}
