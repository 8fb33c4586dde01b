package dev.faultline;

/**
 * Receives every emitted report (suppressed firings produce no report).
 *
 * <p>Listeners run synchronously on the thread that raised the report, after the console has
 * printed it. A listener that throws is reported once on the console and the next listener
 * still runs; a check that fires inside a listener is printed but not dispatched to listeners
 * again, so listeners cannot recurse.
 */
@FunctionalInterface
public interface ReportListener {
    /** Called once per emitted report. */
    void onReport(Report report);
}
