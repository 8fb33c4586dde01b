package dev.faultline.report;

/**
 * Receives emitted reports (suppressed firings produce no report).
 *
 * <p><b>Two kinds.</b> A listener added with {@link dev.faultline.Faultline#addListener} runs on Faultline's
 * {@code faultline-listeners} thread: the thread that raised the report never waits for it, so
 * a slow listener cannot slow the application. That thread has a queue of its own, apart from
 * the console's, so a slow or blocked {@code System.err} costs the listeners nothing, and a slow
 * listener costs the console nothing. Reports reach the listener in emission order, a little
 * later than they happened; use {@link Report#threadId()} and {@link Report#time()}, not the
 * current thread or clock, to tell where and when a report came from. A listener added with
 * {@link dev.faultline.Faultline#addSynchronousListener} runs on the raising thread right after the crash ring
 * write and sees every report; it is meant for the rare listener that must see a report before
 * the raising call returns (a test framework attributing a report to the running test).
 *
 * <p><b>Nothing is missed silently.</b> When the listeners fall behind by more than their queue
 * (1024 reports), the oldest reports waiting are given to no listener. They are counted and
 * announced on the listeners' thread — at most once a second while the queue stays full, and at
 * once when the listeners have caught up:
 * <ul>
 *   <li>each listener gets {@link #onMissed} with the number of reports emitted while it was
 *       subscribed that it will never get, how many of them the crash ring kept, and the cause
 *       (the listener that took the most time since the previous announcement), between two
 *       {@code onReport} calls — so {@code onReport} calls plus the counts given to
 *       {@code onMissed} add up to every report emitted while it was subscribed, once the
 *       listeners have caught up (after {@link dev.faultline.Faultline#awaitPrinted}, say);</li>
 *   <li>one line goes to the console and the crash ring: {@code faultline: 1380 reports not
 *       given to listeners (listener com.acme.Audit too slow: 2.13 ms a report); all are in the
 *       crash ring; each listener is told how many it missed} — "all are in the crash ring" only
 *       when the ring kept every one of them, otherwise how many it did not, or that it is off.</li>
 * </ul>
 *
 * <p>The panic report is emitted by Faultline's panic thread; during a panic the listeners'
 * thread stops (the panic owns the process), and a synchronous listener still busy with the
 * panic report after 5 s is abandoned and the panic goes on. A listener that throws (from
 * either method) is reported in one line and the next listener still runs; a check that fires
 * inside a listener is recorded and printed but not dispatched to listeners again, so listeners
 * cannot recurse.
 */
@FunctionalInterface
public interface ReportListener {
    /** Called once per emitted report given to this listener. */
    void onReport(Report report);

    /**
     * Called on the listeners' thread, never at the same time as {@link #onReport}, when reports
     * emitted while this listener was subscribed were dropped from the listeners' queue and will
     * never reach it: at most about once a second while reports are being dropped, and at once
     * when the listeners have caught up (see the class comment). Each dropped report is counted
     * in exactly one call. Never called for a synchronous listener, which misses nothing. The
     * default does nothing; a bridge to a log or a metric system should log or count
     * {@code missed} here, so that its output says what it lacks.
     */
    default void onMissed(MissedReports missed) {
    }
}
