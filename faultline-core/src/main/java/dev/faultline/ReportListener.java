package dev.faultline;

/**
 * Receives every emitted report (suppressed firings produce no report).
 *
 * <p>Listeners run synchronously on the thread that raised the report, after the console has
 * printed it — except for the panic report, which Faultline's panic thread emits within a time
 * budget (a listener still busy with it after 5 s is abandoned and the panic goes on). Use
 * {@link Report#threadId()}, not the current thread, to tell where a report came from. A listener that throws is reported once on the console and the next listener
 * still runs; a check that fires inside a listener is printed but not dispatched to listeners
 * again, so listeners cannot recurse.
 */
@FunctionalInterface
public interface ReportListener {
    /** Called once per emitted report. */
    void onReport(Report report);
}
