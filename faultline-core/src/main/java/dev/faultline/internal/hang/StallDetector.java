package dev.faultline.internal.hang;

import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.internal.runtime.Reports;

/**
 * Stalls of the whole JVM, by jHiccup's method: the checker thread asks to sleep for a known
 * time and measures how much later than that it woke. Nothing but the thread's own scheduling
 * is assumed, so it sees every cause alike: a GC pause, any other safepoint, the process not
 * running (stopped by {@code SIGSTOP} or a debugger, throttled by its cgroup's CPU quota, its VM
 * or host paused), or a machine so loaded that the checker is not scheduled. A wake-up later
 * than {@code faultline.stall_threshold} is a STALL report whose dump says what the JVM exposes
 * about that time ({@link JvmCounters}): GC collections and time, process CPU time, safepoints
 * where exposed, and which cause those figures point to.
 *
 * <p>The lateness is a lower bound of the stall: a stall that began while the checker slept is
 * seen less the part of the sleep before it, so up to one sleep (a fifth of the threshold, at
 * most 1 s) shorter. A stall shorter than the threshold is not reported; the detectors that
 * measure time (hung tasks, watchdogs) leave every stall out of their clocks whatever its
 * length.
 */
final class StallDetector {
    /** The site of every STALL report: no code is to blame, the JVM is. */
    static final String SITE = "jvm";

    /** Sampled before each sleep; null when java.management is absent (lateness is still measured). */
    private JvmCounters before;
    private final boolean counters;

    StallDetector(boolean counters) {
        this.counters = counters;
    }

    /** Called before each sleep while stall detection is on. */
    void beforeSleep() {
        if (counters) {
            before = JvmCounters.sample();
        }
    }

    /** Called after a sleep of {@code askedNanos} that woke {@code lateNanos} late; reports when that is at least the threshold. */
    void afterSleep(long askedNanos, long lateNanos, long thresholdNanos) {
        JvmCounters then = before;
        before = null;
        if (thresholdNanos <= 0 || lateNanos < thresholdNanos) {
            return;
        }
        long lateMs = lateNanos / 1_000_000;
        StringBuilder dump = new StringBuilder(512);
        dump.append("the checker slept ").append(askedNanos / 1_000_000).append(" ms and woke ").append(lateMs)
                .append(" ms late\n");
        String message;
        if (then != null) {
            JvmCounters now = JvmCounters.sample();
            long gcMs = now.gcMillisSince(then);
            long safepointMs = now.safepointMillisSince(then);
            long cpuNanos = now.cpuNanosSince(then);
            dump.append("GC in that time: ").append(now.gcSince(then)).append('\n');
            dump.append("safepoints in that time: ").append(now.safepointsSince(then)).append('\n');
            dump.append("process CPU in that time: ")
                    .append(cpuNanos < 0 ? "not known (no jdk.management)" : cpuNanos / 1_000_000 + " ms").append('\n');
            long askedMs = askedNanos / 1_000_000;
            dump.append("most likely: ").append(explained(lateMs, askedMs, gcMs, safepointMs, cpuNanos));
            message = "the JVM stalled for at least " + HangDurations.seconds(lateNanos) + " (the checker woke that late);"
                    + " GC " + gcMs + " ms of it; most likely " + cause(lateMs, askedMs, gcMs, safepointMs, cpuNanos);
        } else {
            dump.append("GC, safepoint and CPU figures: not known (no java.management in this runtime)");
            message = "the JVM stalled for at least " + HangDurations.seconds(lateNanos) + " (the checker woke that late)";
        }
        // The checker's thread: the one that measured the stall. No stack: no code is to blame.
        Report r = Reports.newReport(ReportKind.STALL, SITE, message, dump.toString(), Thread.currentThread(), null);
        HangReports.emit(r, false, null);
    }

    /**
     * Which cause the figures point to. GC or safepoint time covering most of the stall: that
     * pause. Otherwise little CPU used during it: the process was not running at all. Otherwise
     * the process ran and this thread did not: CPU starvation, or a pause the JVM does not count.
     */
    static String cause(long lateMs, long askedMs, long gcMs, long safepointMs, long cpuNanos) {
        return CAUSES[causeIndex(lateMs, askedMs, gcMs, safepointMs, cpuNanos)][0];
    }

    /** The same cause, explained (for the dump). */
    static String explained(long lateMs, long askedMs, long gcMs, long safepointMs, long cpuNanos) {
        String[] c = CAUSES[causeIndex(lateMs, askedMs, gcMs, safepointMs, cpuNanos)];
        return c[0] + ": " + c[1] + (safepointMs < 0 && c == CAUSES[3] ? " (safepoints are not exposed)" : "");
    }

    private static final String[][] CAUSES = {
        {"a GC pause", "GC time covers most of the stall"},
        {"a safepoint that is not GC", "safepoint time covers most of the stall, GC little of it (deoptimisation, a"
                + " thread dump, class redefinition, ...)"},
        {"the whole process was not running", "it used little CPU in that time and GC accounts for little of it"
                + " (stopped by SIGSTOP or a debugger, throttled by its cgroup's CPU quota, or its host or VM paused)"},
        {"CPU starvation or a pause the JVM does not count", "the process used CPU in that time but this thread was"
                + " not scheduled, and GC accounts for little of it"},
        {"not known", "GC accounts for little of it, and process CPU time is not exposed"},
    };

    private static int causeIndex(long lateMs, long askedMs, long gcMs, long safepointMs, long cpuNanos) {
        if (gcMs * 2 >= lateMs) {
            return 0;
        }
        if (safepointMs >= 0 && safepointMs * 2 >= lateMs) {
            return 1;
        }
        if (cpuNanos >= 0 && cpuNanos / 1_000_000 * 4 < lateMs + askedMs) {
            return 2;
        }
        return cpuNanos >= 0 ? 3 : 4;
    }
}
