package dev.faultline;

/**
 * Receives emitted reports (suppressed firings produce no report).
 *
 * <p><b>Two kinds.</b> A listener added with {@link Faultline#addListener} runs on Faultline's
 * printer thread, after the console has printed the report: the thread that raised the report
 * never waits for it, so a slow listener cannot slow the application. Reports reach it in
 * emission order, a little later than they happened; use {@link Report#threadId()} and
 * {@link Report#time()}, not the current thread or clock, to tell where and when a report came
 * from. When the printer falls behind by more than its queue (1024 entries), the oldest reports
 * waiting are neither printed nor given to these listeners; the next printed line says how many
 * (all are in the crash ring). A listener added with {@link Faultline#addSynchronousListener}
 * runs on the raising thread right after the crash ring write and sees every report; it is
 * meant for the rare listener that must see a report before the raising call returns (a test
 * framework attributing a report to the running test).
 *
 * <p>The panic report is emitted by Faultline's panic thread; a synchronous listener still busy
 * with it after 5 s is abandoned and the panic goes on. A listener that throws is reported in
 * one line and the next listener still runs; a check that fires inside a listener is recorded
 * and printed but not dispatched to listeners again, so listeners cannot recurse.
 */
@FunctionalInterface
public interface ReportListener {
    /** Called once per emitted report. */
    void onReport(Report report);
}
