package dev.faultline.internal.runtime;

import dev.faultline.internal.threads.SystemThreads;
import dev.faultline.report.MissedReports;
import dev.faultline.report.Report;
import dev.faultline.report.ReportListener;
import dev.faultline.report.ReportTrace;
import dev.faultline.ring.RecoveredRun;
import java.util.List;

/**
 * Sends reports to the JDK's {@link System.Logger}, from where {@code java.util.logging} (the
 * default) or a logging bridge takes them: one of the asynchronous listeners while
 * {@code faultline.system_logger} is on. Each report is one record on the logger
 * {@code faultline.<site>}, its message the report's {@link Report#summary() summary} (headline
 * and message), its throwable the report's stack as a {@link ReportTrace}, by which
 * {@link dev.faultline.ring.CrashRingHandler} knows the report is in the crash ring already.
 * The earlier runs recovered at start are announced on {@code faultline.recovered}.
 */
public final class SystemLoggerSink {
    private SystemLoggerSink() {}

    static void log(Report r) {
        System.getLogger("faultline." + r.site()).log(r.kind().level(), r.summary(), new ReportTrace(r));
    }

    /**
     * Announces each of {@code runs} as one ERROR record on {@code faultline.recovered}, as the
     * Logback and Log4j2 integrations do: {@code previous run RUN (pid PID) ENDING; last report:
     * HEADLINE; archived in PATH}. Runs on a short-lived daemon thread, so the logging framework
     * that {@code System.Logger} starts is not started inside Faultline's boot. Never throws.
     */
    public static void announceRecovered(List<RecoveredRun> runs) {
        if (runs.isEmpty()) {
            return;
        }
        try {
            Thread t = SystemThreads.daemon(() -> {
                try {
                    System.Logger log = System.getLogger("faultline.recovered");
                    for (RecoveredRun run : runs) {
                        String last = run.headline() == null ? "none" : run.headline().firstLine();
                        log.log(System.Logger.Level.ERROR, "previous run " + run.runId() + " (pid " + run.pid() + ") "
                                + run.ending() + (run.panicked() ? "; panic report: " : "; last report: ") + last
                                + "; archived in " + run.archive());
                    }
                } catch (Throwable ignored) {
                    // Each run was announced on the console at start and is in the archive.
                }
            }, "faultline-announce-recovered");
            t.start();
        } catch (Throwable ignored) {
            // As above: the console line and the archive remain.
        }
    }

    /** The listener: every report logged; reports it missed said in one WARNING. */
    static final class Listener implements ReportListener {
        @Override
        public void onReport(Report report) {
            log(report);
        }

        @Override
        public void onMissed(MissedReports missed) {
            System.getLogger("faultline").log(System.Logger.Level.WARNING, missed + "; not logged here");
        }

        @Override
        public String toString() {
            return "System.Logger (faultline.system_logger)";
        }
    }
}
